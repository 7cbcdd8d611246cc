package dev.ichie.server.passkey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceremonies' options in the WebAuthn Level 3 JSON form, as the browser's {@code
 * PublicKeyCredential.parseCreationOptionsFromJSON} and {@code parseRequestOptionsFromJSON} take
 * them: user verification and a discoverable credential required, attestation {@code none}, ES256
 * then RS256.
 */
public final class WebAuthnJson {

  /** The longest assertion or registration JSON taken from a form field (they are about 1 KiB). */
  public static final int MAX_LENGTH = 16_384;

  private static final long TIMEOUT_MS = PasskeyCeremonies.LIFETIME.toMillis();

  private WebAuthnJson() {}

  /**
   * The answer with creation options.
   *
   * @param o the options
   * @param displayName the customer's name as the authenticator shows it, or null for the user name
   * @return {@code {"result":"OK","challengeId":…,"publicKey":{…}}}
   */
  public static Map<String, Object> creation(
      PasskeyCeremonies.CreationOptions o, String displayName) {
    Map<String, Object> publicKey = new LinkedHashMap<>();
    publicKey.put("rp", Map.of("id", o.rpId(), "name", o.rpName()));
    publicKey.put(
        "user",
        Map.of(
            "id",
            o.userHandle(),
            "name",
            o.userName(),
            "displayName",
            displayName == null ? o.userName() : displayName));
    publicKey.put("challenge", o.challenge());
    publicKey.put(
        "pubKeyCredParams",
        List.of(
            Map.of("type", "public-key", "alg", -7), Map.of("type", "public-key", "alg", -257)));
    publicKey.put("timeout", TIMEOUT_MS);
    publicKey.put("excludeCredentials", descriptors(o.excludeCredentials()));
    publicKey.put(
        "authenticatorSelection",
        Map.of(
            "residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
    publicKey.put("attestation", "none");
    return Map.of("result", "OK", "challengeId", o.challengeId(), "publicKey", publicKey);
  }

  /**
   * The answer with request options.
   *
   * @param o the options
   * @return {@code {"result":"OK","challengeId":…,"publicKey":{…}}}
   */
  public static Map<String, Object> request(PasskeyCeremonies.RequestOptions o) {
    Map<String, Object> publicKey = new LinkedHashMap<>();
    publicKey.put("challenge", o.challenge());
    publicKey.put("rpId", o.rpId());
    publicKey.put("timeout", TIMEOUT_MS);
    publicKey.put("allowCredentials", descriptors(o.allowCredentials()));
    publicKey.put("userVerification", "required");
    return Map.of("result", "OK", "challengeId", o.challengeId(), "publicKey", publicKey);
  }

  private static List<Map<String, String>> descriptors(List<String> ids) {
    return ids.stream().map(id -> Map.of("type", "public-key", "id", id)).toList();
  }

  /**
   * The answer to a request for assertion options: 200 with them, or 404 for an unknown service.
   *
   * @param options the options, if made
   * @return the answer
   */
  public static org.springframework.http.ResponseEntity<Map<String, Object>> answer(
      java.util.Optional<PasskeyCeremonies.RequestOptions> options) {
    return options
        .map(o -> org.springframework.http.ResponseEntity.ok(request(o)))
        .orElse(
            org.springframework.http.ResponseEntity.status(404)
                .body(Map.of("result", "NOT_FOUND")));
  }
}

package dev.ichie.server.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.ichie.server.tenant.Tenant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What the passkey ceremonies share: the WebAuthn verifier (webauthn4j, attestation {@code none}
 * and self attestation accepted, as the policy asks no attestation), the converters, and a
 * service's relying party for a challenge. Thread-safe.
 */
@Component
final class RelyingParties {

  private final ObjectConverter converter = new ObjectConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
  private final AttestedCredentialDataConverter attested =
      new AttestedCredentialDataConverter(converter);

  WebAuthnManager manager() {
    return manager;
  }

  AttestedCredentialDataConverter attested() {
    return attested;
  }

  /** Decoded credentials kept, at most: a passkey's public key never changes once stored. */
  static final int DECODED_KEPT = 10_000;

  private final Map<String, AttestedCredentialData> decoded =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AttestedCredentialData> e) {
              return size() > DECODED_KEPT;
            }
          });

  /**
   * A stored passkey's credential data, decoded once (its CBOR public key costs about a tenth of an
   * assertion's check) and kept by the passkey's id and bytes.
   */
  AttestedCredentialData decode(String passkeyId, byte[] stored) {
    String key = passkeyId + ":" + Arrays.hashCode(stored);
    AttestedCredentialData d = decoded.get(key);
    if (d == null) {
      d = attested.convert(stored);
      decoded.put(key, d);
    }
    return d;
  }

  /** The relying party of a service, for the bytes its challenge asked to sign. */
  ServerProperty server(Tenant tenant, byte[] challenge) {
    Set<Origin> origins =
        tenant.relyingParty().origins().stream().map(Origin::new).collect(Collectors.toSet());
    return ServerProperty.builder()
        .origins(origins)
        .rpId(tenant.relyingParty().id())
        .challenge(new DefaultChallenge(challenge))
        .build();
  }

  static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

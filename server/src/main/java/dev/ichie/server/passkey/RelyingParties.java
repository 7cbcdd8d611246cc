package dev.ichie.server.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.ichie.server.tenant.Tenant;
import java.util.Base64;
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

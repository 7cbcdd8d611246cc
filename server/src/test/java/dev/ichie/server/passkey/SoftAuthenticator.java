package dev.ichie.server.passkey;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A WebAuthn authenticator in the test, as a browser with a platform authenticator would answer:
 * one P-256 key, attestation {@code none}, and the JSON of {@code PublicKeyCredential.toJSON()}.
 * Every field can be set wrong on purpose, to see the server refuse it.
 */
public final class SoftAuthenticator {

  static final byte UP = 0x01;
  static final byte UV = 0x04;
  static final byte BE = 0x08;
  static final byte AT = 0x40;

  private final ObjectConverter converter = new ObjectConverter();
  private final KeyPair key;
  final byte[] credentialId = new byte[32];
  final UUID aaguid = UUID.randomUUID();
  long counter = 0;

  /** The user handle the relying party gave at registration; sent with assertions when set. */
  byte[] userHandle;

  public SoftAuthenticator() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    key = g.generateKeyPair();
    new SecureRandom().nextBytes(credentialId);
  }

  /** What a ceremony's answer is made from; tests change one field at a time. */
  public static final class Ceremony {
    String challenge;
    String origin = "http://localhost:8080";
    String rpId = "localhost";
    byte flags = (byte) (UP | UV);
    String type;
    byte[] userHandle;

    public Ceremony(String challenge, String type) {
      this.challenge = challenge;
      this.type = type;
    }
  }

  public String register(Ceremony c) throws Exception {
    AttestedCredentialData attested =
        new AttestedCredentialData(
            new AAGUID(aaguid),
            credentialId,
            EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
    AuthenticatorData<
            com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>
        authData =
            new AuthenticatorData<>(
                rpIdHash(c.rpId), (byte) (c.flags | AT | BE), counter, attested);
    byte[] attestation =
        new AttestationObjectConverter(converter)
            .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
    return """
        {"id":"%1$s","rawId":"%1$s","type":"public-key","authenticatorAttachment":"platform",
         "response":{"clientDataJSON":"%2$s","attestationObject":"%3$s","transports":["internal"]},
         "clientExtensionResults":{}}"""
        .formatted(b64(credentialId), b64(clientData(c)), b64(attestation));
  }

  public String assertion(Ceremony c) throws Exception {
    byte[] handle = c.userHandle != null ? c.userHandle : userHandle;
    AuthenticatorData<
            com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput>
        authData = new AuthenticatorData<>(rpIdHash(c.rpId), (byte) (c.flags | BE), counter);
    byte[] authBytes = new AuthenticatorDataConverter(converter).convert(authData);
    byte[] clientData = clientData(c);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(
        ByteBuffer.allocate(authBytes.length + 32)
            .put(authBytes)
            .put(MessageDigest.getInstance("SHA-256").digest(clientData))
            .array());
    return """
        {"id":"%1$s","rawId":"%1$s","type":"public-key","authenticatorAttachment":"platform",
         "response":{"clientDataJSON":"%2$s","authenticatorData":"%3$s","signature":"%4$s",
          "userHandle":%5$s},
         "clientExtensionResults":{}}"""
        .formatted(
            b64(credentialId),
            b64(clientData),
            b64(authBytes),
            b64(s.sign()),
            handle == null ? "null" : "\"" + b64(handle) + "\"");
  }

  private byte[] clientData(Ceremony c) {
    return new CollectedClientDataConverter(converter)
        .convertToBytes(
            new CollectedClientData(
                "create".equals(c.type)
                    ? ClientDataType.WEBAUTHN_CREATE
                    : ClientDataType.WEBAUTHN_GET,
                new DefaultChallenge(Base64.getUrlDecoder().decode(c.challenge)),
                new Origin(c.origin),
                null));
  }

  private static byte[] rpIdHash(String rpId) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

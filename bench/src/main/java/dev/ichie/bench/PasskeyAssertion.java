package dev.ichie.bench;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
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
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One passkey assertion as the server checks it (webauthn4j 0.32, as the passkey authenticator
 * calls it): the browser's JSON parsed, then type, challenge, origin, rpIdHash, user presence and
 * verification and the ES256 signature verified, in microseconds per assertion. The database's
 * share (challenge, credential, counter) and HTTP are not in it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class PasskeyAssertion {

  /** One passkey, the relying party and an assertion it made. */
  @State(Scope.Thread)
  public static class Ceremony {
    WebAuthnManager manager;
    AuthenticationParameters parameters;
    String json;

    /** Makes the key, the stored credential and the assertion (counter 0: no counter check). */
    @Setup
    public void setUp() throws Exception {
      ObjectConverter converter = new ObjectConverter();
      manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = g.generateKeyPair();
      byte[] credentialId = new byte[32];
      byte[] challenge = new byte[48];
      SecureRandom random = new SecureRandom();
      random.nextBytes(credentialId);
      random.nextBytes(challenge);
      AttestedCredentialData attested =
          new AttestedCredentialData(
              new AAGUID(UUID.randomUUID()),
              credentialId,
              EC2COSEKey.create((ECPublicKey) key.getPublic(), COSEAlgorithmIdentifier.ES256));
      CredentialRecordImpl record =
          new CredentialRecordImpl(
              new NoneAttestationStatement(),
              true,
              true,
              true,
              0,
              attested,
              null,
              null,
              null,
              null);
      byte[] rpIdHash =
          MessageDigest.getInstance("SHA-256").digest("localhost".getBytes(StandardCharsets.UTF_8));
      byte[] authData =
          new AuthenticatorDataConverter(converter)
              .convert(
                  new AuthenticatorData<AuthenticationExtensionAuthenticatorOutput>(
                      rpIdHash, (byte) 0x1d, 0));
      byte[] clientData =
          new CollectedClientDataConverter(converter)
              .convertToBytes(
                  new CollectedClientData(
                      ClientDataType.WEBAUTHN_GET,
                      new DefaultChallenge(challenge),
                      new Origin("http://localhost:8080"),
                      null));
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(
          ByteBuffer.allocate(authData.length + 32)
              .put(authData)
              .put(MessageDigest.getInstance("SHA-256").digest(clientData))
              .array());
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      json =
          ("{\"id\":\"%1$s\",\"rawId\":\"%1$s\",\"type\":\"public-key\",\"response\":"
                  + "{\"clientDataJSON\":\"%2$s\",\"authenticatorData\":\"%3$s\","
                  + "\"signature\":\"%4$s\"},\"clientExtensionResults\":{}}")
              .formatted(
                  b64.encodeToString(credentialId),
                  b64.encodeToString(clientData),
                  b64.encodeToString(authData),
                  b64.encodeToString(s.sign()));
      parameters =
          new AuthenticationParameters(
              ServerProperty.builder()
                  .origin(new Origin("http://localhost:8080"))
                  .rpId("localhost")
                  .challenge(new DefaultChallenge(challenge))
                  .build(),
              record,
              List.of(credentialId),
              true,
              true);
      check(this); // the setup's assertion is one the server accepts
    }
  }

  /**
   * Parses and verifies one assertion.
   *
   * @param c the ceremony
   * @return the verified data, so that nothing is left out
   */
  @Benchmark
  public AuthenticationData verify(Ceremony c) {
    return c.manager.verify(c.manager.parseAuthenticationResponseJSON(c.json), c.parameters);
  }

  private static void check(Ceremony c) {
    c.manager.verify(c.manager.parseAuthenticationResponseJSON(c.json), c.parameters);
  }
}

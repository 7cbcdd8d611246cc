package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Protocol version 2: the device key's proof at {@code finish}, computed by the app from S before
 * the server answers and checked by the server after M1, and the version's wire fields.
 */
class ActivationVersion2Test {

  private static final String SERVICE_ID = "ichie-demo";
  private static final String USER_ID = "1234567890";
  private static final String PASSWORD = "58204716";
  private static final String ACTIVATION_ID = "mJ3tYk2qW8xZp0LrVb5N-g";

  private final SecureRandom random = new SeededRandom("ActivationVersion2Test");
  private final VerifierRecord record =
      ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, random);

  private static byte[] spki() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPublic().getEncoded();
  }

  @Test
  void proofWhenSameRunThenServerTakesItAndNothingElse() throws Exception {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    byte[] key = spki();
    byte[] proof = app.deviceKeyProof(ACTIVATION_ID, key);
    ServerResult result = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow();

    assertThat(result.deviceKeyProofValid(ACTIVATION_ID, SERVICE_ID, USER_ID, key, proof)).isTrue();
    assertThat(result.deviceKeyProofValid(ACTIVATION_ID, SERVICE_ID, USER_ID, spki(), proof))
        .as("another key")
        .isFalse();
    assertThat(result.deviceKeyProofValid("other-activation-id", SERVICE_ID, USER_ID, key, proof))
        .as("another run's id")
        .isFalse();
    assertThat(result.deviceKeyProofValid(ACTIVATION_ID, SERVICE_ID, "1234567891", key, proof))
        .as("another user")
        .isFalse();

    // The formula of CONFIRMATION.md, from K as the app holds it after M2.
    assertThat(app.verifyServer(result.M2())).isTrue();
    byte[] expected =
        Confirmation.hmac(
            Hkdf.derive(
                new org.bouncycastle.crypto.digests.SHA256Digest(),
                app.sessionKey(),
                ACTIVATION_ID.getBytes(StandardCharsets.UTF_8),
                ("ichie device key v1\0" + SERVICE_ID + "\0" + USER_ID)
                    .getBytes(StandardCharsets.UTF_8),
                32),
            key);
    assertThat(proof).isEqualTo(expected);
  }

  @Test
  void proofWhenAnotherPasswordsRunThenRefused() throws Exception {
    AppSession wrong = AppSession.start(SERVICE_ID, USER_ID, "11112222", random);
    ServerChallenge challenge = ServerRole.start(record, wrong.A(), random);
    wrong.respond(record.salt(), challenge.B());
    AppSession right = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge rightChallenge = ServerRole.start(record, right.A(), random);
    byte[] m1 = right.respond(record.salt(), rightChallenge.B());
    ServerResult result =
        ServerRole.finish(record, right.A(), rightChallenge.b(), m1).orElseThrow();
    byte[] key = spki();
    assertThat(
            result.deviceKeyProofValid(
                ACTIVATION_ID, SERVICE_ID, USER_ID, key, wrong.deviceKeyProof(ACTIVATION_ID, key)))
        .isFalse();
    assertThatThrownBy(
            () ->
                AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random)
                    .deviceKeyProof(ACTIVATION_ID, key))
        .as("before respond there is no S")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void wireWhenVersion2ThenDeviceKeyFieldsTravelAndAreRequired() throws Exception {
    byte[] key = spki();
    byte[] proof = new byte[32];
    proof[0] = 7;
    FinishRequest v2 = new FinishRequest(2, ACTIVATION_ID, new byte[32], "Pixel 9", key, proof);
    String json = new String(ActivationJson.write(v2), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith("{\"version\":2,")
        .contains("\"devicePublicKey\":")
        .contains("\"deviceKeyProof\":");
    assertThat(ActivationJson.readFinishRequest(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(v2);
    String noKey = json.replaceAll(",\"devicePublicKey\":\"[^\"]*\"", "");
    assertThatThrownBy(
            () -> ActivationJson.readFinishRequest(noKey.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("devicePublicKey is missing");
    String shortProof =
        json.replaceAll("\"deviceKeyProof\":\"[^\"]*\"", "\"deviceKeyProof\":\"AAAA\"");
    assertThatThrownBy(
            () -> ActivationJson.readFinishRequest(shortProof.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .extracting(e -> ((ProtocolException) e).code())
        .isEqualTo(ErrorCode.MALFORMED);
    // Version 1 ignores the fields it does not know: no device key.
    String v1 = json.replace("{\"version\":2,", "{\"version\":1,");
    assertThat(
            ActivationJson.readFinishRequest(v1.getBytes(StandardCharsets.UTF_8)).devicePublicKey())
        .isNull();

    FinishResponse answer =
        new FinishResponse(
            2,
            new byte[32],
            "c_7Qe1Hn4sTjR9oUaXf2Dw",
            TokenAlgorithm.SHA1,
            6,
            30,
            "Ichie Demo Bank",
            Instant.parse("2026-11-26T12:00:00.123Z"),
            true);
    String written = new String(ActivationJson.write(answer), StandardCharsets.UTF_8);
    assertThat(written).endsWith(",\"deviceKey\":\"REGISTERED\"}");
    assertThat(ActivationJson.readFinishResponse(written.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(answer);
    String without = written.replace(",\"deviceKey\":\"REGISTERED\"", "");
    assertThatThrownBy(
            () -> ActivationJson.readFinishResponse(without.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("deviceKey");
    assertThat(
            ActivationJson.readStartRequest(
                    ActivationJson.write(
                        new StartRequest(
                            2,
                            SERVICE_ID,
                            USER_ID,
                            AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random).A())))
                .version())
        .isEqualTo(2);
  }
}

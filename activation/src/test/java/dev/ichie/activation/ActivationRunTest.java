package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Both roles together, and each against plain Bouncy Castle. */
class ActivationRunTest {

  private static final SrpGroup GROUP = SrpGroup.RFC5054_2048_SHA256;
  private static final String SERVICE_ID = "ichie-demo";
  private static final String USER_ID = "1234567890";
  private static final String PASSWORD = "58204716";
  private static final String ACTIVATION_ID = "mJ3tYk2qW8xZp0LrVb5N-g";
  private static final String CREDENTIAL_ID = "c_7Qe1Hn4sTjR9oUaXf2Dw";

  private final SecureRandom random = new SeededRandom("ActivationRunTest");
  private final VerifierRecord record =
      ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, random);

  @ParameterizedTest
  @EnumSource(TokenAlgorithm.class)
  void fullRunWhenPasswordRightThenBothSidesDeriveSameSecret(TokenAlgorithm algorithm)
      throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    ServerResult result = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow();

    assertThat(app.verifyServer(result.M2())).isTrue();
    byte[] appSecret =
        app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, algorithm.secretLength());
    byte[] serverSecret =
        result.deriveTokenSecret(
            ACTIVATION_ID, SERVICE_ID, USER_ID, CREDENTIAL_ID, algorithm.secretLength());
    assertThat(appSecret).hasSize(algorithm.secretLength()).isEqualTo(serverSecret);
  }

  @Test
  void fullRunWhenValuesCrossAsWireMessagesThenSameSecret() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    StartRequest startRequest =
        ActivationJson.readStartRequest(
            ActivationJson.write(new StartRequest(SERVICE_ID, USER_ID, app.A())));
    ServerChallenge challenge = ServerRole.start(record, startRequest.A(), random);
    StartResponse startResponse =
        ActivationJson.readStartResponse(
            ActivationJson.write(
                new StartResponse(
                    ACTIVATION_ID,
                    record.salt(),
                    challenge.B(),
                    java.time.Instant.parse("2026-11-26T12:00:00.123Z"))));
    byte[] m1 = app.respond(startResponse.salt(), startResponse.B());
    FinishRequest finishRequest =
        ActivationJson.readFinishRequest(
            ActivationJson.write(new FinishRequest(ACTIVATION_ID, m1, "Pixel 9")));
    ServerResult result =
        ServerRole.finish(record, startRequest.A(), challenge.b(), finishRequest.M1())
            .orElseThrow();

    assertThat(app.verifyServer(result.M2())).isTrue();
    assertThat(app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, 20))
        .isEqualTo(result.deriveTokenSecret(ACTIVATION_ID, SERVICE_ID, USER_ID, CREDENTIAL_ID, 20));
  }

  @Test
  void fullRunWhenFullWidthDigitsTypedThenSameAsAsciiDigits() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, "５８２０４７１６", random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());

    assertThat(ServerRole.finish(record, app.A(), challenge.b(), m1)).isPresent();
  }

  @Test
  void finishWhenPasswordWrongThenM1RefusedAndAppNeverGetsAnM2ThatChecks()
      throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, "58204717", random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());

    assertThat(ServerRole.finish(record, app.A(), challenge.b(), m1)).isEmpty();
    // What a server that skipped the M1 check would send still does not check out.
    byte[] forged = new byte[32];
    random.nextBytes(forged);
    assertThat(app.verifyServer(forged)).isFalse();
    assertThatThrownBy(() -> app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, 20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the token secret needs a verified M2");
  }

  @Test
  void finishWhenIdentityDiffersThenM1Refused() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, "1234567891", PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());

    assertThat(ServerRole.finish(record, app.A(), challenge.b(), m1)).isEmpty();
  }

  @Test
  void finishWhenIssuanceIsDecoyThenM1Refused() throws ProtocolException {
    byte[] serverKey = new byte[32];
    random.nextBytes(serverKey);
    VerifierRecord decoy =
        ActivationVerifiers.create(
            SERVICE_ID,
            USER_ID,
            "90817263",
            ActivationVerifiers.decoySalt(serverKey, SERVICE_ID, USER_ID));
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(decoy, app.A(), random);
    byte[] m1 = app.respond(decoy.salt(), challenge.B());

    assertThat(ServerRole.finish(decoy, app.A(), challenge.b(), m1)).isEmpty();
  }

  @Test
  void verifyServerWhenM2TamperedThenRefusedAndSessionSpent() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    byte[] m2 = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow().M2();
    m2[31] ^= 1;

    assertThat(app.verifyServer(m2)).isFalse();
    m2[31] ^= 1;
    assertThatThrownBy(() -> app.verifyServer(m2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("verifyServer needs respond first, and runs once");
    assertThatThrownBy(() -> app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, 20))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void verifyServerWhenM2HasWrongLengthThenRefused() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    byte[] m2 = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow().M2();
    byte[] longer = new byte[33];
    System.arraycopy(m2, 0, longer, 1, 32);

    assertThat(app.verifyServer(longer)).isFalse();
  }

  @Test
  void finishWhenRepeatedWithStoredValuesThenSameAnswer() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    // Another node: only the stored bytes, nothing else from start.
    byte[] storedA = app.A().clone();
    byte[] storedB = challenge.b().clone();

    ServerResult first = ServerRole.finish(record, storedA, storedB, m1).orElseThrow();
    ServerResult second = ServerRole.finish(record, storedA, storedB, m1).orElseThrow();
    assertThat(first.M2()).isEqualTo(second.M2());
    assertThat(first.sessionKey()).isEqualTo(second.sessionKey());
  }

  static Stream<Arguments> badPublicValues() {
    BigInteger n = GROUP.n();
    return Stream.of(
        Arguments.of("0", GROUP.pad(BigInteger.ZERO), "must not be zero modulo N"),
        Arguments.of("N", GROUP.pad(n), "must not be zero modulo N"),
        Arguments.of(
            "2N", BigIntegers.asUnsignedByteArray(n.shiftLeft(1)), "must be 256 bytes, not 257"),
        Arguments.of("N + 1", GROUP.pad(n.add(BigInteger.ONE)), "must be less than N"),
        Arguments.of("255 bytes", new byte[255], "must be 256 bytes, not 255"),
        Arguments.of("empty", new byte[0], "must be 256 bytes, not 0"));
  }

  @ParameterizedTest(name = "A = {0}")
  @MethodSource("badPublicValues")
  void startWhenAIsBadThenMalformed(String name, byte[] publicA, String problem) {
    assertThatThrownBy(() -> ServerRole.start(record, publicA, random))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("A " + problem)
        .extracting(e -> ((ProtocolException) e).code())
        .isEqualTo(ErrorCode.MALFORMED);
  }

  @ParameterizedTest(name = "A = {0}")
  @MethodSource("badPublicValues")
  void finishWhenAIsBadThenMalformed(String name, byte[] publicA, String problem)
      throws ProtocolException {
    ServerChallenge challenge =
        ServerRole.start(
            record, AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random).A(), random);

    assertThatThrownBy(() -> ServerRole.finish(record, publicA, challenge.b(), new byte[32]))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("A " + problem);
  }

  @ParameterizedTest(name = "B = {0}")
  @MethodSource("badPublicValues")
  void respondWhenBIsBadThenMalformed(String name, byte[] publicB, String problem) {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);

    assertThatThrownBy(() -> app.respond(record.salt(), publicB))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("B " + problem)
        .extracting(e -> ((ProtocolException) e).code())
        .isEqualTo(ErrorCode.MALFORMED);
  }

  @Test
  void respondWhenSaltTooShortThenMalformed() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    byte[] publicB = ServerRole.start(record, app.A(), random).B();

    assertThatThrownBy(() -> app.respond(new byte[15], publicB))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("salt must be 16 to 64 bytes, not 15");
  }

  @Test
  void respondWhenCalledTwiceThenRefused() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    byte[] publicB = ServerRole.start(record, app.A(), random).B();
    app.respond(record.salt(), publicB);

    assertThatThrownBy(() -> app.respond(record.salt(), publicB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("respond was already called");
  }

  @Test
  void verifyServerWhenCalledBeforeRespondThenRefused() {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);

    assertThatThrownBy(() -> app.verifyServer(new byte[32]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("verifyServer needs respond first, and runs once");
  }

  @Test
  void finishWhenM1HasWrongLengthThenMalformed() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);

    assertThatThrownBy(() -> ServerRole.finish(record, app.A(), challenge.b(), new byte[31]))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("M1 must be 32 bytes, not 31");
  }

  @Test
  void finishWhenStoredBIsNotAPrivateValueThenRefused() {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);

    assertThatThrownBy(() -> ServerRole.finish(record, app.A(), new byte[256], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("b must be 256 bytes holding a number in [1, N-1]");
    assertThatThrownBy(() -> ServerRole.finish(record, app.A(), new byte[32], new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("b must be 256 bytes holding a number in [1, N-1]");
  }

  @Test
  void deriveTokenSecretWhenLengthNotTwentyThirtyTwoOrSixtyFourThenRefused()
      throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    ServerResult result = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow();
    app.verifyServer(result.M2());

    assertThatThrownBy(() -> app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be 20, 32 or 64 bytes, not 16");
    assertThatThrownBy(
            () -> result.deriveTokenSecret(ACTIVATION_ID, SERVICE_ID, USER_ID, "no spaces", 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "credentialId must be 1 to 64 characters of the base64url alphabet"
                + " (A-Z, a-z, 0-9, '-', '_')");
  }

  @Test
  void appSessionWhenRunAgainstPlainBouncyCastleServerThenSameSessionKey() throws Exception {
    SRP6Server server = new SRP6Server();
    server.init(
        GROUP.n(), GROUP.g(), record.verifierValue(), GROUP.newDigest(), new SecureRandom());
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);

    BigInteger publicB = server.generateServerCredentials();
    byte[] m1 = app.respond(record.salt(), GROUP.pad(publicB));
    server.calculateSecret(new BigInteger(1, app.A()));
    assertThat(server.verifyClientEvidenceMessage(new BigInteger(1, m1))).isTrue();
    BigInteger m2 = server.calculateServerEvidenceMessage();

    assertThat(app.verifyServer(GROUP.hashBytes(m2))).isTrue();
    assertThat(app.sessionKey()).isEqualTo(GROUP.hashBytes(server.calculateSessionKey()));
  }

  @Test
  void serverRoleWhenRunAgainstPlainBouncyCastleClientThenSameSessionKey() throws Exception {
    SRP6Client client = new SRP6Client();
    client.init(GROUP.n(), GROUP.g(), GROUP.newDigest(), new SecureRandom());
    byte[] identity = (SERVICE_ID + ":" + USER_ID).getBytes(StandardCharsets.UTF_8);
    BigInteger publicA =
        client.generateClientCredentials(
            record.salt(), identity, PASSWORD.getBytes(StandardCharsets.US_ASCII));

    ServerChallenge challenge = ServerRole.start(record, GROUP.pad(publicA), random);
    client.calculateSecret(new BigInteger(1, challenge.B()));
    BigInteger m1 = client.calculateClientEvidenceMessage();
    Optional<ServerResult> result =
        ServerRole.finish(record, GROUP.pad(publicA), challenge.b(), GROUP.hashBytes(m1));

    assertThat(result).isPresent();
    assertThat(client.verifyServerEvidenceMessage(new BigInteger(1, result.get().M2()))).isTrue();
    assertThat(result.get().sessionKey()).isEqualTo(GROUP.hashBytes(client.calculateSessionKey()));
  }

  @Test
  void toStringWhenSecretsInsideThenOnlySizes() throws ProtocolException {
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);
    byte[] m1 = app.respond(record.salt(), challenge.B());
    ServerResult result = ServerRole.finish(record, app.A(), challenge.b(), m1).orElseThrow();

    assertThat(app).hasToString("AppSession[RESPONDED]");
    assertThat(challenge).hasToString("ServerChallenge[B=256 bytes, b=256 bytes]");
    assertThat(result).hasToString("ServerResult[M2=32 bytes, K=32 bytes]");
    assertThat(record).hasToString("VerifierRecord[salt=32 bytes, verifier=256 bytes]");
  }
}

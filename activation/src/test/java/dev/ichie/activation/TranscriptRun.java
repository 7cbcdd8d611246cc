package dev.ichie.activation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of protocol version 1 from fixed randomness, through the public API only, every value
 * crossing between the roles as the JSON bytes of the wire format. {@link #toJson()} is the content
 * of {@code src/test/resources/transcript-v1.json} (fields described in {@code transcript-v1.md}).
 */
final class TranscriptRun {

  static final SrpGroup GROUP = SrpGroup.RFC5054_2048_SHA256;
  static final String SERVER_SEED = "ichie transcript v1 server";
  static final String APP_SEED = "ichie transcript v1 app";

  static final String SERVICE_ID = "ichie-demo";
  static final String USER_ID = "1234567890";
  static final String ACTIVATION_PASSWORD = "58204716";
  static final String DEVICE_LABEL = "Pixel 9 のトークン";
  static final String SERVICE_NAME = "一会銀行 デモ";
  static final TokenAlgorithm ALGORITHM = TokenAlgorithm.SHA1;
  static final int DIGITS = 6;
  static final int PERIOD = 30;
  static final Instant START_TIME = Instant.parse("2026-11-26T12:00:00.123Z");
  static final Instant FINISH_TIME = Instant.parse("2026-11-26T12:00:07.456Z");

  private final ObjectNode json;

  private TranscriptRun(ObjectNode json) {
    this.json = json;
  }

  /** The transcript as a JSON tree, fields in the order of transcript-v1.md. */
  ObjectNode toJson() {
    return json.deepCopy();
  }

  static TranscriptRun perform() throws ProtocolException {
    SecureRandom serverRandom = new SeededRandom(SERVER_SEED);
    SecureRandom appRandom = new SeededRandom(APP_SEED);

    // Issuance (server draws the salt).
    VerifierRecord record =
        ActivationVerifiers.create(SERVICE_ID, USER_ID, ACTIVATION_PASSWORD, serverRandom);

    // App: start.
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, ACTIVATION_PASSWORD, appRandom);
    byte[] startRequest = ActivationJson.write(new StartRequest(SERVICE_ID, USER_ID, app.A()));

    // Server: start (draws b, then the activation id).
    StartRequest serverStart = ActivationJson.readStartRequest(startRequest);
    ServerChallenge challenge = ServerRole.start(record, serverStart.A(), serverRandom);
    String activationId = newId(serverRandom);
    byte[] startResponse =
        ActivationJson.write(
            new StartResponse(activationId, record.salt(), challenge.B(), START_TIME));

    // App: respond.
    StartResponse appStart = ActivationJson.readStartResponse(startResponse);
    byte[] m1 = app.respond(appStart.salt(), appStart.B());
    byte[] finishRequest =
        ActivationJson.write(new FinishRequest(appStart.activationId(), m1, DEVICE_LABEL));

    // Server: finish (draws the credential id).
    FinishRequest serverFinish = ActivationJson.readFinishRequest(finishRequest);
    ServerResult result =
        ServerRole.finish(record, serverStart.A(), challenge.b(), serverFinish.M1())
            .orElseThrow(() -> new IllegalStateException("the server refused M1"));
    String credentialId = newId(serverRandom);
    byte[] finishResponse =
        ActivationJson.write(
            new FinishResponse(
                result.M2(), credentialId, ALGORITHM, DIGITS, PERIOD, SERVICE_NAME, FINISH_TIME));
    byte[] serverSecret =
        result.deriveTokenSecret(
            activationId, SERVICE_ID, USER_ID, credentialId, ALGORITHM.secretLength());

    // App: verify and derive.
    FinishResponse appFinish = ActivationJson.readFinishResponse(finishResponse);
    if (!app.verifyServer(appFinish.M2())) {
      throw new IllegalStateException("the app refused M2");
    }
    byte[] appSecret =
        app.deriveTokenSecret(
            appStart.activationId(),
            appFinish.credentialId(),
            appFinish.algorithm().secretLength());
    if (!Arrays.equals(appSecret, serverSecret)) {
      throw new IllegalStateException("the two sides derived different secrets");
    }

    // The private value a is inside the session; the same seed gives it again.
    BigInteger a = Srp6.newPrivateValue(GROUP, new SeededRandom(APP_SEED));
    if (!Arrays.equals(GROUP.pad(GROUP.g().modPow(a, GROUP.n())), app.A())) {
      throw new IllegalStateException("a does not give A");
    }
    byte[] identity = (SERVICE_ID + ":" + USER_ID).getBytes(StandardCharsets.UTF_8);
    byte[] password = ACTIVATION_PASSWORD.getBytes(StandardCharsets.US_ASCII);
    BigInteger publicA = new BigInteger(1, app.A());
    BigInteger publicB = new BigInteger(1, challenge.B());

    JsonMapper mapper = new JsonMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put(
        "about",
        "A recorded run of Ichie's token activation protocol, version 1 (ACTIVATION.md),"
            + " from fixed randomness. Fields are described in transcript-v1.md.");
    root.put("protocolVersion", ActivationJson.VERSION);

    ObjectNode group = root.putObject("group");
    group.put("name", GROUP.name());
    group.put("N", hex(GROUP.pad(GROUP.n())));
    group.put("g", GROUP.g().intValueExact());
    group.put("hash", GROUP.digestAlgorithm());
    group.put("padLength", GROUP.paddedLength());

    ObjectNode randomness = root.putObject("randomness");
    randomness.put(
        "construction",
        "SHA-256(UTF-8(seed) | counter as 8 bytes big-endian) for counter = 0, 1, 2, ...,"
            + " concatenated and consumed in order");
    randomness.put("serverSeed", SERVER_SEED);
    randomness.put(
        "serverDraws",
        "salt (32 bytes), b (Bouncy Castle SRP6Util.generatePrivateValue), activationId"
            + " (16 bytes, base64url), credentialId (16 bytes, base64url)");
    randomness.put("appSeed", APP_SEED);
    randomness.put("appDraws", "a (Bouncy Castle SRP6Util.generatePrivateValue)");

    ObjectNode inputs = root.putObject("inputs");
    inputs.put("serviceId", SERVICE_ID);
    inputs.put("userId", USER_ID);
    inputs.put("activationPassword", ACTIVATION_PASSWORD);
    inputs.put("deviceLabel", DEVICE_LABEL);
    inputs.put("serviceName", SERVICE_NAME);
    inputs.put("algorithm", ALGORITHM.wireName());
    inputs.put("digits", DIGITS);
    inputs.put("period", PERIOD);
    inputs.put("startServerTime", START_TIME.toString());
    inputs.put("finishServerTime", FINISH_TIME.toString());

    ObjectNode values = root.putObject("values");
    values.put("I", new String(identity, StandardCharsets.UTF_8));
    values.put("salt", hex(record.salt()));
    values.put("x", hex(GROUP.hashBytes(Srp6.x(GROUP, record.salt(), identity, password))));
    values.put("v", hex(record.verifier()));
    values.put("k", hex(GROUP.hashBytes(Srp6.k(GROUP))));
    values.put("a", hex(GROUP.pad(a)));
    values.put("A", hex(app.A()));
    values.put("b", hex(challenge.b()));
    values.put("B", hex(challenge.B()));
    values.put("u", hex(GROUP.hashBytes(Srp6.u(GROUP, publicA, publicB))));
    values.put(
        "S",
        hex(
            GROUP.pad(
                ServerRole.premasterSecret(
                    GROUP, record.verifierValue(), app.A(), challenge.b()))));
    values.put("M1", hex(m1));
    values.put("M2", hex(result.M2()));
    values.put("K", hex(result.sessionKey()));
    values.put("activationId", activationId);
    values.put("credentialId", credentialId);
    values.put("hkdfInfo", hex(TokenSecrets.info(SERVICE_ID, USER_ID, credentialId)));
    values.put("tokenSecret", hex(appSecret));

    ObjectNode messages = root.putObject("messages");
    messages.put("startRequest", utf8(startRequest));
    messages.put("startResponse", utf8(startResponse));
    messages.put("finishRequest", utf8(finishRequest));
    messages.put("finishResponse", utf8(finishResponse));
    return new TranscriptRun(root);
  }

  private static String newId(SecureRandom random) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  private static String hex(byte[] bytes) {
    return Hex.of(bytes);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

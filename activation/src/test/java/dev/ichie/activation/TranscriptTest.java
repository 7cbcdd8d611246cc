package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recorded run in {@code src/test/resources/transcript-v1.json}: reproduced from its fixed
 * randomness, and each role alone answering the other role's recorded messages.
 *
 * <p>To record it again (only when the protocol changes on purpose): {@code ./mvnw -pl activation
 * test -Dtest=TranscriptTest -Dichie.transcript.write=true}, which writes the file into the
 * module's {@code src/test/resources} before comparing.
 */
class TranscriptTest {

  private static final String RESOURCE = "/transcript-v1.json";
  private static final JsonMapper MAPPER = new JsonMapper();
  private static final SrpGroup GROUP = TranscriptRun.GROUP;

  private static JsonNode recorded;

  @BeforeAll
  static void load() throws IOException, ProtocolException {
    if (Boolean.getBoolean("ichie.transcript.write")) {
      ObjectNode json = TranscriptRun.perform().toJson();
      Path file = Path.of("src", "test", "resources", "transcript-v1.json");
      Files.writeString(
          file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
      recorded = json;
      return;
    }
    try (InputStream in = TranscriptTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      recorded = MAPPER.readTree(in);
    }
  }

  @Test
  void transcriptWhenRunFromSeedsThenEveryRecordedFieldReproduced() throws ProtocolException {
    ObjectNode reproduced = TranscriptRun.perform().toJson();

    List<String> differences = new ArrayList<>();
    compare("", recorded, reproduced, differences);
    assertThat(differences).isEmpty();
    assertThat(reproduced).isEqualTo(recorded);
  }

  @Test
  void serverRoleWhenGivenRecordedAppMessagesThenRecordedAnswers() throws ProtocolException {
    JsonNode values = recorded.get("values");
    VerifierRecord record =
        ActivationVerifiers.create(
            input("serviceId"), input("userId"), input("activationPassword"), bytes("salt"));
    assertThat(record.verifier()).isEqualTo(bytes("v"));

    StartRequest startRequest = ActivationJson.readStartRequest(message("startRequest"));
    ServerChallenge challenge =
        ServerRole.start(GROUP, record.verifierValue(), startRequest.A(), number("b"));
    String activationId = values.get("activationId").stringValue();
    byte[] startResponse =
        ActivationJson.write(
            new StartResponse(activationId, record.salt(), challenge.B(), instant("start")));
    assertThat(utf8(startResponse)).isEqualTo(utf8(message("startResponse")));

    FinishRequest finishRequest = ActivationJson.readFinishRequest(message("finishRequest"));
    assertThat(finishRequest.activationId()).isEqualTo(activationId);
    ServerResult result =
        ServerRole.finish(record, startRequest.A(), challenge.b(), finishRequest.M1())
            .orElseThrow();
    String credentialId = values.get("credentialId").stringValue();
    TokenAlgorithm algorithm = TokenAlgorithm.fromWireName(input("algorithm")).orElseThrow();
    byte[] finishResponse =
        ActivationJson.write(
            new FinishResponse(
                result.M2(),
                credentialId,
                algorithm,
                recorded.get("inputs").get("digits").intValue(),
                recorded.get("inputs").get("period").intValue(),
                input("serviceName"),
                instant("finish")));
    assertThat(utf8(finishResponse)).isEqualTo(utf8(message("finishResponse")));
    assertThat(result.sessionKey()).isEqualTo(bytes("K"));
    assertThat(
            result.deriveTokenSecret(
                activationId,
                input("serviceId"),
                input("userId"),
                credentialId,
                algorithm.secretLength()))
        .isEqualTo(bytes("tokenSecret"));
  }

  @Test
  void appSessionWhenGivenRecordedServerMessagesThenRecordedAnswers() throws ProtocolException {
    AppSession app =
        AppSession.start(
            GROUP,
            input("serviceId"),
            input("userId"),
            recorded.get("values").get("I").stringValue().getBytes(StandardCharsets.UTF_8),
            input("activationPassword").getBytes(StandardCharsets.US_ASCII),
            number("a"));
    byte[] startRequest =
        ActivationJson.write(new StartRequest(input("serviceId"), input("userId"), app.A()));
    assertThat(utf8(startRequest)).isEqualTo(utf8(message("startRequest")));

    StartResponse startResponse = ActivationJson.readStartResponse(message("startResponse"));
    byte[] m1 = app.respond(startResponse.salt(), startResponse.B());
    assertThat(app.scramblingParameter()).isEqualTo(number("u"));
    assertThat(app.premasterSecret()).isEqualTo(number("S"));
    byte[] finishRequest =
        ActivationJson.write(
            new FinishRequest(startResponse.activationId(), m1, input("deviceLabel")));
    assertThat(utf8(finishRequest)).isEqualTo(utf8(message("finishRequest")));

    FinishResponse finishResponse = ActivationJson.readFinishResponse(message("finishResponse"));
    assertThat(app.verifyServer(finishResponse.M2())).isTrue();
    assertThat(
            app.deriveTokenSecret(
                startResponse.activationId(),
                finishResponse.credentialId(),
                finishResponse.algorithm().secretLength()))
        .isEqualTo(bytes("tokenSecret"));
  }

  @Test
  void transcriptWhenReadThenIntermediateValuesAgreeWithEachOther() {
    BigInteger n = GROUP.n();
    BigInteger g = GROUP.g();

    assertThat(number("A")).isEqualTo(g.modPow(number("a"), n));
    assertThat(number("v")).isEqualTo(g.modPow(number("x"), n));
    assertThat(number("B"))
        .isEqualTo(number("k").multiply(number("v")).add(g.modPow(number("b"), n)).mod(n));
    assertThat(number("S"))
        .isEqualTo(
            number("A").multiply(number("v").modPow(number("u"), n)).mod(n).modPow(number("b"), n));
    assertThat(bytes("hkdfInfo"))
        .isEqualTo(
            TokenSecrets.info(
                input("serviceId"),
                input("userId"),
                recorded.get("values").get("credentialId").stringValue()));
  }

  private static void compare(
      String path, JsonNode expected, JsonNode actual, List<String> differences) {
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        JsonNode other = actual.get(field.getKey());
        if (other == null) {
          differences.add(path + "/" + field.getKey() + " is no longer produced");
        } else {
          compare(path + "/" + field.getKey(), field.getValue(), other, differences);
        }
      }
      for (Map.Entry<String, JsonNode> field : actual.properties()) {
        if (expected.get(field.getKey()) == null) {
          differences.add(path + "/" + field.getKey() + " is not in the recording");
        }
      }
    } else if (!expected.equals(actual)) {
      differences.add(path + ": recorded " + expected + ", reproduced " + actual);
    }
  }

  private static String input(String name) {
    return recorded.get("inputs").get(name).stringValue();
  }

  private static Instant instant(String which) {
    return Instant.parse(input(which + "ServerTime"));
  }

  private static byte[] bytes(String name) {
    return Hex.bytes(recorded.get("values").get(name).stringValue());
  }

  private static BigInteger number(String name) {
    return new BigInteger(1, bytes(name));
  }

  private static byte[] message(String name) {
    return recorded.get("messages").get(name).stringValue().getBytes(StandardCharsets.UTF_8);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wire format of protocol version 1: exact output, and strict input. */
class ActivationJsonTest {

  private static final SrpGroup GROUP = SrpGroup.RFC5054_2048_SHA256;

  // A = B = 2 (255 zero bytes and 0x02): 340 'A's for the zeros, then "Ag".
  private static final String TWO = "A".repeat(340) + "Ag";
  private static final String ZERO_32 = "A".repeat(43);

  private static final String START_REQUEST =
      "{\"version\":1,\"serviceId\":\"ichie-demo\",\"userId\":\"1234567890\",\"A\":\""
          + TWO
          + "\"}";
  private static final String START_RESPONSE =
      "{\"version\":1,\"activationId\":\"act-1\",\"salt\":\""
          + ZERO_32
          + "\",\"B\":\""
          + TWO
          + "\",\"serverTime\":\"2026-11-26T12:00:00.123Z\"}";
  private static final String FINISH_REQUEST =
      "{\"version\":1,\"activationId\":\"act-1\",\"M1\":\""
          + ZERO_32
          + "\",\"deviceLabel\":\"Pixel 9 のトークン\"}";
  private static final String FINISH_RESPONSE =
      "{\"version\":1,\"M2\":\""
          + ZERO_32
          + "\",\"credentialId\":\"cred_1\",\"algorithm\":\"SHA1\",\"digits\":6,\"period\":30,"
          + "\"serviceName\":\"一会銀行\",\"serverTime\":\"2026-11-26T12:00:07.000Z\"}";
  private static final String ERROR =
      "{\"error\":\"ACTIVATION_FAILED\",\"message\":\"利用開始できませんでした。\"}";

  private static final byte[] TWO_BYTES = GROUP.pad(BigInteger.TWO);

  private static final StartRequest START_REQUEST_VALUE =
      new StartRequest("ichie-demo", "1234567890", TWO_BYTES);
  private static final StartResponse START_RESPONSE_VALUE =
      new StartResponse(
          "act-1", new byte[32], TWO_BYTES, Instant.parse("2026-11-26T12:00:00.123Z"));
  private static final FinishRequest FINISH_REQUEST_VALUE =
      new FinishRequest("act-1", new byte[32], "Pixel 9 のトークン");
  private static final FinishResponse FINISH_RESPONSE_VALUE =
      new FinishResponse(
          new byte[32],
          "cred_1",
          TokenAlgorithm.SHA1,
          6,
          30,
          "一会銀行",
          Instant.parse("2026-11-26T12:00:07Z"));
  private static final ErrorResponse ERROR_VALUE =
      new ErrorResponse(ErrorCode.ACTIVATION_FAILED, "利用開始できませんでした。");

  @Test
  void writeWhenStartRequestThenExactWireFormat() {
    assertThat(ActivationJson.write(START_REQUEST_VALUE)).isEqualTo(utf8(START_REQUEST));
  }

  @Test
  void writeWhenStartResponseThenExactWireFormat() {
    assertThat(ActivationJson.write(START_RESPONSE_VALUE)).isEqualTo(utf8(START_RESPONSE));
  }

  @Test
  void writeWhenFinishRequestThenExactWireFormatInUtf8() {
    assertThat(ActivationJson.write(FINISH_REQUEST_VALUE)).isEqualTo(utf8(FINISH_REQUEST));
  }

  @Test
  void writeWhenFinishResponseThenExactWireFormatWithZeroMillisWritten() {
    assertThat(ActivationJson.write(FINISH_RESPONSE_VALUE)).isEqualTo(utf8(FINISH_RESPONSE));
  }

  @Test
  void writeWhenErrorThenExactWireFormatWithoutVersion() {
    assertThat(ActivationJson.write(ERROR_VALUE)).isEqualTo(utf8(ERROR));
  }

  @Test
  void writeWhenServerTimeHasNanosThenMillisOnly() {
    StartResponse response =
        new StartResponse(
            "act-1", new byte[32], TWO_BYTES, Instant.parse("2026-11-26T12:00:00.123456789Z"));

    assertThat(new String(ActivationJson.write(response), StandardCharsets.UTF_8))
        .contains("\"serverTime\":\"2026-11-26T12:00:00.123Z\"");
    assertThat(response.serverTime()).isEqualTo(Instant.parse("2026-11-26T12:00:00.123Z"));
  }

  @Test
  void readWhenEachWireExampleThenValue() throws ProtocolException {
    assertThat(ActivationJson.readStartRequest(utf8(START_REQUEST))).isEqualTo(START_REQUEST_VALUE);
    assertThat(ActivationJson.readStartResponse(utf8(START_RESPONSE)))
        .isEqualTo(START_RESPONSE_VALUE);
    assertThat(ActivationJson.readFinishRequest(utf8(FINISH_REQUEST)))
        .isEqualTo(FINISH_REQUEST_VALUE);
    assertThat(ActivationJson.readFinishResponse(utf8(FINISH_RESPONSE)))
        .isEqualTo(FINISH_RESPONSE_VALUE);
    assertThat(ActivationJson.readErrorResponse(utf8(ERROR))).isEqualTo(ERROR_VALUE);
  }

  @Test
  void finishResponseWhenServiceRequiresTheAppLockThenSaidBeforeTheDeviceKeyAndReadBack()
      throws ProtocolException {
    FinishResponse required =
        new FinishResponse(
            2,
            new byte[32],
            "cred_1",
            TokenAlgorithm.SHA1,
            6,
            30,
            "一会銀行",
            Instant.parse("2026-11-26T12:00:07Z"),
            true,
            AppLock.REQUIRED);
    String written = new String(ActivationJson.write(required), StandardCharsets.UTF_8);

    assertThat(written)
        .endsWith(
            "\"serverTime\":\"2026-11-26T12:00:07.000Z\",\"appLock\":\"REQUIRED\","
                + "\"deviceKey\":\"REGISTERED\"}");
    assertThat(ActivationJson.readFinishResponse(utf8(written))).isEqualTo(required);
    // Absent (an older server) is OPTIONAL, and so is the word itself.
    assertThat(ActivationJson.readFinishResponse(utf8(FINISH_RESPONSE)).appLock())
        .isEqualTo(AppLock.OPTIONAL);
    assertThat(
            ActivationJson.readFinishResponse(
                    utf8(FINISH_RESPONSE.replace("}", ",\"appLock\":\"OPTIONAL\"}")))
                .appLock())
        .isEqualTo(AppLock.OPTIONAL);
    assertThat(required)
        .isNotEqualTo(
            ActivationJson.readFinishResponse(
                utf8(written.replace(",\"appLock\":\"REQUIRED\"", ""))));
  }

  @Test
  void readWhenUnknownFieldsAndWhitespaceThenIgnored() throws ProtocolException {
    String json =
        "{ \"extra\": {\"nested\": [1, 2, null]},\n  \"version\": 1, \"userId\": \"1234567890\","
            + " \"serviceId\": \"ichie-demo\", \"A\": \""
            + TWO
            + "\", \"note\": null }";

    assertThat(ActivationJson.readStartRequest(utf8(json))).isEqualTo(START_REQUEST_VALUE);
  }

  @Test
  void readWhenLabelsAtTheirLimitsThenAccepted() throws ProtocolException {
    String label = "あ".repeat(63) + "😀"; // 64 code points, 65 UTF-16 chars
    FinishRequest request =
        ActivationJson.readFinishRequest(
            utf8(FINISH_REQUEST.replace("Pixel 9 のトークン", label).replace("act-1", "a".repeat(64))));

    assertThat(request.deviceLabel()).isEqualTo(label);
    assertThat(request.activationId()).hasSize(64);
  }

  /** A reader under test. */
  @FunctionalInterface
  interface Reader {
    Object read(byte[] json) throws ProtocolException;
  }

  private static Arguments refused(
      String name, Reader reader, String json, ErrorCode code, String message) {
    return Arguments.of(name, reader, json, code, message);
  }

  private static Arguments malformed(String name, Reader reader, String json, String message) {
    return refused(name, reader, json, ErrorCode.MALFORMED, message);
  }

  private static final String NOT_JSON =
      "message is not well-formed JSON (syntax, duplicate field or trailing data)";
  private static final String NOT_BASE64URL = " is not valid base64url";
  private static final String SERVICE_ID_RULE =
      "serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'";
  private static final String ID_RULE =
      " must be 1 to 64 characters of the base64url alphabet (A-Z, a-z, 0-9, '-', '_')";
  private static final String LABEL_RULE =
      " must be 1 to 64 characters, not blank, without control characters";
  private static final String TIME_RULE =
      "field serverTime must be an ISO-8601 UTC instant with milliseconds, such as"
          + " 2026-11-26T12:00:00.123Z";

  static Stream<Arguments> malformedMessages() {
    Reader startRequest = ActivationJson::readStartRequest;
    Reader startResponse = ActivationJson::readStartResponse;
    Reader finishRequest = ActivationJson::readFinishRequest;
    Reader finishResponse = ActivationJson::readFinishResponse;
    Reader error = ActivationJson::readErrorResponse;
    String n = base64Url(GROUP.pad(GROUP.n()));
    String twoN = base64Url(BigIntegers.asUnsignedByteArray(GROUP.n().shiftLeft(1)));
    String nPlusOne = base64Url(GROUP.pad(GROUP.n().add(BigInteger.ONE)));
    String zero = "A".repeat(342);
    return Stream.of(
        // The message as a whole
        malformed("empty", startRequest, "", "message is not a JSON object"),
        malformed("truncated", startRequest, "{\"version\":1,", NOT_JSON),
        malformed("not an object", startRequest, "[1]", "message is not a JSON object"),
        malformed("a string", startRequest, "\"version\"", "message is not a JSON object"),
        malformed("trailing data", startRequest, START_REQUEST + "{}", NOT_JSON),
        malformed(
            "duplicate field",
            startRequest,
            START_REQUEST.replace("{\"version\":1,", "{\"version\":1,\"version\":1,"),
            NOT_JSON),
        malformed(
            "too long",
            startRequest,
            START_REQUEST.replace("}", ",\"pad\":\"" + "x".repeat(16_384) + "\"}"),
            "message is longer than 16384 bytes"),
        // version
        malformed(
            "version missing",
            startRequest,
            START_REQUEST.replace("\"version\":1,", ""),
            "field version is missing"),
        malformed(
            "version null",
            startRequest,
            START_REQUEST.replace("\"version\":1", "\"version\":null"),
            "field version is null"),
        malformed(
            "version a string",
            startRequest,
            START_REQUEST.replace("\"version\":1", "\"version\":\"1\""),
            "field version must be an integer"),
        malformed(
            "version a fraction",
            startRequest,
            START_REQUEST.replace("\"version\":1", "\"version\":1.0"),
            "field version must be an integer"),
        refused(
            "version 3 with other fields",
            startRequest,
            "{\"version\":3,\"serviceId\":[],\"B\":7}",
            ErrorCode.UNSUPPORTED_VERSION,
            "protocol version 3 is not supported; this side speaks versions 1 and 2"),
        refused(
            "version 0",
            finishResponse,
            FINISH_RESPONSE.replace("\"version\":1", "\"version\":0"),
            ErrorCode.UNSUPPORTED_VERSION,
            "protocol version 0 is not supported; this side speaks versions 1 and 2"),
        refused(
            "version beyond int",
            startResponse,
            START_RESPONSE.replace("\"version\":1", "\"version\":99999999999999999999"),
            ErrorCode.UNSUPPORTED_VERSION,
            "protocol version 99999999999999999999 is not supported; this side speaks versions 1"
                + " and 2"),
        // serviceId, userId
        malformed(
            "serviceId missing",
            startRequest,
            START_REQUEST.replace("\"serviceId\":\"ichie-demo\",", ""),
            "field serviceId is missing"),
        malformed(
            "serviceId a number",
            startRequest,
            START_REQUEST.replace("\"ichie-demo\"", "7"),
            "field serviceId must be a string"),
        malformed(
            "serviceId too long",
            startRequest,
            START_REQUEST.replace("ichie-demo", "x".repeat(33)),
            SERVICE_ID_RULE),
        malformed(
            "serviceId with a colon",
            startRequest,
            START_REQUEST.replace("ichie-demo", "ichie:demo"),
            SERVICE_ID_RULE),
        malformed(
            "userId with a letter",
            startRequest,
            START_REQUEST.replace("1234567890", "12345678x0"),
            "userId must be 1 to 32 ASCII digits"),
        malformed(
            "userId empty",
            startRequest,
            START_REQUEST.replace("1234567890", ""),
            "userId must be 1 to 32 ASCII digits"),
        // A
        malformed(
            "A with padding",
            startRequest,
            START_REQUEST.replace(TWO, TWO + "=="),
            "field A must be base64url without padding ('=')"),
        malformed(
            "A in standard base64",
            startRequest,
            START_REQUEST.replace(TWO, "+" + TWO.substring(1)),
            "field A" + NOT_BASE64URL),
        malformed(
            "A not canonical",
            startRequest,
            START_REQUEST.replace(TWO, TWO.replace("Ag", "Ah")),
            "field A" + NOT_BASE64URL),
        malformed(
            "A of impossible length",
            startRequest,
            START_REQUEST.replace(TWO, TWO.substring(1)), // 341 characters: 341 mod 4 = 1
            "field A" + NOT_BASE64URL),
        malformed(
            "A with a space",
            startRequest,
            START_REQUEST.replace(TWO, "AAAA " + TWO.substring(4)),
            "field A" + NOT_BASE64URL),
        malformed(
            "A of 255 bytes",
            startRequest,
            START_REQUEST.replace(TWO, "A".repeat(340)),
            "A must be 256 bytes, not 255"),
        malformed(
            "A = 0", startRequest, START_REQUEST.replace(TWO, zero), "A must not be zero modulo N"),
        malformed(
            "A = N", startRequest, START_REQUEST.replace(TWO, n), "A must not be zero modulo N"),
        malformed(
            "A = 2N",
            startRequest,
            START_REQUEST.replace(TWO, twoN),
            "A must be 256 bytes, not 257"),
        malformed(
            "A = N + 1",
            startRequest,
            START_REQUEST.replace(TWO, nPlusOne),
            "A must be less than N"),
        malformed(
            "A null",
            startRequest,
            START_REQUEST.replace("\"" + TWO + "\"", "null"),
            "field A is null"),
        malformed(
            "lower-case a",
            startRequest,
            START_REQUEST.replace("\"A\":", "\"a\":"),
            "field A is missing"),
        // start response
        malformed(
            "activationId with a dot",
            startResponse,
            START_RESPONSE.replace("act-1", "act.1"),
            "activationId" + ID_RULE),
        malformed(
            "activationId too long",
            startResponse,
            START_RESPONSE.replace("act-1", "a".repeat(65)),
            "activationId" + ID_RULE),
        malformed(
            "salt of 31 bytes",
            startResponse,
            START_RESPONSE.replace(ZERO_32, "A".repeat(42)),
            "salt must be 32 bytes, not 31"),
        malformed(
            "salt with padding",
            startResponse,
            START_RESPONSE.replace(ZERO_32, ZERO_32 + "="),
            "field salt must be base64url without padding ('=')"),
        malformed(
            "B = 0",
            startResponse,
            START_RESPONSE.replace(TWO, zero),
            "B must not be zero modulo N"),
        malformed(
            "B = N", startResponse, START_RESPONSE.replace(TWO, n), "B must not be zero modulo N"),
        malformed(
            "B = 2N",
            startResponse,
            START_RESPONSE.replace(TWO, twoN),
            "B must be 256 bytes, not 257"),
        malformed(
            "serverTime without millis",
            startResponse,
            START_RESPONSE.replace(".123Z", "Z"),
            TIME_RULE),
        malformed(
            "serverTime with micros",
            startResponse,
            START_RESPONSE.replace(".123Z", ".123456Z"),
            TIME_RULE),
        malformed(
            "serverTime with an offset",
            startResponse,
            START_RESPONSE.replace(".123Z", ".123+09:00"),
            TIME_RULE),
        malformed(
            "serverTime on 30 February",
            startResponse,
            START_RESPONSE.replace("2026-11-26", "2026-02-30"),
            TIME_RULE),
        malformed(
            "serverTime at 24:00",
            startResponse,
            START_RESPONSE.replace("12:00:00.123", "24:00:00.000"),
            TIME_RULE),
        malformed(
            "serverTime in a leap second",
            startResponse,
            START_RESPONSE.replace("12:00:00.123", "23:59:60.123"),
            TIME_RULE),
        malformed(
            "serverTime a number",
            startResponse,
            START_RESPONSE.replace("\"2026-11-26T12:00:00.123Z\"", "1795694400123"),
            "field serverTime must be a string"),
        // finish request
        malformed(
            "M1 of 31 bytes",
            finishRequest,
            FINISH_REQUEST.replace(ZERO_32, "A".repeat(42)),
            "M1 must be 32 bytes, not 31"),
        malformed(
            "M1 of 33 bytes",
            finishRequest,
            FINISH_REQUEST.replace(ZERO_32, "A".repeat(44)),
            "M1 must be 32 bytes, not 33"),
        malformed(
            "deviceLabel empty",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", ""),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel blank",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", "   "),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel with a line break",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", "Pixel\\n9"),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel with a right-to-left override",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", "Pixel \\u202e9"),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel with a lone surrogate",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", "Pixel \\ud8009"),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel of 65 characters",
            finishRequest,
            FINISH_REQUEST.replace("Pixel 9 のトークン", "あ".repeat(65)),
            "deviceLabel" + LABEL_RULE),
        malformed(
            "deviceLabel null",
            finishRequest,
            FINISH_REQUEST.replace("\"Pixel 9 のトークン\"", "null"),
            "field deviceLabel is null"),
        malformed(
            "activationId missing",
            finishRequest,
            FINISH_REQUEST.replace("\"activationId\":\"act-1\",", ""),
            "field activationId is missing"),
        // finish response
        malformed(
            "algorithm in lower case",
            finishResponse,
            FINISH_RESPONSE.replace("\"SHA1\"", "\"sha1\""),
            "field algorithm must be SHA1, SHA256 or SHA512"),
        malformed(
            "digits a string",
            finishResponse,
            FINISH_RESPONSE.replace("\"digits\":6", "\"digits\":\"6\""),
            "field digits must be an integer"),
        malformed(
            "digits a fraction",
            finishResponse,
            FINISH_RESPONSE.replace("\"digits\":6", "\"digits\":6.5"),
            "field digits must be an integer"),
        malformed(
            "digits 5",
            finishResponse,
            FINISH_RESPONSE.replace("\"digits\":6", "\"digits\":5"),
            "digits must be 6 to 10, not 5"),
        malformed(
            "digits 11",
            finishResponse,
            FINISH_RESPONSE.replace("\"digits\":6", "\"digits\":11"),
            "digits must be 6 to 10, not 11"),
        malformed(
            "period 0",
            finishResponse,
            FINISH_RESPONSE.replace("\"period\":30", "\"period\":0"),
            "period must be 10 to 300 seconds, not 0"),
        malformed(
            "period beyond int",
            finishResponse,
            FINISH_RESPONSE.replace("\"period\":30", "\"period\":3000000000"),
            "field period must be an integer"),
        malformed(
            "credentialId with a slash",
            finishResponse,
            FINISH_RESPONSE.replace("cred_1", "cred/1"),
            "credentialId" + ID_RULE),
        malformed(
            "serviceName with a tab",
            finishResponse,
            FINISH_RESPONSE.replace("一会銀行", "一会\\t銀行"),
            "serviceName" + LABEL_RULE),
        malformed(
            "M2 with padding",
            finishResponse,
            FINISH_RESPONSE.replace(ZERO_32, ZERO_32 + "="),
            "field M2 must be base64url without padding ('=')"),
        malformed(
            "M2 missing",
            finishResponse,
            FINISH_RESPONSE.replace("\"M2\":\"" + ZERO_32 + "\",", ""),
            "field M2 is missing"),
        malformed(
            "appLock unknown",
            finishResponse,
            FINISH_RESPONSE.replace("}", ",\"appLock\":\"ALWAYS\"}"),
            "field appLock must be REQUIRED or OPTIONAL"),
        malformed(
            "appLock not a string",
            finishResponse,
            FINISH_RESPONSE.replace("}", ",\"appLock\":true}"),
            "field appLock must be a string"),
        // error
        malformed(
            "unknown error code",
            error,
            ERROR.replace("ACTIVATION_FAILED", "NOPE"),
            "field error must be one of MALFORMED, UNSUPPORTED_VERSION, ACTIVATION_FAILED,"
                + " SESSION_EXPIRED, RATE_LIMITED, BAD_DEVICE_KEY"),
        malformed(
            "error message empty",
            error,
            ERROR.replace("利用開始できませんでした。", ""),
            "message must be 1 to 1000 characters"),
        malformed(
            "error message missing",
            error,
            "{\"error\":\"RATE_LIMITED\"}",
            "field message is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedMessages")
  void readWhenMessageBadThenRefusedWithCodeAndReason(
      String name, Reader reader, String json, ErrorCode code, String message) {
    assertThatThrownBy(() -> reader.read(utf8(json)))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(message)
        .extracting(e -> ((ProtocolException) e).code())
        .isEqualTo(code);
  }

  @Test
  void readWhenNotUtf8ThenMalformed() {
    byte[] json = utf8(FINISH_REQUEST);
    byte[] broken = new byte[json.length + 1];
    System.arraycopy(json, 0, broken, 0, json.length);
    int label = FINISH_REQUEST.indexOf("Pixel");
    broken[label] = (byte) 0xC3; // starts a two-byte sequence that 'i' does not continue

    assertThatThrownBy(() -> ActivationJson.readFinishRequest(broken))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(NOT_JSON);
  }

  @Test
  void errorCodeWhenEachThenHttpStatusOfTheSpec() {
    assertThat(ErrorCode.MALFORMED.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.UNSUPPORTED_VERSION.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.ACTIVATION_FAILED.httpStatus()).isEqualTo(403);
    assertThat(ErrorCode.SESSION_EXPIRED.httpStatus()).isEqualTo(410);
    assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
  }

  @Test
  void recordsWhenArraysChangedOutsideThenUnchanged() {
    byte[] publicA = TWO_BYTES.clone();
    StartRequest request = new StartRequest("ichie-demo", "1234567890", publicA);
    publicA[255] = 3;
    request.A()[255] = 3;

    assertThat(request).isEqualTo(START_REQUEST_VALUE);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

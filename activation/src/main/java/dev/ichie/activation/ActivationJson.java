package dev.ichie.activation;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON wire format of protocol versions 1 and 2 (ACTIVATION.md, "The wire format"; version 2
 * adds the device key to {@code finish}, CONFIRMATION.md), both directions, in one place.
 *
 * <p>Writing gives compact UTF-8 JSON with the fields in the documented order and the message's
 * {@code "version"} first (except in an error, which has no version). Byte strings and big integers
 * travel as base64url without padding (RFC 4648 §5); times as an ISO-8601 UTC instant with
 * milliseconds, such as {@code "2026-11-26T12:00:00.123Z"}.
 *
 * <p>Reading is strict and refuses with a {@link ProtocolException}:
 *
 * <ul>
 *   <li>{@link ErrorCode#UNSUPPORTED_VERSION} if {@code version} is a whole number other than 1 or
 *       2; this is checked before any other field, so a version 3 message gets this answer whatever
 *       else it holds;
 *   <li>{@link ErrorCode#MALFORMED} for anything else: more than {@value #MAX_MESSAGE_BYTES} bytes,
 *       not a JSON object, a duplicate field, trailing data; a missing or null field, a field of
 *       the wrong JSON type ({@code "version":"1"} is not a number); base64url with padding,
 *       outside its alphabet or not canonical; a byte string of the wrong length (A and B 256
 *       bytes, salt, M1 and M2 32 bytes); A or B ≡ 0 mod N or not less than N; an id, label or
 *       number that breaks the rules of the message records; a time that is not in the form above.
 * </ul>
 *
 * Unknown fields are ignored. The exception's message says what was wrong in plain English.
 *
 * <p>Stateless and thread-safe.
 */
public final class ActivationJson {

  /** The first protocol version. */
  public static final int VERSION = 1;

  /** The latest protocol version this class speaks (1 and 2). */
  public static final int LATEST = 2;

  /** The largest message this class reads, in bytes. */
  public static final int MAX_MESSAGE_BYTES = 16_384;

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

  private static final DateTimeFormatter SERVER_TIME = Confirmation.TIME;
  private static final Pattern SERVER_TIME_SHAPE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");

  private ActivationJson() {}

  /** {@code {"version":1,"serviceId":…,"userId":…,"A":…}} as UTF-8. */
  public static byte[] write(StartRequest message) {
    ObjectNode json = versioned(message.version());
    json.put("serviceId", message.serviceId());
    json.put("userId", message.userId());
    json.put("A", base64Url(message.A()));
    return MAPPER.writeValueAsBytes(json);
  }

  /** {@code {"version":1,"activationId":…,"salt":…,"B":…,"serverTime":…}} as UTF-8. */
  public static byte[] write(StartResponse message) {
    ObjectNode json = versioned(message.version());
    json.put("activationId", message.activationId());
    json.put("salt", base64Url(message.salt()));
    json.put("B", base64Url(message.B()));
    json.put("serverTime", SERVER_TIME.format(message.serverTime()));
    return MAPPER.writeValueAsBytes(json);
  }

  /** {@code {"version":1,"activationId":…,"M1":…,"deviceLabel":…}} as UTF-8. */
  public static byte[] write(FinishRequest message) {
    ObjectNode json = versioned(message.version());
    json.put("activationId", message.activationId());
    json.put("M1", base64Url(message.M1()));
    json.put("deviceLabel", message.deviceLabel());
    if (message.version() >= 2) {
      json.put("devicePublicKey", base64Url(message.devicePublicKey()));
      json.put("deviceKeyProof", base64Url(message.deviceKeyProof()));
    }
    return MAPPER.writeValueAsBytes(json);
  }

  /**
   * {@code {"version":1,"M2":…,"credentialId":…,"algorithm":…,"digits":…,"period":…,
   * "serviceName":…,"serverTime":…}} as UTF-8, with {@code "appLock":"REQUIRED"} when the service
   * requires the app lock and {@code "deviceKey":"REGISTERED"} in version 2.
   */
  public static byte[] write(FinishResponse message) {
    ObjectNode json = versioned(message.version());
    json.put("M2", base64Url(message.M2()));
    json.put("credentialId", message.credentialId());
    json.put("algorithm", message.algorithm().wireName());
    json.put("digits", message.digits());
    json.put("period", message.period());
    json.put("serviceName", message.serviceName());
    json.put("serverTime", SERVER_TIME.format(message.serverTime()));
    if (message.appLock() == AppLock.REQUIRED) {
      json.put("appLock", AppLock.REQUIRED.name());
    }
    if (message.deviceKeyRegistered()) {
      json.put("deviceKey", "REGISTERED");
    }
    return MAPPER.writeValueAsBytes(json);
  }

  /** {@code {"error":…,"message":…}} as UTF-8. */
  public static byte[] write(ErrorResponse message) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("error", message.error().name());
    json.put("message", message.message());
    return MAPPER.writeValueAsBytes(json);
  }

  /**
   * Reads a {@code start} request.
   *
   * @param json the request body
   * @return the request
   * @throws ProtocolException if the body is not a valid version 1 {@code start} request
   */
  public static StartRequest readStartRequest(byte[] json) throws ProtocolException {
    JsonNode root = versionedRoot(json);
    int version = root.get("version").intValue();
    String serviceId = string(root, "serviceId");
    String userId = string(root, "userId");
    byte[] publicA = bytes(root, "A");
    return build(() -> new StartRequest(version, serviceId, userId, publicA));
  }

  /**
   * Reads the answer to {@code start}.
   *
   * @param json the answer body
   * @return the answer
   * @throws ProtocolException if the body is not a valid version 1 answer to {@code start}
   */
  public static StartResponse readStartResponse(byte[] json) throws ProtocolException {
    JsonNode root = versionedRoot(json);
    int version = root.get("version").intValue();
    String activationId = string(root, "activationId");
    byte[] salt = bytes(root, "salt");
    byte[] publicB = bytes(root, "B");
    Instant serverTime = instant(root, "serverTime");
    return build(() -> new StartResponse(version, activationId, salt, publicB, serverTime));
  }

  /**
   * Reads a {@code finish} request.
   *
   * @param json the request body
   * @return the request
   * @throws ProtocolException if the body is not a valid version 1 {@code finish} request
   */
  public static FinishRequest readFinishRequest(byte[] json) throws ProtocolException {
    JsonNode root = versionedRoot(json);
    int version = root.get("version").intValue();
    String activationId = string(root, "activationId");
    byte[] m1 = bytes(root, "M1");
    String deviceLabel = string(root, "deviceLabel");
    byte[] key = version >= 2 ? bytes(root, "devicePublicKey") : null;
    byte[] proof = version >= 2 ? bytes(root, "deviceKeyProof") : null;
    return build(() -> new FinishRequest(version, activationId, m1, deviceLabel, key, proof));
  }

  /**
   * Reads the answer to {@code finish}.
   *
   * @param json the answer body
   * @return the answer
   * @throws ProtocolException if the body is not a valid version 1 answer to {@code finish}
   */
  public static FinishResponse readFinishResponse(byte[] json) throws ProtocolException {
    JsonNode root = versionedRoot(json);
    int version = root.get("version").intValue();
    byte[] m2 = bytes(root, "M2");
    String credentialId = string(root, "credentialId");
    String algorithmName = string(root, "algorithm");
    TokenAlgorithm algorithm =
        TokenAlgorithm.fromWireName(algorithmName)
            .orElseThrow(() -> malformed("field algorithm must be SHA1, SHA256 or SHA512"));
    int digits = integer(root, "digits");
    int period = integer(root, "period");
    String serviceName = string(root, "serviceName");
    Instant serverTime = instant(root, "serverTime");
    boolean registered = version >= 2;
    if (registered && !"REGISTERED".equals(string(root, "deviceKey"))) {
      throw malformed("field deviceKey must be REGISTERED");
    }
    AppLock appLock =
        root.has("appLock")
            ? AppLock.fromWireName(string(root, "appLock"))
                .orElseThrow(() -> malformed("field appLock must be REQUIRED or OPTIONAL"))
            : AppLock.OPTIONAL;
    return build(
        () ->
            new FinishResponse(
                version,
                m2,
                credentialId,
                algorithm,
                digits,
                period,
                serviceName,
                serverTime,
                registered,
                appLock));
  }

  /**
   * Reads an error answer.
   *
   * @param json the answer body
   * @return the error
   * @throws ProtocolException if the body is not a valid error answer
   */
  public static ErrorResponse readErrorResponse(byte[] json) throws ProtocolException {
    JsonNode root = root(json);
    String name = string(root, "error");
    ErrorCode error = null;
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equals(name)) {
        error = code;
      }
    }
    if (error == null) {
      throw malformed(
          "field error must be one of "
              + String.join(
                  ", ", java.util.Arrays.stream(ErrorCode.values()).map(Enum::name).toList()));
    }
    String message = string(root, "message");
    ErrorCode code = error;
    return build(() -> new ErrorResponse(code, message));
  }

  private static ObjectNode versioned(int version) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("version", version);
    return json;
  }

  private static String base64Url(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }

  private static JsonNode root(byte[] json) throws ProtocolException {
    Objects.requireNonNull(json, "json");
    if (json.length > MAX_MESSAGE_BYTES) {
      throw malformed("message is longer than " + MAX_MESSAGE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw malformed("message is not well-formed JSON (syntax, duplicate field or trailing data)");
    }
    if (root == null || !root.isObject()) {
      throw malformed("message is not a JSON object");
    }
    return root;
  }

  private static JsonNode versionedRoot(byte[] json) throws ProtocolException {
    JsonNode root = root(json);
    JsonNode version = field(root, "version");
    if (!version.isIntegralNumber()) {
      throw malformed("field version must be an integer");
    }
    if (!version.canConvertToInt() || version.intValue() < VERSION || version.intValue() > LATEST) {
      throw new ProtocolException(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + version
              + " is not supported; this side speaks versions "
              + VERSION
              + " and "
              + LATEST);
    }
    return root;
  }

  private static JsonNode field(JsonNode root, String name) throws ProtocolException {
    JsonNode value = root.get(name);
    if (value == null || value.isMissingNode()) {
      throw malformed("field " + name + " is missing");
    }
    if (value.isNull()) {
      throw malformed("field " + name + " is null");
    }
    return value;
  }

  private static String string(JsonNode root, String name) throws ProtocolException {
    JsonNode value = field(root, name);
    if (!value.isString()) {
      throw malformed("field " + name + " must be a string");
    }
    return value.stringValue();
  }

  private static int integer(JsonNode root, String name) throws ProtocolException {
    JsonNode value = field(root, name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw malformed("field " + name + " must be an integer");
    }
    return value.intValue();
  }

  private static byte[] bytes(JsonNode root, String name) throws ProtocolException {
    String text = string(root, name);
    if (text.indexOf('=') >= 0) {
      throw malformed("field " + name + " must be base64url without padding ('=')");
    }
    byte[] bytes = null;
    if (text.chars().allMatch(c -> Rules.isBase64UrlChar((char) c))) {
      try {
        bytes = BASE64URL_DECODER.decode(text);
      } catch (IllegalArgumentException e) {
        bytes = null;
      }
    }
    // Re-encoding refuses the non-canonical forms the JDK decoder lets through (stray low bits).
    if (bytes == null || !base64Url(bytes).equals(text)) {
      throw malformed("field " + name + " is not valid base64url");
    }
    return bytes;
  }

  private static Instant instant(JsonNode root, String name) throws ProtocolException {
    String text = string(root, name);
    Instant instant = null;
    if (SERVER_TIME_SHAPE.matcher(text).matches()) {
      try {
        instant = Instant.parse(text);
      } catch (DateTimeParseException e) {
        instant = null;
      }
    }
    // Re-formatting refuses what Instant.parse normalises (24:00, a leap second 23:59:60).
    if (instant == null || !SERVER_TIME.format(instant).equals(text)) {
      throw malformed(
          "field "
              + name
              + " must be an ISO-8601 UTC instant with milliseconds, such as"
              + " 2026-11-26T12:00:00.123Z");
    }
    return instant;
  }

  private static <T> T build(Supplier<T> constructor) throws ProtocolException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static ProtocolException malformed(String detail) {
    return new ProtocolException(ErrorCode.MALFORMED, detail);
  }
}

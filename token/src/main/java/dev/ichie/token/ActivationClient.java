package dev.ichie.token;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppLock;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.ErrorResponse;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.ProtocolException;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import java.nio.CharBuffer;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The app's role of the activation protocol (docs/activation-protocol.md), over HTTP(S): {@code
 * start} with A, {@code finish} with M1, then M2 is checked <em>before</em> anything is kept, and
 * only then the token secret is derived. Version 2 (the default) also makes the device key of 取引認証
 * and sends it with its proof at {@code finish}; a server that answers {@code start} with
 * UNSUPPORTED_VERSION is asked again in version 1 (the key is then registered later). Also the
 * clock check on the way, and the error answers turned into {@link Problem}s.
 *
 * <p>Thread-safe; each call is one run.
 */
final class ActivationClient {

  static final String START = "/api/activation/v1/start";
  static final String FINISH = "/api/activation/v1/finish";

  private final TokenAppOptions options;

  ActivationClient(TokenAppOptions options) {
    this.options = options;
  }

  /** A finished run: the entry to store and the clock check. */
  record Activated(VaultEntry entry, ClockCheck clock) {}

  /**
   * Runs the protocol.
   *
   * @param request server, IDs, device label
   * @param password the activation password; not changed (the caller wipes it)
   * @return the account and secret to store, with the clock check
   * @throws TokenException for every refusal and failure, with nothing stored
   */
  Activated activate(ActivationRequest request, char[] password) throws TokenException {
    try {
      return run(request, password);
    } catch (OlderServer e) {
      try {
        return run(request.withProtocolVersion(1), password);
      } catch (OlderServer v1) {
        throw new TokenException(
            Problem.PROTOCOL_ERROR, "the server speaks no version we do", "start");
      }
    }
  }

  /** A server that does not speak the version asked for. */
  private static final class OlderServer extends Exception {
    private static final long serialVersionUID = 1L;

    OlderServer() {
      super(null, null, false, false);
    }
  }

  private Activated run(ActivationRequest request, char[] password)
      throws TokenException, OlderServer {
    int version = request.protocolVersion();
    AppSession session;
    try {
      session =
          AppSession.start(
              request.serviceId(), request.userId(), CharBuffer.wrap(password), options.random());
    } catch (IllegalArgumentException e) {
      throw new TokenException(
          Problem.INVALID_ACTIVATION_PASSWORD, "the activation password must be 4 to 8 digits");
    }
    Transport transport = new Transport(request.server(), options);
    Transport.Answer startAnswer =
        transport.post(
            START,
            ActivationJson.write(
                new StartRequest(version, request.serviceId(), request.userId(), session.A())));
    if (version > 1 && startAnswer.status() != 200 && unsupportedVersion(startAnswer)) {
      throw new OlderServer();
    }
    requireOk(startAnswer);
    StartResponse started;
    byte[] m1;
    try {
      started = ActivationJson.readStartResponse(startAnswer.body());
      m1 = session.respond(started.salt(), started.B());
    } catch (ProtocolException e) {
      throw new TokenException(
          Problem.PROTOCOL_ERROR, "bad answer to start: " + e.getMessage(), e, "start");
    }
    KeyPair deviceKey = version >= 2 ? DeviceKeyPairs.generate() : null;
    byte[] spki = deviceKey == null ? null : deviceKey.getPublic().getEncoded();
    Transport.Answer finishAnswer =
        transport.post(
            FINISH,
            ActivationJson.write(
                new FinishRequest(
                    version,
                    started.activationId(),
                    m1,
                    request.deviceLabel(),
                    spki,
                    spki == null ? null : session.deviceKeyProof(started.activationId(), spki))));
    requireOk(finishAnswer);
    FinishResponse finished;
    try {
      finished = ActivationJson.readFinishResponse(finishAnswer.body());
    } catch (ProtocolException e) {
      throw new TokenException(
          Problem.PROTOCOL_ERROR, "bad answer to finish: " + e.getMessage(), e, "finish");
    }
    if (!session.verifyServer(finished.M2())) {
      throw new TokenException(
          Problem.SERVER_NOT_VERIFIED, "M2 is wrong: the server does not hold the verifier");
    }
    TotpParameters parameters;
    try {
      parameters =
          new TotpParameters(
              HmacAlgorithm.fromName(finished.algorithm().wireName()),
              finished.digits(),
              Duration.ofSeconds(finished.period()));
    } catch (IllegalArgumentException e) {
      throw new TokenException(
          Problem.PROTOCOL_ERROR, "token parameters not supported: " + e.getMessage(), "finish");
    }
    byte[] secretBytes =
        session.deriveTokenSecret(
            started.activationId(), finished.credentialId(), finished.algorithm().secretLength());
    Secret secret;
    try {
      secret = Secret.of(secretBytes);
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
    ClockCheck first = startAnswer.clockCheck(started.serverTime());
    ClockCheck second = finishAnswer.clockCheck(finished.serverTime());
    ClockCheck clock = second.roundTrip().compareTo(first.roundTrip()) < 0 ? second : first;
    Instant now = options.clock().instant();
    Account account =
        new Account(
            request.serviceId(),
            finished.serviceName(),
            request.userId(),
            request.server(),
            finished.credentialId(),
            request.deviceLabel(),
            parameters,
            clock.offset(),
            now,
            now,
            finished.appLock() == AppLock.REQUIRED);
    if (deviceKey == null || !finished.deviceKeyRegistered()) {
      return new Activated(new VaultEntry(account, secret), clock);
    }
    byte[] pkcs8 = deviceKey.getPrivate().getEncoded();
    try {
      return new Activated(new VaultEntry(account, secret, Secret.of(pkcs8)), clock);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * Measures the device clock against the server's from the {@code Date} header (RFC 9110 §6.6.1;
   * one-second resolution, so the middle of that second is taken) of a {@code GET} of the server's
   * base URL. Spends no activation attempt and no rate limit.
   */
  ClockCheck measureClock(ServerEndpoint server) throws TokenException {
    Transport.Answer answer = new Transport(server, options).get("/");
    Optional<String> date = answer.headers().firstValue("Date");
    if (date.isEmpty()) {
      throw new TokenException(Problem.PROTOCOL_ERROR, "the answer has no Date header", "Date");
    }
    Instant serverTime;
    try {
      serverTime =
          ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .plusMillis(500);
    } catch (DateTimeParseException e) {
      throw new TokenException(Problem.PROTOCOL_ERROR, "bad Date header: " + date.get(), "Date");
    }
    return answer.clockCheck(serverTime);
  }

  private static boolean unsupportedVersion(Transport.Answer answer) {
    try {
      return ActivationJson.readErrorResponse(answer.body()).error()
          == dev.ichie.activation.ErrorCode.UNSUPPORTED_VERSION;
    } catch (ProtocolException e) {
      return false;
    }
  }

  private static void requireOk(Transport.Answer answer) throws TokenException {
    if (answer.status() == 200) {
      return;
    }
    ErrorResponse error;
    try {
      error = ActivationJson.readErrorResponse(answer.body());
    } catch (ProtocolException e) {
      throw new TokenException(
          Problem.PROTOCOL_ERROR,
          "unexpected answer HTTP " + answer.status(),
          "HTTP " + answer.status());
    }
    switch (error.error()) {
      case ACTIVATION_FAILED ->
          throw new TokenException(Problem.ACTIVATION_FAILED, "the server refused the activation");
      case SESSION_EXPIRED ->
          throw new TokenException(Problem.SESSION_EXPIRED, "the activation run expired");
      case RATE_LIMITED -> {
        long seconds = retryAfter(answer);
        throw new TokenException(
            Problem.RATE_LIMITED, "rate limited, retry after " + seconds + " s", seconds);
      }
      default ->
          throw new TokenException(
              Problem.PROTOCOL_ERROR, "the server says " + error.error(), error.error().name());
    }
  }

  /** Retry-After in seconds (a number, or an HTTP date), or -1 if absent or unreadable. */
  private static long retryAfter(Transport.Answer answer) {
    Optional<String> value = answer.headers().firstValue("Retry-After");
    if (value.isEmpty()) {
      return -1;
    }
    String v = value.get().strip();
    try {
      return Math.max(0, Long.parseLong(v));
    } catch (NumberFormatException notNumber) {
      try {
        Instant until = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, Duration.between(answer.received(), until).toSeconds());
      } catch (DateTimeParseException notDate) {
        return -1;
      }
    }
  }
}

package dev.ichie.token;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.ActivationVerifiers;
import dev.ichie.activation.AppLock;
import dev.ichie.activation.ErrorCode;
import dev.ichie.activation.ErrorResponse;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.ProtocolException;
import dev.ichie.activation.ServerChallenge;
import dev.ichie.activation.ServerResult;
import dev.ichie.activation.ServerRole;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.activation.TokenAlgorithm;
import dev.ichie.activation.VerifierRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small activation server for tests: the server role of the protocol from the activation library,
 * for one issuance, over real HTTP on 127.0.0.1, with switches for the answers a real server gives
 * when things go wrong (and one it must never give: a wrong M2).
 */
public final class FakeActivationServer implements AutoCloseable {

  public static final String SERVICE_ID = "demo";
  public static final String USER_ID = "2915086876";
  public static final String PASSWORD = "24681357";
  public static final String CREDENTIAL_ID = "Y3JlZGVudGlhbC1pZA";

  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final VerifierRecord record =
      ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, random);
  private final Map<String, byte[][]> runs = new ConcurrentHashMap<>();

  public final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> acceptLanguages = new CopyOnWriteArrayList<>();
  final List<String> deviceLabels = new CopyOnWriteArrayList<>();
  volatile boolean corruptM2;
  public volatile AppLock appLock = AppLock.OPTIONAL;
  volatile int startStatus = 200;
  volatile int finishStatus = 200;
  volatile String errorBody;
  volatile String retryAfter;
  volatile byte[] secret;

  public FakeActivationServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/activation/v1/start", this::start);
    server.createContext("/api/activation/v1/finish", this::finish);
    server.createContext("/", ex -> answer(ex, 200, "text/plain", "fake".getBytes()));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void start(HttpExchange ex) throws IOException {
    requests.add("start");
    acceptLanguages.add(String.valueOf(ex.getRequestHeaders().getFirst("Accept-Language")));
    byte[] body = ex.getRequestBody().readAllBytes();
    if (startStatus != 200) {
      answerError(ex, startStatus);
      return;
    }
    try {
      StartRequest request = ActivationJson.readStartRequest(body);
      ServerChallenge challenge = ServerRole.start(record, request.A(), random);
      byte[] id = new byte[32];
      random.nextBytes(id);
      String activationId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
      runs.put(activationId, new byte[][] {request.A(), challenge.b()});
      answer(
          ex,
          200,
          "application/json",
          ActivationJson.write(
              new StartResponse(activationId, record.salt(), challenge.B(), Instant.now())));
    } catch (ProtocolException e) {
      answer(ex, 400, "application/json", error(ErrorCode.MALFORMED));
    }
  }

  private void finish(HttpExchange ex) throws IOException {
    requests.add("finish");
    byte[] body = ex.getRequestBody().readAllBytes();
    if (finishStatus != 200) {
      answerError(ex, finishStatus);
      return;
    }
    try {
      FinishRequest request = ActivationJson.readFinishRequest(body);
      deviceLabels.add(request.deviceLabel());
      byte[][] run = runs.remove(request.activationId());
      if (run == null) {
        answer(ex, 410, "application/json", error(ErrorCode.SESSION_EXPIRED));
        return;
      }
      Optional<ServerResult> result = ServerRole.finish(record, run[0], run[1], request.M1());
      if (result.isEmpty()) {
        answer(ex, 403, "application/json", error(ErrorCode.ACTIVATION_FAILED));
        return;
      }
      secret =
          result
              .get()
              .deriveTokenSecret(request.activationId(), SERVICE_ID, USER_ID, CREDENTIAL_ID, 20);
      byte[] m2 = result.get().M2();
      if (corruptM2) {
        m2[0] ^= 1;
      }
      answer(
          ex,
          200,
          "application/json",
          ActivationJson.write(
              new FinishResponse(
                  1,
                  m2,
                  CREDENTIAL_ID,
                  TokenAlgorithm.SHA1,
                  6,
                  30,
                  "Fake Bank",
                  Instant.now(),
                  false,
                  appLock)));
    } catch (ProtocolException e) {
      answer(ex, 400, "application/json", error(ErrorCode.MALFORMED));
    }
  }

  private void answerError(HttpExchange ex, int status) throws IOException {
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    byte[] body =
        errorBody != null
            ? errorBody.getBytes(StandardCharsets.UTF_8)
            : error(
                switch (status) {
                  case 403 -> ErrorCode.ACTIVATION_FAILED;
                  case 410 -> ErrorCode.SESSION_EXPIRED;
                  case 429 -> ErrorCode.RATE_LIMITED;
                  default -> ErrorCode.MALFORMED;
                });
    answer(ex, status, "application/json", body);
  }

  private static byte[] error(ErrorCode code) {
    return ActivationJson.write(new ErrorResponse(code, "refused: " + code));
  }

  private static void answer(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

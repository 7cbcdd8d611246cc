package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server for the end-to-end tests: {@code server/target/ichie-server.jar} as a process in
 * a working directory (its H2 database and key store land there) on 127.0.0.1 and a free port, with
 * its development defaults unless told otherwise; tokens issued and started through its REST API
 * with the demo API key.
 */
public final class DemoServer implements AutoCloseable {

  private static final String API_KEY = "demo-api-key-change-me";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final Path work;
  private final Process process;
  private final int port;
  private final Path log;

  private DemoServer(Path work, Process process, int port, Path log) {
    this.work = work;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The working directory. */
  public Path work() {
    return work;
  }

  /** Starts the server jar in a new directory and waits until it is UP (at most 150 s). */
  public static DemoServer start() throws Exception {
    return start(Files.createTempDirectory("ichie-e2e-"));
  }

  /**
   * Starts the server jar in a working directory, with more arguments (e.g. another database; those
   * starting with {@code -D} are the JVM's), and waits until its health check says UP (at most 150
   * s). Nodes started in one directory share its key store.
   */
  public static DemoServer start(Path work, String... args) throws Exception {
    Path jar =
        Path.of(System.getProperty("ichie.server.jar", "../server/target/ichie-server.jar"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(jar)) {
      fail(
          jar
              + " is missing: build it first (./mvnw -q -B install -DskipTests -pl"
              + " otp,activation,server), or run ./mvnw verify from the root");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
    List<String> jvm = List.of(args).stream().filter(a -> a.startsWith("-D")).toList();
    command.addAll(jvm);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--spring.profiles.active=dev",
            "--server.port=" + port,
            "--server.address=127.0.0.1"));
    List.of(args).stream().filter(a -> !jvm.contains(a)).forEach(command::add);
    if (List.of(args).stream().noneMatch(a -> a.startsWith("--ichie.mail.download-url="))) {
      // The mails link to this server, as a bank's link to its own.
      command.add("--ichie.mail.download-url=http://127.0.0.1:" + port + "/app/");
    }
    Path log = work.resolve("server-" + port + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DemoServer server = new DemoServer(work, process, port, log);
    Instant deadline = Instant.now().plusSeconds(150);
    while (true) {
      if (!process.isAlive()) {
        fail("the server stopped at start-up:\n" + server.logTail());
      }
      try {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("UP")) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        server.close();
        fail("the server did not come up:\n" + server.logTail());
      }
      Thread.sleep(250);
    }
  }

  /** The server's loopback port. */
  public int port() {
    return port;
  }

  /** The server's base URL, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Issues a token (F1) for a customer; returns the ユーザーID the app needs. */
  public String issue(String customer, String activationPassword) throws Exception {
    JsonNode issued =
        api(
            "POST",
            "/api/v1/customers/" + customer + "/token",
            Map.of(
                "mobileMail", customer + "@example.jp", "activationPassword", activationPassword));
    assertThat(issued.get("result").asString()).as(issued.toString()).isEqualTo("OK");
    return issued.get("userId").asString();
  }

  /** The start of use (F3) with a code: the server's result, e.g. OK. */
  public String startOfUse(String customer, String code) throws Exception {
    return api("POST", "/api/v1/customers/" + customer + "/token/start", Map.of("code", code))
        .get("result")
        .asString();
  }

  /** The token's state, e.g. ACTIVATED. */
  public String state(String customer) throws Exception {
    return api("GET", "/api/v1/customers/" + customer + "/token", null).get("state").asString();
  }

  /** A 取引認証 of a transfer for the customer's token (the bank's REST API); returns its id. */
  public String confirmation(String customer, long amount) throws Exception {
    String fields =
        "[{\"name\":\"payeeBank\",\"value\":\"いちえ銀行\"},"
            + "{\"name\":\"payeeBranch\",\"value\":\"本店\"},"
            + "{\"name\":\"payeeAccountType\",\"value\":\"普通\"},"
            + "{\"name\":\"payeeAccountNumber\",\"value\":\"1234567\"},"
            + "{\"name\":\"payeeName\",\"value\":\"ヤマダ タロウ\"},"
            + "{\"name\":\"amount\",\"value\":\""
            + amount
            + "\"},"
            + "{\"name\":\"currency\",\"value\":\"JPY\"}]";
    JsonNode created =
        send(
            "POST",
            "/api/v1/customers/" + customer + "/confirmations",
            "{\"kind\":\"TRANSFER\",\"fields\":" + fields + "}");
    assertThat(created.get("result").asString()).as(created.toString()).isEqualTo("OK");
    return created.get("confirmationId").asString();
  }

  /** A confirmation's state, e.g. APPROVED. */
  public String confirmationState(String customer, String id) throws Exception {
    return send("GET", "/api/v1/customers/" + customer + "/confirmations/" + id, null)
        .get("state")
        .asString();
  }

  /** The offline code sent by the bank for a confirmation: the server's result, e.g. OK. */
  public String offlineCode(String customer, String id, String code) throws Exception {
    return send(
            "POST",
            "/api/v1/customers/" + customer + "/confirmations/" + id + "/code",
            "{\"code\":\"" + code + "\"}")
        .get("result")
        .asString();
  }

  private JsonNode api(String method, String path, Map<String, String> body) throws Exception {
    return send(method, path, body == null ? null : JSON.writeValueAsString(body));
  }

  /** A call of the REST API with the demo API key: the answer's JSON. */
  public JsonNode send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path))
            .header("X-API-Key", API_KEY)
            .timeout(Duration.ofSeconds(30));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(answer.body());
  }

  /** A page of the web as a browser of that language gets it: its HTML. */
  public String page(String path, String language) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .header("Accept-Language", language)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return answer.body();
  }

  /** An answer of the REST API: its status, its body and whether it was a replayed one. */
  public record Answer(int status, String body, boolean replayed) {
    /** The body's {@code result}, or null. */
    public String result() {
      JsonNode json = JSON.readTree(body);
      return json.has("result") ? json.get("result").asString() : null;
    }
  }

  /**
   * A POST of the REST API with the demo API key and an {@code Idempotency-Key}.
   *
   * @throws IOException when the node does not answer (e.g. it was killed)
   */
  public Answer postIdempotent(String path, String json, String key) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .header("X-API-Key", API_KEY)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(
        answer.statusCode(),
        answer.body(),
        answer.headers().firstValue("Idempotent-Replayed").isPresent());
  }

  /** Kills the process at once, as a power cut would (SIGKILL): no shutdown of any kind. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The server's log file. */
  public Path log() {
    return log;
  }

  /** The last 40 lines of the server's log. */
  public String logTail() throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}

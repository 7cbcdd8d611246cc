package dev.ichie.bench.load;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import java.io.FileWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How long the activation endpoint's {@code finish} takes to refuse a wrong activation password of
 * a live issuance, and of a user ID with no issuance (the decoy): they must cost the same, so that
 * timing tells nobody which user IDs have a token waiting. One worker, the two kinds alternated so
 * that drift of the machine falls on both; only {@code finish} is timed.
 *
 * <p>Options: {@code --port=}, {@code --customers=200} issued through the REST API (the demo key),
 * each taking 4 wrong passwords (below the 5 that void an issuance), {@code --warmup=200} pairs not
 * measured, {@code --label=}, {@code --out=} (Markdown rows appended).
 */
public final class ActivationLoad {

  private static final String KEY = "demo-api-key-change-me";
  private static final Pattern USER_ID = Pattern.compile("\"userId\":\"([0-9]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final SecureRandom random = new SecureRandom();

  private ActivationLoad(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args, ActivationLoad.class);
    ActivationLoad load = new ActivationLoad(Integer.parseInt(o.required("port")));
    int customers = Integer.parseInt(o.get("customers", "200"));
    int warmup = Integer.parseInt(o.get("warmup", "200"));
    String prefix = "act-load-" + System.nanoTime() % 1_000_000 + "-";
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < customers; i++) {
      userIds.add(load.issue(prefix + i));
    }
    System.out.println("issued " + userIds.size() + " tokens");
    Histogram real = new Histogram();
    Histogram decoy = new Histogram();
    int n = 0;
    for (int round = 0; round < 4; round++) {
      for (String userId : userIds) {
        boolean measured = n++ >= warmup;
        long r = load.wrongFinish(userId);
        long d = load.wrongFinish(load.unknownUserId());
        if (measured) {
          real.record(r);
          decoy.record(d);
        }
      }
    }
    String label = o.get("label", "h2");
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
            label,
            real.count(),
            real.percentileMillis(0.5),
            real.percentileMillis(0.99),
            real.meanMillis(),
            decoy.percentileMillis(0.5),
            decoy.percentileMillis(0.99),
            decoy.meanMillis(),
            decoy.meanMillis() / real.meanMillis());
    System.out.println(
        "| db | pairs | real p50 ms | real p99 ms | real mean ms | decoy p50 ms | decoy p99 ms"
            + " | decoy mean ms | decoy/real |");
    System.out.print(row);
    String out = o.get("out");
    if (out != null) {
      try (FileWriter w = new FileWriter(out, true)) {
        w.write(row);
      }
    }
  }

  private String unknownUserId() {
    return String.format(Locale.ROOT, "9%09d", random.nextInt(1_000_000_000));
  }

  private String issue(String customer) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/" + customer + "/token"))
                .header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"mobileMail\":\"load@example.jp\",\"activationPassword\":\"24681357\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Options.find(USER_ID, r.body());
  }

  /** A run with a wrong password: start (not timed), then finish (timed); nanoseconds. */
  private long wrongFinish(String userId) throws Exception {
    AppSession app = AppSession.start("demo", userId, "11112222", random);
    HttpResponse<byte[]> start =
        post(
            "/api/activation/v1/start",
            ActivationJson.write(new StartRequest("demo", userId, app.A())));
    if (start.statusCode() != 200) {
      throw new IllegalStateException("start answered " + start.statusCode());
    }
    StartResponse s = ActivationJson.readStartResponse(start.body());
    byte[] finish =
        ActivationJson.write(
            new FinishRequest(s.activationId(), app.respond(s.salt(), s.B()), "load"));
    long t0 = System.nanoTime();
    HttpResponse<byte[]> f = post("/api/activation/v1/finish", finish);
    long took = System.nanoTime() - t0;
    if (f.statusCode() != 403) {
      throw new IllegalStateException("finish answered " + f.statusCode());
    }
    return took;
  }

  private HttpResponse<byte[]> post(String path, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}

package dev.ichie.bench.load;

import dev.ichie.activation.Confirmation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded, closed-loop load test of 取引認証 on loopback, against tokens made by the server's {@code
 * seed-load-test} command: each worker's round creates a confirmation over the REST API, polls for
 * it as the app (a signed poll: one indexed lookup and one signature check) and approves it (a
 * signed decision, decided once). Device keys are registered first, with the proof from each
 * token's secret. It prints, per level and per request kind, requests per second and latency
 * percentiles, and the server's CPU per round. Run by {@code bench/run-load.sh} with {@code
 * LOAD_KIND=confirm}; options are {@code --name=value}:
 *
 * <pre>
 * --port=N (required) --seed-key=HEX (required) --count=200 --prefix=load-
 * --api-key=demo-api-key-change-me --levels=1,2,4 --duration=20 --settle=3 --warmup=30
 * --server-pid=N --label=TEXT --out=FILE
 * </pre>
 */
public final class ConfirmLoad {

  private static final Pattern USER_ID = Pattern.compile("\"userId\"\\s*:\\s*\"([0-9]+)\"");
  private static final Pattern ID = Pattern.compile("\"confirmationId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String CREDENTIAL = "load-test";
  private static final String[] KINDS = {"create", "poll", "decision"};

  private final Options options;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String apiKey;
  private final List<AppToken> apps = new ArrayList<>();
  private final LongAdder nonOk = new LongAdder();

  /** One seeded token as its app holds it. */
  private static final class AppToken {
    final String customer;
    final String userId;
    final KeyPair key;
    long lastPollMillis;

    AppToken(String customer, String userId, KeyPair key) {
      this.customer = customer;
      this.userId = userId;
      this.key = key;
    }

    String identity() {
      return "\"version\":1,\"serviceId\":\"demo\",\"userId\":\"%s\",\"credentialId\":\"%s\""
          .formatted(userId, CREDENTIAL);
    }
  }

  private ConfirmLoad(Options options) {
    this.options = options;
    this.base = "http://" + options.get("host", "127.0.0.1") + ":" + options.required("port");
    this.apiKey = options.get("api-key", "demo-api-key-change-me");
  }

  /**
   * Runs the load test.
   *
   * @param args {@code --name=value} options, see the class comment
   * @throws Exception if it cannot run
   */
  public static void main(String[] args) throws Exception {
    System.exit(new ConfirmLoad(Options.parse(args, ConfirmLoad.class)).run());
  }

  private int run() throws Exception {
    int count = Integer.parseInt(options.get("count", "200"));
    String prefix = options.get("prefix", "load-");
    byte[] seedKey = HexFormat.of().parseHex(options.required("seed-key"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(seedKey, "HmacSHA256"));
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String ref = prefix + String.format("%07d", i);
      String status = send("GET", "/api/v1/customers/" + ref + "/token", null, true).body();
      AppToken app = new AppToken(ref, Options.find(USER_ID, status), g.generateKeyPair());
      byte[] secret = Arrays.copyOf(mac.doFinal(ref.getBytes(StandardCharsets.UTF_8)), 20);
      byte[] spki = app.key.getPublic().getEncoded();
      String time = Confirmation.TIME.format(Instant.now());
      byte[] proof =
          Confirmation.hmac(
              Confirmation.enrolProofKey(secret, CREDENTIAL),
              spki,
              time.getBytes(StandardCharsets.UTF_8));
      Arrays.fill(secret, (byte) 0);
      HttpResponse<String> r =
          send(
              "POST",
              "/api/app/v1/device-key",
              "{%s,\"publicKey\":\"%s\",\"time\":\"%s\",\"proof\":\"%s\"}"
                  .formatted(
                      app.identity(), B64.encodeToString(spki), time, B64.encodeToString(proof)),
              false);
      if (r.statusCode() != 200 && !r.body().contains("KEY_EXISTS")) {
        throw new IllegalStateException("device key refused: " + r.statusCode() + " " + r.body());
      }
      apps.add(app);
    }
    System.out.printf(
        Locale.ROOT,
        "registered %d device keys in %.1f s%n",
        count,
        (System.nanoTime() - t0) / 1e9);
    int[] levels =
        Arrays.stream(options.get("levels", "1,2,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    level(levels[levels.length - 1], Integer.parseInt(options.get("warmup", "30")), 0, false);
    for (int c : levels) {
      level(
          c,
          Integer.parseInt(options.get("duration", "20")),
          Integer.parseInt(options.get("settle", "3")),
          true);
    }
    return nonOk.sum() == 0 ? 0 : 3;
  }

  private void level(int workers, int seconds, int settle, boolean report) throws Exception {
    long serverPid = Long.parseLong(options.get("server-pid", "0"));
    long measureFrom = System.nanoTime() + settle * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    Histogram[][] hist = new Histogram[workers][KINDS.length];
    long[] rounds = new long[workers];
    LongAdder measuredNonOk = new LongAdder();
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      int worker = w;
      for (int k = 0; k < KINDS.length; k++) {
        hist[w][k] = new Histogram();
      }
      threads[w] =
          new Thread(
              () -> {
                int n = worker;
                while (System.nanoTime() < end) {
                  AppToken app = apps.get(n % apps.size());
                  n += workers;
                  long[] took = new long[KINDS.length];
                  boolean ok;
                  long start = System.nanoTime();
                  try {
                    ok = round(app, took);
                  } catch (Exception e) {
                    ok = false;
                  }
                  boolean measured = start >= measureFrom && System.nanoTime() <= end;
                  if (measured) {
                    for (int k = 0; k < KINDS.length; k++) {
                      if (took[k] > 0) {
                        hist[worker][k].record(took[k]);
                      }
                    }
                    rounds[worker]++;
                  }
                  if (!ok) {
                    nonOk.increment();
                    if (measured) {
                      measuredNonOk.increment();
                    }
                  }
                }
              });
      threads[w].start();
    }
    while (System.nanoTime() < measureFrom) {
      Thread.sleep(5);
    }
    long self0 = Cpu.self();
    long server0 = Cpu.process(serverPid);
    long wall0 = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(5);
    }
    long self = Cpu.self() - self0;
    long server = Cpu.process(serverPid) - server0;
    long wall = System.nanoTime() - wall0;
    for (Thread t : threads) {
      t.join();
    }
    if (!report) {
      return;
    }
    long total = Arrays.stream(rounds).sum();
    StringBuilder rows = new StringBuilder();
    for (int k = 0; k < KINDS.length; k++) {
      Histogram all = new Histogram();
      for (int w = 0; w < workers; w++) {
        all.add(hist[w][k]);
      }
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %,.0f | %.2f | %.2f | %.2f | %d | %.0f %% | %.0f %% | %s |%n",
              options.get("label", "confirm"),
              KINDS[k],
              workers,
              all.count() / (wall / 1e9),
              all.percentileMillis(0.50),
              all.percentileMillis(0.90),
              all.percentileMillis(0.99),
              measuredNonOk.sum(),
              100.0 * self / wall,
              server < 0 ? Double.NaN : 100.0 * server / wall,
              server < 0 || total == 0
                  ? "?"
                  : String.format(Locale.ROOT, "%.2f ms", server / 1e6 / total)));
    }
    System.out.print(rows);
    String out = options.get("out");
    if (out != null) {
      Files.writeString(
          Path.of(out), rows.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** One round: create, poll until listed, approve; the times of each request. */
  private boolean round(AppToken app, long[] took) throws Exception {
    String amount = Long.toString(1 + (System.nanoTime() & 0xFFFF));
    List<Confirmation.Field> fields =
        List.of(
            new Confirmation.Field("payeeBank", "いちえ銀行"),
            new Confirmation.Field("payeeBranch", "本店"),
            new Confirmation.Field("payeeAccountType", "普通"),
            new Confirmation.Field("payeeAccountNumber", "1234567"),
            new Confirmation.Field("payeeName", "ヤマダ タロウ"),
            new Confirmation.Field("amount", amount),
            new Confirmation.Field("currency", "JPY"));
    StringBuilder json = new StringBuilder("{\"kind\":\"TRANSFER\",\"fields\":[");
    for (int i = 0; i < fields.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append(
              "{\"name\":\"%s\",\"value\":\"%s\"}"
                  .formatted(fields.get(i).name(), fields.get(i).value()));
    }
    json.append("]}");
    long t = System.nanoTime();
    HttpResponse<String> created =
        send("POST", "/api/v1/customers/" + app.customer + "/confirmations", json.toString(), true);
    took[0] = System.nanoTime() - t;
    if (created.statusCode() != 201) {
      return false;
    }
    String id = Options.find(ID, created.body());

    long millis = Math.max(System.currentTimeMillis(), app.lastPollMillis + 1);
    app.lastPollMillis = millis;
    String time = Confirmation.TIME.format(Instant.ofEpochMilli(millis));
    byte[] pollSig = sign(app, Confirmation.pollBytes("demo", app.userId, CREDENTIAL, time));
    t = System.nanoTime();
    HttpResponse<String> polled =
        send(
            "POST",
            "/api/app/v1/confirmations/pending",
            "{%s,\"time\":\"%s\",\"signature\":\"%s\"}"
                .formatted(app.identity(), time, B64.encodeToString(pollSig)),
            false);
    took[1] = System.nanoTime() - t;
    if (polled.statusCode() != 200 || !polled.body().contains(id)) {
      return false;
    }

    byte[] sig =
        sign(
            app,
            Confirmation.decisionBytes(
                "demo", app.userId, CREDENTIAL, id, "TRANSFER", fields, "APPROVE"));
    t = System.nanoTime();
    HttpResponse<String> decided =
        send(
            "POST",
            "/api/app/v1/confirmations/" + id + "/decision",
            "{%s,\"decision\":\"APPROVE\",\"signature\":\"%s\"}"
                .formatted(app.identity(), B64.encodeToString(sig)),
            false);
    took[2] = System.nanoTime() - t;
    return decided.statusCode() == 200 && decided.body().contains("APPROVED");
  }

  private static byte[] sign(AppToken app, byte[] bytes) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(app.key.getPrivate());
    s.update(bytes);
    return s.sign();
  }

  private HttpResponse<String> send(String method, String path, String json, boolean api)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (api) {
      b.header("X-API-Key", apiKey);
    }
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

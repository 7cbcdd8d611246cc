package dev.ichie.bench.load;

import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded, closed-loop load test of the verify API ({@code POST
 * /api/v1/customers/{customer}/token/verify}) on loopback, against tokens made by the server's
 * {@code seed-load-test} command: every request is a successful verification with a fresh code, so
 * the server really runs its replay update and audit insert.
 *
 * <p>Each level runs {@code c} workers, each with its own keep-alive connection, for a fixed time;
 * a warm-up comes first and a few seconds of each level are not measured. Tokens are taken in
 * rotation, and each at most once per 30-second step (the replay rule); if every token was used in
 * the current step, the worker waits for the next one and the wait is reported. It prints, per
 * level, requests per second, latency percentiles, non-OK answers, and the CPU time of itself, of
 * the server and of the database, read from /proc. Run by {@code bench/run-load.sh}; options are
 * {@code --name=value}:
 *
 * <pre>
 * --port=N (required) --host=127.0.0.1 --api-key=demo-api-key-change-me
 * --count=N --prefix=load- --seed-key=HEX       the seeded tokens (as given to seed-load-test)
 * --first-token=0     where the rotation starts (another run in the same 30 s must not overlap)
 * --levels=4,8,16 --duration=20 --settle=3   seconds measured per level, and not measured before
 * --warmup=30 --warmup-level=16     a warm-up first, not measured (default: the last level)
 * --client=raw|jdk    a bare HTTP/1.1 socket client, or java.net.http.HttpClient
 * --server-pid=N --db-pid=N   processes whose CPU time to report (db: the postmaster and children)
 * --label=TEXT --out=FILE     a name for the rows, and a file to append the Markdown rows to
 * </pre>
 */
public final class VerifyLoad {

  private final Options options;
  private final Totp totp;
  private final long periodSeconds;
  private final Secret[] secrets;
  private final String[] paths;
  private final AtomicLong cursor = new AtomicLong();
  private final AtomicLongArray lastUsedStep;
  private final LongAdder waits = new LongAdder();
  private final LongAdder okInAll = new LongAdder();

  private VerifyLoad(Options options) throws GeneralSecurityException {
    this.options = options;
    TotpParameters p =
        new TotpParameters(
            HmacAlgorithm.fromName(option("algorithm", "SHA1")),
            Integer.parseInt(option("digits", "6")),
            Duration.ofSeconds(Long.parseLong(option("period", "30"))));
    this.totp = new Totp(p);
    this.periodSeconds = p.period().getSeconds();
    int count = Integer.parseInt(option("count", "100000"));
    String prefix = option("prefix", "load-");
    byte[] seedKey = HexFormat.of().parseHex(required("seed-key"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(seedKey, "HmacSHA256"));
    this.secrets = new Secret[count];
    this.paths = new String[count];
    for (int i = 0; i < count; i++) {
      String ref = prefix + String.format("%07d", i);
      byte[] raw = Arrays.copyOf(mac.doFinal(ref.getBytes(StandardCharsets.UTF_8)), 20);
      secrets[i] = Secret.of(raw);
      Arrays.fill(raw, (byte) 0);
      paths[i] = "/api/v1/customers/" + ref + "/token/verify";
    }
    this.cursor.set(Long.parseLong(option("first-token", "0")));
    this.lastUsedStep = new AtomicLongArray(count);
    for (int i = 0; i < count; i++) {
      lastUsedStep.set(i, Long.MIN_VALUE);
    }
  }

  /**
   * Runs the load test.
   *
   * @param args {@code --name=value} options, see the class comment
   * @throws Exception if it cannot run
   */
  public static void main(String[] args) throws Exception {
    System.exit(new VerifyLoad(Options.parse(args, VerifyLoad.class)).run());
  }

  private String option(String name, String fallback) {
    return options.get(name, fallback);
  }

  private String required(String name) {
    return options.required(name);
  }

  /** A token to use now, and the step whose code to send. */
  private record Pick(int token, long step) {}

  private Pick pick() throws InterruptedException {
    while (true) {
      long step = System.currentTimeMillis() / 1000 / periodSeconds;
      int token = (int) (cursor.getAndIncrement() % secrets.length);
      long last = lastUsedStep.get(token);
      if (last < step && lastUsedStep.compareAndSet(token, last, step)) {
        return new Pick(token, step);
      }
      // Every token was used in this step: wait for the next one.
      waits.increment();
      long next = (step + 1) * periodSeconds * 1000;
      Thread.sleep(Math.max(1, next - System.currentTimeMillis() + 5));
    }
  }

  private Client client() {
    String host = option("host", "127.0.0.1");
    int port = Integer.parseInt(required("port"));
    String key = option("api-key", "demo-api-key-change-me");
    return "jdk".equals(option("client", "raw"))
        ? new Client.Jdk(host, port, key)
        : new Client.Raw(host, port, key);
  }

  /** What one level measured. */
  private record Level(
      int concurrency,
      double seconds,
      Histogram latencies,
      Map<String, Long> notOk,
      long errors,
      long waits,
      double generatorCpu,
      double serverCpu,
      double dbCpu,
      double machineBusy) {

    long ok() {
      return latencies.count() - notOk.values().stream().mapToLong(Long::longValue).sum();
    }

    double rate() {
      return latencies.count() / seconds;
    }

    /** The CPU that processes other than the generator, the server and the database used. */
    double others() {
      return machineBusy - generatorCpu - serverCpu - (Double.isNaN(dbCpu) ? 0 : dbCpu);
    }
  }

  private final class Worker implements Runnable {

    final Histogram latencies = new Histogram();
    final Map<String, Long> notOk = new TreeMap<>();
    long errors;
    String firstError;
    private final long measureFrom;
    private final long measureTo;

    Worker(long measureFrom, long measureTo) {
      this.measureFrom = measureFrom;
      this.measureTo = measureTo;
    }

    @Override
    public void run() {
      try (Client client = client()) {
        while (true) {
          Pick pick = pick();
          String code = totp.generateAtStep(secrets[pick.token()], pick.step());
          long start = System.nanoTime();
          if (start >= measureTo) {
            // give the token back for this step: it was not used
            lastUsedStep.compareAndSet(pick.token(), pick.step(), pick.step() - 1);
            return;
          }
          String result;
          try {
            result = client.verify(paths[pick.token()], code);
          } catch (IOException e) {
            result = null;
            if (firstError == null) {
              firstError = e.toString();
            }
          }
          long end = System.nanoTime();
          if ("OK".equals(result)) {
            okInAll.increment();
          }
          if (start >= measureFrom && end <= measureTo) {
            if (result == null) {
              errors++;
            } else {
              latencies.record(end - start);
              if (!"OK".equals(result)) {
                notOk.merge(result, 1L, Long::sum);
              }
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Level level(int concurrency, double settleSeconds, double seconds)
      throws InterruptedException {
    long serverPid = Long.parseLong(option("server-pid", "0"));
    long dbPid = Long.parseLong(option("db-pid", "0"));
    long begin = System.nanoTime();
    long measureFrom = begin + (long) (settleSeconds * 1e9);
    long measureTo = measureFrom + (long) (seconds * 1e9);
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Worker w = new Worker(measureFrom, measureTo);
      Thread t = new Thread(w, "load-" + concurrency + "-" + i);
      workers.add(w);
      threads.add(t);
      t.start();
    }
    sleepUntil(measureFrom);
    long waits0 = waits.sum();
    long gen0 = Cpu.self();
    long server0 = Cpu.process(serverPid);
    long db0 = Cpu.tree(dbPid);
    long[] machine0 = Cpu.machine();
    long wall0 = System.nanoTime();
    sleepUntil(measureTo);
    long wall = System.nanoTime() - wall0;
    long gen = Cpu.self() - gen0;
    long server = Cpu.process(serverPid) - server0;
    long db = Cpu.tree(dbPid) - db0;
    long[] machine1 = Cpu.machine();
    long waited = waits.sum() - waits0;
    for (Thread t : threads) {
      t.join(60_000);
    }
    Histogram all = new Histogram();
    Map<String, Long> notOk = new TreeMap<>();
    long errors = 0;
    for (Worker w : workers) {
      all.add(w.latencies);
      w.notOk.forEach((k, v) -> notOk.merge(k, v, Long::sum));
      errors += w.errors;
      if (w.firstError != null) {
        System.out.println("  first error of a worker: " + w.firstError);
      }
    }
    return new Level(
        concurrency,
        seconds,
        all,
        notOk,
        errors,
        waited,
        100.0 * gen / wall,
        serverPid > 0 && server0 >= 0 ? 100.0 * server / wall : Double.NaN,
        dbPid > 0 && db0 >= 0 ? 100.0 * db / wall : Double.NaN,
        machine0[0] >= 0 ? 100.0 * (machine1[0] - machine0[0]) / wall : Double.NaN);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  private int run() throws Exception {
    String label = option("label", "server");
    String clientKind = option("client", "raw");
    // A first request shows a wrong port, key or seed before the timed run.
    try (Client c = client()) {
      Pick p = pick();
      String r = c.verify(paths[p.token()], totp.generateAtStep(secrets[p.token()], p.step()));
      if (!"OK".equals(r)) {
        System.err.println("the first verification answered " + r + ", not OK; stopping");
        return 1;
      }
      okInAll.increment();
    }
    List<Level> levels = new ArrayList<>();
    String[] list = option("levels", "4,8,16").split(",");
    double warmup = Double.parseDouble(option("warmup", "30"));
    double settle = Double.parseDouble(option("settle", "3"));
    double duration = Double.parseDouble(option("duration", "20"));
    System.out.printf(
        Locale.ROOT,
        "%s: %d tokens, client %s, levels %s, warm-up %.0f s, then per level %.0f s settling"
            + " and %.0f s measured%n",
        label,
        secrets.length,
        clientKind,
        String.join(",", list),
        warmup,
        settle,
        duration);
    int warmupLevel =
        Integer.parseInt(
            option(
                "warmup-level", Arrays.stream(list).map(String::trim).reduce((a, b) -> b).get()));
    if (warmup > 0) {
      // The warm-up is a level of its own, at the highest concurrency by default: the server's JIT
      // compiles the paths that the measured levels run.
      Level w = level(warmupLevel, 0, warmup);
      System.out.printf(
          Locale.ROOT,
          "%s warm-up c=%d for %.0f s: %.0f req/s, non-OK %s, errors %d%n",
          label,
          warmupLevel,
          warmup,
          w.rate(),
          w.notOk().isEmpty() ? "0" : w.notOk().toString(),
          w.errors());
    }
    for (int i = 0; i < list.length; i++) {
      int c = Integer.parseInt(list[i].trim());
      Level l = level(c, settle, duration);
      levels.add(l);
      System.out.printf(
          Locale.ROOT,
          "%s c=%-2d %7.0f req/s  p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms  OK %d"
              + "  non-OK %s  errors %d  waits %d  CPU%%: gen %.0f server %.0f db %.0f"
              + " machine %.0f/200 (others %.0f); CPU µs/request: gen %.0f server %.0f db %.0f%n",
          label,
          c,
          l.rate(),
          l.latencies().percentileMillis(0.50),
          l.latencies().percentileMillis(0.90),
          l.latencies().percentileMillis(0.99),
          l.latencies().maxMillis(),
          l.ok(),
          l.notOk().isEmpty() ? "0" : l.notOk().toString(),
          l.errors(),
          l.waits(),
          l.generatorCpu(),
          l.serverCpu(),
          l.dbCpu(),
          l.machineBusy(),
          l.others(),
          l.generatorCpu() * 1e4 / l.rate(),
          l.serverCpu() * 1e4 / l.rate(),
          l.dbCpu() * 1e4 / l.rate());
    }
    System.out.println(
        label + ": " + okInAll.sum() + " OK answers in all, warm-up and settling included");
    String out = options.get("out");
    if (out != null) {
      StringBuilder rows = new StringBuilder();
      for (Level l : levels) {
        long bad = l.latencies().count() - l.ok();
        rows.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %d | %d | %s | %s | %s | %s | %s |%n",
                label,
                l.concurrency(),
                l.rate(),
                l.latencies().percentileMillis(0.50),
                l.latencies().percentileMillis(0.90),
                l.latencies().percentileMillis(0.99),
                l.latencies().maxMillis(),
                bad,
                l.errors(),
                l.waits(),
                percent(l.generatorCpu()),
                percent(l.serverCpu()),
                percent(l.dbCpu()),
                percent(l.machineBusy()),
                percent(l.others())));
      }
      Files.writeString(
          Path.of(out),
          rows.toString(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    }
    // A code can equal the next step's (one time in a million for 6 digits); the server then takes
    // the later step, and the token's next use in that step is answered REPLAYED. So a few non-OK
    // answers in a million are expected; more mean a problem.
    long answers = levels.stream().mapToLong(l -> l.latencies().count()).sum();
    long notOk = answers - levels.stream().mapToLong(Level::ok).sum();
    long errors = levels.stream().mapToLong(Level::errors).sum();
    return errors == 0 && notOk * 100_000 <= answers ? 0 : 3;
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f %%", v);
  }
}

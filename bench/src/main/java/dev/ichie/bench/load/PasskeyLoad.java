package dev.ichie.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A bounded, closed-loop load test of usernameless passkey logins over the REST API on loopback:
 * each login is two requests, {@code POST /api/v1/passkeys/authentication/options} and {@code POST
 * /api/v1/passkeys/authentication} with an assertion signed in between, as a bank's web banking
 * would forward them. The server runs every check of a passkey login (challenge stored and answered
 * once, credential and user handle, webauthn4j's checks with the ES256 signature, counter update,
 * audit). Passkeys are registered over the API first, one per customer; each worker uses its own
 * customers, so that their counters only grow.
 *
 * <p>It prints, per level, logins per second, latency percentiles of the whole login, non-OK
 * answers, and the CPU time of itself (the signing is the client's), of the server and per login.
 * Run by {@code bench/run-load.sh} with {@code LOAD_KIND=passkey}; options are {@code
 * --name=value}:
 *
 * <pre>
 * --port=N (required) --host=127.0.0.1 --api-key=demo-api-key-change-me
 * --origin=http://localhost:8080 --rp-id=localhost    what the authenticator signs
 * --customers=200 --prefix=pkload-    passkeys registered first (customers made on first use)
 * --levels=1,2,4 --duration=20 --settle=3 --warmup=30 --warmup-level=(the last level)
 * --server-pid=N --label=TEXT --out=FILE
 * </pre>
 */
public final class PasskeyLoad {

  private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CHALLENGE_ID =
      Pattern.compile("\"challengeId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern USER_ID =
      Pattern.compile("\"user\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Options options;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String apiKey;
  private final String origin;
  private final byte[] rpIdHash;
  private final List<Passkey> passkeys = new ArrayList<>();
  private final LongAdder nonOk = new LongAdder();

  /** One registered passkey: its customer, key, credential ID, user handle and counter. */
  private static final class Passkey {
    final String customer;
    final KeyPair key;
    final byte[] credentialId = new byte[32];
    byte[] userHandle;
    long counter;

    Passkey(String customer, KeyPair key, SecureRandom random) {
      this.customer = customer;
      this.key = key;
      random.nextBytes(credentialId);
    }
  }

  private PasskeyLoad(Options options) throws Exception {
    this.options = options;
    this.base = "http://" + option("host", "127.0.0.1") + ":" + required("port");
    this.apiKey = option("api-key", "demo-api-key-change-me");
    this.origin = option("origin", "http://localhost:8080");
    this.rpIdHash =
        MessageDigest.getInstance("SHA-256")
            .digest(option("rp-id", "localhost").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Runs the load test.
   *
   * @param args {@code --name=value} options, see the class comment
   * @throws Exception if it cannot run
   */
  public static void main(String[] args) throws Exception {
    System.exit(new PasskeyLoad(Options.parse(args, PasskeyLoad.class)).run());
  }

  private String option(String name, String fallback) {
    return options.get(name, fallback);
  }

  private String required(String name) {
    return options.required(name);
  }

  private int run() throws Exception {
    int customers = Integer.parseInt(option("customers", "200"));
    String prefix = option("prefix", "pkload-");
    SecureRandom random = new SecureRandom();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    long t0 = System.nanoTime();
    for (int i = 0; i < customers; i++) {
      Passkey p = new Passkey(prefix + String.format("%06d", i), g.generateKeyPair(), random);
      register(p);
      passkeys.add(p);
    }
    System.out.printf(
        Locale.ROOT,
        "registered %d passkeys in %.1f s%n",
        customers,
        (System.nanoTime() - t0) / 1e9);
    int[] levels =
        Arrays.stream(option("levels", "1,2,4").split(",")).mapToInt(Integer::parseInt).toArray();
    int warmupLevel = Integer.parseInt(option("warmup-level", "" + levels[levels.length - 1]));
    level(warmupLevel, Integer.parseInt(option("warmup", "30")), 0, false);
    int duration = Integer.parseInt(option("duration", "20"));
    int settle = Integer.parseInt(option("settle", "3"));
    for (int c : levels) {
      level(c, duration, settle, true);
    }
    return nonOk.sum() == 0 ? 0 : 3;
  }

  private void level(int workers, int seconds, int settle, boolean report) throws Exception {
    long serverPid = Long.parseLong(option("server-pid", "0"));
    long start = System.nanoTime();
    long measureFrom = start + settle * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    Histogram[] histograms = new Histogram[workers];
    long[] counts = new long[workers];
    long[] cpuStart = new long[3];
    Thread[] threads = new Thread[workers];
    LongAdder measuredNonOk = new LongAdder();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      histograms[w] = new Histogram();
      threads[w] =
          new Thread(
              () -> {
                int n = worker;
                while (System.nanoTime() < end) {
                  Passkey p = passkeys.get(n % passkeys.size());
                  n += workers;
                  long t = System.nanoTime();
                  boolean ok;
                  try {
                    ok = login(p);
                  } catch (Exception e) {
                    ok = false;
                  }
                  long done = System.nanoTime();
                  if (t >= measureFrom && done <= end) {
                    histograms[worker].record(done - t);
                    counts[worker]++;
                    if (!ok) {
                      measuredNonOk.increment();
                    }
                  }
                  if (!ok) {
                    nonOk.increment();
                  }
                }
              });
      threads[w].start();
    }
    while (System.nanoTime() < measureFrom) {
      Thread.sleep(5);
    }
    cpuStart[0] = Cpu.self();
    cpuStart[1] = Cpu.process(serverPid);
    cpuStart[2] = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(5);
    }
    long self = Cpu.self() - cpuStart[0];
    long server = Cpu.process(serverPid) - cpuStart[1];
    long wall = System.nanoTime() - cpuStart[2];
    for (Thread t : threads) {
      t.join();
    }
    if (!report) {
      return;
    }
    Histogram all = new Histogram();
    long total = 0;
    for (int w = 0; w < workers; w++) {
      all.add(histograms[w]);
      total += counts[w];
    }
    double perSecond = total / (wall / 1e9);
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %d | %.0f %% | %.0f %% | %s |",
            option("label", "passkey"),
            workers,
            perSecond,
            all.percentileMillis(0.50),
            all.percentileMillis(0.90),
            all.percentileMillis(0.99),
            measuredNonOk.sum(),
            100.0 * self / wall,
            server < 0 ? Double.NaN : 100.0 * server / wall,
            server < 0 || total == 0
                ? "?"
                : String.format(Locale.ROOT, "%.2f ms", server / 1e6 / total));
    System.out.println(row);
    String out = options.get("out");
    if (out != null) {
      Files.writeString(
          Path.of(out), row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private boolean login(Passkey p) throws Exception {
    String options = post("/api/v1/passkeys/authentication/options", null).body();
    String challengeId = Options.find(CHALLENGE_ID, options);
    byte[] challenge = Base64.getUrlDecoder().decode(Options.find(CHALLENGE, options));
    p.counter++;
    byte[] authData =
        ByteBuffer.allocate(37).put(rpIdHash).put((byte) 0x05).putInt((int) p.counter).array();
    byte[] clientData = clientData("webauthn.get", challenge);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(p.key.getPrivate());
    s.update(authData);
    s.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    String assertion =
        ("{\"id\":\"%1$s\",\"rawId\":\"%1$s\",\"type\":\"public-key\",\"response\":"
                + "{\"clientDataJSON\":\"%2$s\",\"authenticatorData\":\"%3$s\","
                + "\"signature\":\"%4$s\",\"userHandle\":\"%5$s\"},\"clientExtensionResults\":{}}")
            .formatted(
                B64.encodeToString(p.credentialId),
                B64.encodeToString(clientData),
                B64.encodeToString(authData),
                B64.encodeToString(s.sign()),
                B64.encodeToString(p.userHandle));
    HttpResponse<String> r =
        post(
            "/api/v1/passkeys/authentication",
            "{\"challengeId\":\"%s\",\"credential\":%s}".formatted(challengeId, assertion));
    return r.statusCode() == 200 && r.body().contains("\"" + p.customer + "\"");
  }

  private void register(Passkey p) throws Exception {
    String base = "/api/v1/customers/" + p.customer + "/passkeys/registration";
    String options = post(base + "/options", "{\"userName\":\"" + p.customer + "\"}").body();
    p.userHandle = Base64.getUrlDecoder().decode(Options.find(USER_ID, options));
    byte[] challenge = Base64.getUrlDecoder().decode(Options.find(CHALLENGE, options));
    ECPublicKey pub = (ECPublicKey) p.key.getPublic();
    ByteArrayOutputStream authData = new ByteArrayOutputStream();
    authData.write(rpIdHash);
    authData.write(0x45); // user present, user verified, attested credential data
    authData.write(new byte[4]); // counter 0
    authData.write(new byte[16]); // AAGUID: none
    authData.write(p.credentialId.length >> 8);
    authData.write(p.credentialId.length);
    authData.write(p.credentialId);
    authData.write(coseKey(pub));
    Cbor att = new Cbor();
    att.map(3).text("fmt").text("none").text("attStmt").map(0).text("authData");
    att.bytes(authData.toByteArray());
    String credential =
        ("{\"id\":\"%1$s\",\"rawId\":\"%1$s\",\"type\":\"public-key\",\"response\":"
                + "{\"clientDataJSON\":\"%2$s\",\"attestationObject\":\"%3$s\","
                + "\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}")
            .formatted(
                B64.encodeToString(p.credentialId),
                B64.encodeToString(clientData("webauthn.create", challenge)),
                B64.encodeToString(att.toByteArray()));
    HttpResponse<String> r =
        post(
            base,
            "{\"challengeId\":\"%s\",\"label\":\"load\",\"credential\":%s}"
                .formatted(Options.find(CHALLENGE_ID, options), credential));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("registration refused: " + r.statusCode() + " " + r.body());
    }
  }

  /** The COSE_Key of an ES256 public key: kty EC2, alg -7, crv P-256, x, y. */
  private static byte[] coseKey(ECPublicKey pub) throws IOException {
    Cbor k = new Cbor();
    k.map(5).integer(1).integer(2).integer(3).integer(-7).integer(-1).integer(1);
    k.integer(-2).bytes(fixed(pub.getW().getAffineX())).integer(-3);
    k.bytes(fixed(pub.getW().getAffineY()));
    return k.toByteArray();
  }

  private static byte[] fixed(BigInteger n) {
    byte[] b = n.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  private byte[] clientData(String type, byte[] challenge) {
    return ("{\"type\":\"%s\",\"challenge\":\"%s\",\"origin\":\"%s\",\"crossOrigin\":false}")
        .formatted(type, B64.encodeToString(challenge), origin)
        .getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("X-API-Key", apiKey)
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The few CBOR items a registration needs (RFC 8949): maps, small integers, text and bytes. */
  private static final class Cbor {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void head(int major, long value) {
      if (value < 24) {
        out.write(major << 5 | (int) value);
      } else if (value < 256) {
        out.write(major << 5 | 24);
        out.write((int) value);
      } else {
        out.write(major << 5 | 25);
        out.write((int) (value >> 8));
        out.write((int) value);
      }
    }

    Cbor map(int entries) {
      head(5, entries);
      return this;
    }

    Cbor integer(long v) {
      if (v >= 0) {
        head(0, v);
      } else {
        head(1, -1 - v);
      }
      return this;
    }

    Cbor text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      head(3, b.length);
      out.writeBytes(b);
      return this;
    }

    Cbor bytes(byte[] b) {
      head(2, b.length);
      out.writeBytes(b);
      return this;
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}

package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.Confirmation;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 取引認証 on two server processes sharing one PostgreSQL (the one scripts/test.sh starts), the app
 * played from the protocols: an activation started on one node and finished on the other registers
 * the device key; a confirmation made on one is polled on the other; the same signed decision sent
 * to both at once is taken once, and later to either is refused; a poll replayed to the other node
 * is refused; an offline code taken on one is REPLAYED on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesE2ETest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private DemoServer a;
  private DemoServer b;
  private Path work;
  private String[] pg;

  @BeforeAll
  void twoNodes() throws Exception {
    String url = System.getenv("ICHIE_TEST_POSTGRES_URL");
    assertThat(url)
        .as(
            "the two-node test needs ICHIE_TEST_POSTGRES_URL; run 'bash scripts/test.sh', which"
                + " starts a throw-away PostgreSQL 15")
        .isNotBlank();
    pg =
        new String[] {
          "--spring.datasource.url=" + url,
          "--spring.datasource.username="
              + System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_USER", "ichie"),
          "--spring.datasource.password="
              + System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_PASSWORD", "ichie"),
          // Every activation of these tests comes from the one loopback address.
          "--ichie.activation.starts-per-address=1000"
        };
    work = Files.createTempDirectory("ichie-two-nodes-");
    // One after the other: the second node finds the first's key store and migrated schema.
    a = DemoServer.start(work, pg);
    b = DemoServer.start(work, pg);
  }

  @AfterAll
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private record Http(int status, JsonNode json) {}

  private static Http post(DemoServer node, String path, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Http(r.statusCode(), JSON.readTree(r.body()));
  }

  private static byte[] sign(KeyPair key, byte[] bytes) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(bytes);
    return s.sign();
  }

  /** A token activated with the protocol (version 2, with a device key) as the app would. */
  private record Activated(String userId, FinishResponse finished, KeyPair key, byte[] secret) {}

  /**
   * Issues a token for the customer, starts its activation on one node and finishes it on another.
   */
  private static Activated activate(DemoServer starter, DemoServer finisher, String customer)
      throws Exception {
    String password = "35792468";
    String userId = starter.issue(customer, password);

    // Activation version 2: start on A, finish on B.
    AppSession session = AppSession.start("demo", userId, password, new SecureRandom());
    HttpResponse<byte[]> startAnswer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(starter.url() + "/api/activation/v1/start"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ActivationJson.write(new StartRequest(2, "demo", userId, session.A()))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(startAnswer.statusCode()).isEqualTo(200);
    StartResponse started = ActivationJson.readStartResponse(startAnswer.body());
    byte[] m1 = session.respond(started.salt(), started.B());
    KeyPair key = DeviceKeyPairs.generate();
    byte[] spki = key.getPublic().getEncoded();
    HttpResponse<byte[]> finishAnswer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(finisher.url() + "/api/activation/v1/finish"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ActivationJson.write(
                            new FinishRequest(
                                2,
                                started.activationId(),
                                m1,
                                "two nodes",
                                spki,
                                session.deviceKeyProof(started.activationId(), spki)))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(finishAnswer.statusCode()).as(new String(finishAnswer.body())).isEqualTo(200);
    FinishResponse finished = ActivationJson.readFinishResponse(finishAnswer.body());
    assertThat(finished.deviceKeyRegistered()).isTrue();
    assertThat(session.verifyServer(finished.M2())).isTrue();
    byte[] secret = session.deriveTokenSecret(started.activationId(), finished.credentialId(), 20);
    return new Activated(userId, finished, key, secret);
  }

  /** How many OK verifications the audit holds for a customer. */
  private static long verifiedOk(DemoServer node, String customer) throws Exception {
    JsonNode events = node.send("GET", "/api/v1/customers/" + customer + "/audit", null);
    long n = 0;
    for (JsonNode e : events.get("events")) {
      if (e.get("event").asString().equals("CODE_VERIFIED")
          && e.get("outcome").asString().equals("OK")) {
        n++;
      }
    }
    return n;
  }

  static final int CUSTOMERS = 40;

  /**
   * Codes on two nodes: each customer's code sent to both at once is accepted once; then, with node
   * A killed (SIGKILL) while it verifies the next codes, every call is retried on B with its
   * Idempotency-Key: an answer A gave comes back the same, a call A never answered is done once,
   * and the audit holds exactly the OKs. A restarted A serves the same answers.
   */
  @Test
  void codesWhenSentToBothAndANodeKilledUnderLoadThenOnceEachAndRetriesGetTheFirstAnswer()
      throws Exception {
    Totp totp = new Totp(TotpParameters.DEFAULT);
    List<String> customers = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String customer = "kill-" + i + "-" + System.nanoTime() % 1_000_000_000L;
      Activated token = i % 2 == 0 ? activate(a, b, customer) : activate(b, a, customer);
      customers.add(customer);
      secrets.add(Secret.of(token.secret()));
    }
    // All codes taken now: the start of use with the last step's, then this step's and the next's.
    // The servers run on the real clock and accept one step either side, so every call below must
    // fall in the step of `now`: with less than 20 s of it left, take the next step from its start.
    long intoStep = Instant.now().toEpochMilli() % 30_000;
    if (intoStep > 10_000) {
      Thread.sleep(30_000 - intoStep + 100);
    }
    Instant now = Instant.now();
    for (int i = 0; i < CUSTOMERS; i++) {
      DemoServer node = i % 2 == 0 ? a : b;
      assertThat(
              node.startOfUse(
                  customers.get(i), totp.generate(secrets.get(i), now.minusSeconds(30))))
          .isEqualTo("OK");
    }

    // The same code to both nodes at once, for every customer.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> race = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String path = "/api/v1/customers/" + customers.get(i) + "/token/verify";
      String body = "{\"code\":\"" + totp.generate(secrets.get(i), now) + "\"}";
      CyclicBarrier both = new CyclicBarrier(2);
      for (DemoServer node : List.of(a, b)) {
        race.add(
            pool.submit(
                () -> {
                  both.await();
                  return node.send("POST", path, body).get("result").asString();
                }));
      }
    }
    long raceOk = 0;
    for (Future<String> f : race) {
      raceOk += "OK".equals(f.get()) ? 1 : 0;
    }
    assertThat(raceOk).as("one OK per customer over both nodes").isEqualTo(CUSTOMERS);

    // The next codes to A with keys, A killed after the first answers.
    List<String> keys = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    List<Future<DemoServer.Answer>> sent = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger answered =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < CUSTOMERS; i++) {
      String key = java.util.UUID.randomUUID().toString();
      String body = "{\"code\":\"" + totp.generate(secrets.get(i), now.plusSeconds(30)) + "\"}";
      String path = "/api/v1/customers/" + customers.get(i) + "/token/verify";
      keys.add(key);
      bodies.add(body);
      sent.add(
          pool.submit(
              () -> {
                DemoServer.Answer answer = a.postIdempotent(path, body, key);
                answered.incrementAndGet();
                return answer;
              }));
    }
    while (answered.get() < 8) {
      Thread.sleep(5);
    }
    a.kill();
    List<DemoServer.Answer> first = new ArrayList<>();
    int unanswered = 0;
    for (Future<DemoServer.Answer> f : sent) {
      try {
        first.add(f.get());
      } catch (java.util.concurrent.ExecutionException e) {
        first.add(null); // A died before answering: whether it committed is unknown
        unanswered++;
      }
    }
    pool.shutdown();
    int answeredOk = 0;
    int replayedOnB = 0;
    int lost = 0;
    for (int i = 0; i < CUSTOMERS; i++) {
      String path = "/api/v1/customers/" + customers.get(i) + "/token/verify";
      DemoServer.Answer retry = b.postIdempotent(path, bodies.get(i), keys.get(i));
      DemoServer.Answer was = first.get(i);
      if (was != null) {
        assertThat(was.result()).as(was.body()).isEqualTo("OK");
        answeredOk++;
        assertThat(retry.body()).as("B gives A's answer").isEqualTo(was.body());
        assertThat(retry.replayed()).isTrue();
      }
      if (!"OK".equals(retry.result())) {
        lost++;
      }
      replayedOnB += retry.replayed() ? 1 : 0;
    }
    long doubles = 0;
    long missing = 0;
    for (String customer : customers) {
      long ok = verifiedOk(b, customer);
      doubles += Math.max(0, ok - 2);
      missing += Math.max(0, 2 - ok);
    }
    System.out.printf(
        "two nodes: %d codes sent to both at once, %d OK; A killed under load: %d answered OK,"
            + " %d unanswered, retried on B: %d first answers replayed, %d OKs lost, %d doubles,"
            + " %d audited OKs missing%n",
        CUSTOMERS, raceOk, answeredOk, unanswered, replayedOnB, lost, doubles, missing);
    assertThat(lost).as("a retry is never told a good code was used").isZero();
    assertThat(doubles).as("no code accepted twice").isZero();
    assertThat(missing).as("every OK is in the audit").isZero();

    // A restarts on the same database and serves: a retry there gets the first answer too.
    a = DemoServer.start(work, pg);
    DemoServer.Answer onRestarted =
        a.postIdempotent(
            "/api/v1/customers/" + customers.get(0) + "/token/verify", bodies.get(0), keys.get(0));
    assertThat(onRestarted.replayed()).isTrue();
    assertThat(onRestarted.result()).isEqualTo("OK");
    assertThat(a.state(customers.get(0))).isEqualTo("ACTIVE");
  }

  @Test
  void confirmationWhenDecidedOnEitherNodeThenOnceAndReplaysRefusedOnTheOther() throws Exception {
    String customer = "two-" + System.nanoTime() % 1_000_000_000L;
    Activated token = activate(a, b, customer);
    String userId = token.userId();
    FinishResponse finished = token.finished();
    KeyPair key = token.key();
    byte[] secret = token.secret();
    String code = new Totp(TotpParameters.DEFAULT).generate(Secret.of(secret), Instant.now());
    assertThat(b.startOfUse(customer, code)).isEqualTo("OK");

    String identity =
        "\"version\":1,\"serviceId\":\"demo\",\"userId\":\"%s\",\"credentialId\":\"%s\""
            .formatted(userId, finished.credentialId());

    // Made on B, polled on A; the same poll replayed to B is refused.
    String id = b.confirmation(customer, 50_000);
    String time = Confirmation.TIME.format(Instant.now());
    String poll =
        "{%s,\"time\":\"%s\",\"signature\":\"%s\"}"
            .formatted(
                identity,
                time,
                B64.encodeToString(
                    sign(
                        key,
                        Confirmation.pollBytes("demo", userId, finished.credentialId(), time))));
    Http polled = post(a, "/api/app/v1/confirmations/pending", poll);
    assertThat(polled.status()).as(polled.json().toString()).isEqualTo(200);
    JsonNode c = polled.json().get("confirmations").get(0);
    assertThat(c.get("confirmationId").asString()).isEqualTo(id);
    assertThat(post(b, "/api/app/v1/confirmations/pending", poll).status())
        .as("a poll taken on A is a replay on B")
        .isEqualTo(401);

    // The same signed decision to both nodes at once: taken once.
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : c.get("fields")) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    String decision =
        "{%s,\"decision\":\"APPROVE\",\"signature\":\"%s\"}"
            .formatted(
                identity,
                B64.encodeToString(
                    sign(
                        key,
                        Confirmation.decisionBytes(
                            "demo",
                            userId,
                            finished.credentialId(),
                            id,
                            "TRANSFER",
                            fields,
                            "APPROVE"))));
    String path = "/api/app/v1/confirmations/" + id + "/decision";
    CyclicBarrier barrier = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Http>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      DemoServer node = i % 2 == 0 ? a : b;
      sent.add(
          pool.submit(
              () -> {
                barrier.await();
                return post(node, path, decision);
              }));
    }
    int approved = 0;
    int already = 0;
    for (Future<Http> f : sent) {
      Http h = f.get();
      if (h.status() == 200 && "APPROVED".equals(h.json().get("result").asString())) {
        approved++;
      } else if (h.status() == 409 && "ALREADY_DECIDED".equals(h.json().get("error").asString())) {
        already++;
      }
    }
    pool.shutdown();
    assertThat(approved).as("decided once over both nodes").isEqualTo(1);
    assertThat(already).isEqualTo(7);
    assertThat(post(b, path, decision).status()).as("replayed to B later").isEqualTo(409);
    assertThat(a.confirmationState(customer, id)).isEqualTo("APPROVED");
    assertThat(b.confirmationState(customer, id)).isEqualTo("APPROVED");

    // The offline code: taken on A, the same code is REPLAYED on B.
    String first = a.confirmation(customer, 30_000);
    String second = b.confirmation(customer, 30_000);
    OcraSuite suite = OcraSuite.parse(Confirmation.OCRA_SUITE);
    String offline =
        new Ocra(suite)
            .generate(
                Secret.of(Confirmation.ocraKey(secret, finished.credentialId())),
                OcraInput.builder(suite)
                    .challenge(Confirmation.question("1234567", 30_000))
                    .timeSteps(Instant.now().getEpochSecond() / 60)
                    .build());
    assertThat(a.offlineCode(customer, first, offline)).isEqualTo("OK");
    assertThat(b.offlineCode(customer, second, offline)).isEqualTo("REPLAYED");
  }

  /**
   * The day's limit on two nodes: the demo customer hanako (passwords only: 200,000 yen a day)
   * sends 16 transfers of 20,000 yen at once, 8 from sessions on each node (each sent again while
   * the bank says it is busy): exactly 10 are made, the others refused with the limit, and the
   * balance moved by exactly the limit.
   */
  @Test
  void transfersWhenSixteenAtOnceOnTwoNodesAtTheEdgeOfTheLimitThenNeverAbove() throws Exception {
    int n = 16;
    List<NetbankSession> sessions = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NetbankSession web = new NetbankSession((i % 2 == 0 ? a : b).url());
      web.get("/netbank/login");
      assertThat(
              web.post("/netbank/login", "loginId", "hanako", "password", "hanako-pass-2026")
                  .path())
          .isEqualTo("/netbank/");
      keys.add(web.get("/netbank/transfer").input("requestKey"));
      sessions.add(web);
    }
    long before = balance(sessions.get(0));
    long left = yen(sessions.get(0).get("/netbank/transfer").text("limit-left"));
    assertThat(left).as("hanako's day, on a fresh database").isEqualTo(200_000);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CyclicBarrier start = new CyclicBarrier(n);
    List<Future<NetbankSession.Page>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NetbankSession web = sessions.get(i);
      String key = keys.get(i);
      sent.add(
          pool.submit(
              () -> {
                start.await();
                // At most the password's tries left are checked at once; the others are told
                // the bank is busy, and send the same form again, as a customer would.
                NetbankSession.Page page;
                int tries = 0;
                do {
                  page =
                      web.post(
                          "/netbank/transfer",
                          "requestKey",
                          key,
                          "accountId",
                          "7654321",
                          "payeeBank",
                          "みなと銀行",
                          "payeeBranch",
                          "本店",
                          "payeeAccountType",
                          "ORDINARY",
                          "payeeNumber",
                          "7000999",
                          "payeeName",
                          "スズキ イチロウ",
                          "amount",
                          "20000",
                          "confirmPassword",
                          "hanako-kakunin");
                } while (page.body().contains("ただいま混み合っています") && ++tries < 50);
                return page;
              }));
    }
    int done = 0;
    int refused = 0;
    for (Future<NetbankSession.Page> f : sent) {
      NetbankSession.Page page = f.get();
      if (page.path().equals("/netbank/transfer/done")) {
        done++;
      } else if (page.body().contains("本日のお振込限度額を超えるため")) {
        refused++;
      }
    }
    pool.shutdown();
    System.out.printf(
        "two nodes, daily limit: transfers=%d, done=%d, refused by the limit=%d, moved=%d%n",
        n, done, refused, before - balance(sessions.get(1)));
    assertThat(done).isEqualTo(10);
    assertThat(refused).isEqualTo(6);
    assertThat(before - balance(sessions.get(1))).isEqualTo(200_000);
    assertThat(sessions.get(3).get("/netbank/transfer").text("limit-left"))
        .isEqualTo("本日のご利用可能額：0円");
  }

  private static long yen(String text) {
    return Long.parseLong(text.replaceAll("[^0-9]", ""));
  }

  /** The balance of hanako's account, as the top page shows it. */
  private static long balance(NetbankSession web) throws Exception {
    String body = web.get("/netbank/").body();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("7654321[^0-9]*?([0-9,]+)円").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}

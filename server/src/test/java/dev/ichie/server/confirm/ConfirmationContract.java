package dev.ichie.server.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.Confirmation;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.TestTokenApp;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * 取引認証 over HTTP, the app played by this test with a P-256 key: a device key registered with the
 * proof from the token secret, a confirmation created by the bank, the signed poll and the signed
 * decision, the offline code; and each refusal of CONFIRMATION.md on its own. Run on each database
 * by its subclasses.
 */
abstract class ConfirmationContract {

  static final String KEY = "test-key-demo";
  static final AtomicInteger N = new AtomicInteger();
  static final Actor BANK = new Actor(Actor.Type.SYSTEM, "test", null);
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @LocalServerPort int port;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Confirmations confirmations;
  @Autowired dev.ichie.server.token.TokenLifecycle lifecycle;

  Http http;
  TestTokenApp app;

  String now() {
    return Confirmation.TIME.format(clock.instant());
  }

  @BeforeEach
  void appWithToken() throws Exception {
    clock.set(TestConfig.START);
    http = new Http(port);
    app = newApp();
  }

  TestTokenApp newApp() throws Exception {
    String ref = "CF" + System.nanoTime() % 100_000 + "-" + N.incrementAndGet();
    var issued = issuance.issue("demo", ref, "cf@example.jp", "50738291", BANK).status();
    Secret secret = Secret.random(new SecureRandom(), 20);
    String credentialId = "cred-" + ref;
    activations.completeActivation(issued.tokenId(), secret, credentialId, "phone", BANK);
    Totp totp = new Totp(TotpParameters.DEFAULT);
    codes.startUse("demo", ref, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK);
    return new TestTokenApp(
        http, clock, ref, issued.userId(), credentialId, secret.bytes(SecretAccess.get()));
  }

  static List<Confirmation.Field> transfer(String account, long amount) {
    String[] values = {"いちえ銀行", "本店", "普通", account, "ヤマダ タロウ", Long.toString(amount), "JPY"};
    List<Confirmation.Field> fields = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      fields.add(new Confirmation.Field(Confirmation.TRANSFER_FIELDS.get(i), values[i]));
    }
    return fields;
  }

  static String json(List<Confirmation.Field> fields) {
    StringBuilder b = new StringBuilder("{\"kind\":\"TRANSFER\",\"fields\":[");
    for (int i = 0; i < fields.size(); i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(fields.get(i).name())
          .append("\",\"value\":\"")
          .append(fields.get(i).value())
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  Http.Answer create(TestTokenApp a, List<Confirmation.Field> fields) {
    return http.post(
        "/api/v1/customers/" + a.customer + "/confirmations", json(fields), "X-API-Key", KEY);
  }

  String state(TestTokenApp a, String id) {
    return http.get("/api/v1/customers/" + a.customer + "/confirmations/" + id, "X-API-Key", KEY)
        .json()
        .get("state")
        .asString();
  }

  @Test
  void deviceKeyWhenWrongProofThenRefusedWhenRightThenRegisteredOnce() throws Exception {
    assertThat(
            app.enrol(app.key, Confirmation.enrolProofKey(new byte[20], app.credentialId), now())
                .status())
        .as("a proof from another secret")
        .isEqualTo(401);
    assertThat(
            app.enrol(
                app.key,
                Confirmation.enrolProofKey(app.secret, app.credentialId),
                Confirmation.TIME.format(clock.instant().minus(Duration.ofMinutes(6)))))
        .as("a time outside the window")
        .extracting(Http.Answer::status)
        .isEqualTo(401);
    Http.Answer ok = app.enrol();
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("result").asString()).isEqualTo("REGISTERED");
    Http.Answer again = app.enrol();
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("error").asString()).isEqualTo("KEY_EXISTS");
    Http.Answer bad =
        http.post(
            "/api/app/v1/device-key",
            "{%s,\"publicKey\":\"AAAA\",\"time\":\"%s\",\"proof\":\"AAAA\"}"
                .formatted(app.identity(), now()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asString()).isEqualTo("MALFORMED");
  }

  @Test
  void confirmationWhenPolledAndApprovedThenApprovedOnceAndAReplayedPollRefused() throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    Http.Answer created = create(app, transfer("1234567", 50_000));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("online").asBoolean()).isTrue();
    String id = created.json().get("confirmationId").asString();

    String time = now();
    Http.Answer poll = app.poll(time);
    assertThat(poll.status()).as(poll.body()).isEqualTo(200);
    JsonNode listed = poll.json().get("confirmations");
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.get(0).get("confirmationId").asString()).isEqualTo(id);
    List<Confirmation.Field> seen = new ArrayList<>();
    for (JsonNode f : listed.get(0).get("fields")) {
      seen.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    assertThat(seen).isEqualTo(transfer("1234567", 50_000));
    assertThat(app.poll(time).status()).as("the same poll again").isEqualTo(401);

    Http.Answer approved = app.decide(id, seen, "APPROVE", app.key);
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("result").asString()).isEqualTo("APPROVED");
    Http.Answer replay = app.decide(id, seen, "APPROVE", app.key);
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.json().get("error").asString()).isEqualTo("ALREADY_DECIDED");
    assertThat(state(app, id)).isEqualTo("APPROVED");
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.poll(now()).json().get("confirmations").size()).as("no longer pending").isZero();
  }

  @Test
  void decisionWhenStoredFieldsChangedOrAnotherKeyOrExpiredThenRefused() throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    List<Confirmation.Field> fields = transfer("1234567", 50_000);
    String id = create(app, fields).json().get("confirmationId").asString();
    // The stored confirmation changed after creation (another amount): the app signed what it saw.
    jdbc.sql("UPDATE confirmation SET fields = REPLACE(fields, '50000', '950000') WHERE id = ?")
        .param(id)
        .update();
    Http.Answer changed = app.decide(id, fields, "APPROVE", app.key);
    assertThat(changed.status()).isEqualTo(401);
    assertThat(changed.json().get("error").asString()).isEqualTo("BAD_SIGNATURE");
    assertThat(state(app, id)).isEqualTo("PENDING");

    String other = create(app, fields).json().get("confirmationId").asString();
    TestTokenApp stranger = newApp();
    assertThat(stranger.enrol().status()).isEqualTo(200);
    assertThat(app.decide(other, fields, "APPROVE", stranger.key).status())
        .as("signed by another token's key")
        .isEqualTo(401);
    assertThat(stranger.decide(other, fields, "APPROVE", stranger.key).status())
        .as("another customer's app")
        .isEqualTo(404);

    clock.advance(Duration.ofMinutes(6));
    Http.Answer expired = app.decide(other, fields, "APPROVE", app.key);
    assertThat(expired.status()).isEqualTo(410);
    assertThat(state(app, other)).isEqualTo("EXPIRED");
    // The job marks it, with its audit record, once; it stays undecidable.
    confirmations.expireDue();
    assertThat(confirmations.expireDue()).as("once").isZero();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE event = 'CONFIRMATION_EXPIRED'"
                        + " AND detail = ?")
                .param("confirmation " + other)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(app.decide(other, fields, "APPROVE", app.key).status()).isEqualTo(410);
    assertThat(state(app, other)).isEqualTo("EXPIRED");
  }

  @Test
  void decisionWhenSentTwiceAtOnceThenDecidedOnce() throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    List<Confirmation.Field> fields = transfer("7654321", 1_000);
    String id = create(app, fields).json().get("confirmationId").asString();
    List<Integer> got = atOnce(8, () -> app.decide(id, fields, "APPROVE", app.key).status());
    assertThat(got).filteredOn(s -> s == 200).hasSize(1);
    assertThat(got).filteredOn(s -> s == 409).hasSize(7);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE event = 'CONFIRMATION_DECIDED'"
                        + " AND outcome = 'APPROVED' AND detail = ?")
                .param("confirmation " + id)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void offlineCodeWhenForThePayeeAndAmountThenApprovedAndNotForAnotherOrTwice() throws Exception {
    Http.Answer created = create(app, transfer("1234567", 50_000));
    assertThat(created.json().get("online").asBoolean()).as("no device key").isFalse();
    String id = created.json().get("confirmationId").asString();
    String path = "/api/v1/customers/" + app.customer + "/confirmations/" + id + "/code";
    Http.Answer wrong =
        http.post(
            path, "{\"code\":\"" + app.offlineCode("1234567", 5_000) + "\"}", "X-API-Key", KEY);
    assertThat(wrong.status()).as("a code for another amount").isEqualTo(401);
    assertThat(wrong.json().get("result").asString()).isEqualTo("WRONG_CODE");
    Http.Answer other =
        http.post(
            path, "{\"code\":\"" + app.offlineCode("1234568", 50_000) + "\"}", "X-API-Key", KEY);
    assertThat(other.json().get("result").asString()).as("another account").isEqualTo("WRONG_CODE");
    Http.Answer ok =
        http.post(
            path, "{\"code\":\"" + app.offlineCode("1234567", 50_000) + "\"}", "X-API-Key", KEY);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(state(app, id)).isEqualTo("APPROVED");

    // The same step's code again, for another confirmation of the same payee and amount.
    String second =
        create(app, transfer("1234567", 50_000)).json().get("confirmationId").asString();
    Http.Answer replay =
        http.post(
            "/api/v1/customers/" + app.customer + "/confirmations/" + second + "/code",
            "{\"code\":\"" + app.offlineCode("1234567", 50_000) + "\"}",
            "X-API-Key",
            KEY);
    assertThat(replay.json().get("result").asString()).isEqualTo("REPLAYED");
  }

  @Test
  void createWhenFieldsNotExactlyATransferThenMalformedAndNothingStored() {
    List<Confirmation.Field> unknown = new ArrayList<>(transfer("1234567", 1));
    unknown.set(4, new Confirmation.Field("payeeNickname", "x"));
    List<Confirmation.Field> reordered = new ArrayList<>(transfer("1234567", 1));
    java.util.Collections.swap(reordered, 0, 1);
    List<Confirmation.Field> leadingZero = new ArrayList<>(transfer("1234567", 1));
    leadingZero.set(5, new Confirmation.Field("amount", "0100"));
    List<Confirmation.Field> dollars = new ArrayList<>(transfer("1234567", 1));
    dollars.set(6, new Confirmation.Field("currency", "USD"));
    for (List<Confirmation.Field> f : List.of(unknown, reordered, leadingZero, dollars)) {
      Http.Answer a = create(app, f);
      assertThat(a.status()).as(a.body()).isEqualTo(400);
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM confirmation c JOIN customer cu ON cu.id = c.customer_id"
                        + " WHERE cu.customer_ref = ?")
                .param(app.customer)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void badSignaturesWhenTooManyForOneKeyThenThrottledEvenWithARightOneAndTheTokenNotLocked()
      throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    List<Confirmation.Field> fields = transfer("1234567", 700);
    String id = create(app, fields).json().get("confirmationId").asString();
    KeyPair wrong = newApp().key;
    for (int i = 0; i < Confirmations.BAD_PER_KEY; i++) {
      assertThat(app.decide(id, fields, "APPROVE", wrong).status()).isEqualTo(401);
    }
    Http.Answer throttled = app.decide(id, fields, "APPROVE", app.key);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().get("error").asString()).isEqualTo("THROTTLED");
    assertThat(state(app, id)).isEqualTo("PENDING");
    assertThat(
            jdbc.sql(
                    "SELECT t.state FROM token t JOIN customer c ON c.id = t.customer_id"
                        + " WHERE c.customer_ref = ?")
                .param(app.customer)
                .query(String.class)
                .single())
        .isEqualTo("ACTIVE");
    clock.advance(Confirmations.BAD_WINDOW);
    assertThat(app.decide(id, fields, "APPROVE", app.key).status())
        .as("in the next window the key is heard again; by then the confirmation expired")
        .isEqualTo(410);
  }

  @Test
  void decisionWhenTheTokenIsLockedOrTheConfirmationWasMadeOfflineThenRefused() throws Exception {
    // Made before the token had a key: only the offline code can confirm it.
    List<Confirmation.Field> fields = transfer("1234567", 900);
    String offline = create(app, fields).json().get("confirmationId").asString();
    assertThat(app.enrol().status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.poll(now()).json().get("confirmations").size()).as("not listed").isZero();
    assertThat(app.decide(offline, fields, "APPROVE", app.key).status()).isEqualTo(401);
    assertThat(state(app, offline)).isEqualTo("PENDING");

    String online = create(app, fields).json().get("confirmationId").asString();
    jdbc.sql(
            "UPDATE token SET state = 'LOCKED' WHERE open_customer_id ="
                + " (SELECT id FROM customer WHERE customer_ref = ?)")
        .param(app.customer)
        .update();
    assertThat(app.decide(online, fields, "APPROVE", app.key).status())
        .as("a locked token's key")
        .isEqualTo(401);
    assertThat(state(app, online)).isEqualTo("PENDING");
  }

  @Test
  void deviceKeyWhenTheTokenIsRevokedThenItsCredentialEndsWithIt() throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    String held =
        "SELECT COUNT(*) FROM credential c JOIN customer cu ON cu.id = c.customer_id"
            + " WHERE cu.customer_ref = ? AND c.kind = 'APP_DEVICE_KEY' AND c.ended_at IS NULL";
    assertThat(jdbc.sql(held).param(app.customer).query(Long.class).single()).isEqualTo(1);
    lifecycle.deactivate("demo", app.customer, BANK);
    assertThat(jdbc.sql(held).param(app.customer).query(Long.class).single()).isZero();
  }

  @Test
  void appRequestsWhenMalformedThen4xxWithTheAppsErrorShapeNever500() {
    String[] bodies = {
      "{\"version\":4294967296,\"serviceId\":\"demo\"}",
      "{\"version\":\"1\"}",
      "[]",
      "{\"version\":1,\"serviceId\":{},\"userId\":[],\"credentialId\":1,\"time\":2,"
          + "\"signature\":\"%%%\"}",
      "not json"
    };
    for (String path :
        List.of(
            "/api/app/v1/confirmations/pending",
            "/api/app/v1/device-key",
            "/api/app/v1/confirmations/x/decision")) {
      for (String body : bodies) {
        Http.Answer a = http.post(path, body);
        assertThat(a.status()).as(path + " " + body + " → " + a.body()).isBetween(400, 499);
        assertThat(a.json().has("error")).as(a.body()).isTrue();
      }
    }
    Http.Answer nullField =
        http.post(
            "/api/v1/customers/" + app.customer + "/confirmations",
            "{\"kind\":\"TRANSFER\",\"fields\":[null]}",
            "X-API-Key",
            KEY);
    assertThat(nullField.status()).isEqualTo(400);
    List<Confirmation.Field> bidi = new ArrayList<>(transfer("1234567", 1));
    bidi.set(4, new Confirmation.Field("payeeName", "ヤマダ\u202eウロタ"));
    assertThat(create(app, bidi).status()).as("a bidi override").isEqualTo(400);
  }

  /** Runs a request from several threads at once; the statuses answered. */
  static List<Integer> atOnce(int n, java.util.concurrent.Callable<Integer> request)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(n);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.call();
                }));
      }
      List<Integer> got = new ArrayList<>();
      for (Future<Integer> f : answers) {
        got.add(f.get(60, TimeUnit.SECONDS));
      }
      return got;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void enrolmentPollAndOfflineCodeWhenSentManyAtOnceThenEachTakenOnce() throws Exception {
    // Eight copies of the app registering eight keys at once: one key stands.
    List<KeyPair> pairs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pairs.add(newApp().key);
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    String time = now();
    List<Integer> enrolled =
        atOnce(
            8,
            () ->
                app.enrol(
                        pairs.get(next.getAndIncrement()),
                        Confirmation.enrolProofKey(app.secret, app.credentialId),
                        time)
                    .status());
    assertThat(enrolled).filteredOn(s -> s == 200).hasSize(1);
    assertThat(enrolled).filteredOn(s -> s == 409).hasSize(7);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM credential c JOIN customer cu ON cu.id = c.customer_id"
                        + " WHERE cu.customer_ref = ? AND c.kind = 'APP_DEVICE_KEY'")
                .param(app.customer)
                .query(Long.class)
                .single())
        .as("no credential left behind by the losers")
        .isEqualTo(1);

    // The winner's key is unknown to this test; register the app's own on a fresh token.
    TestTokenApp own = newApp();
    assertThat(own.enrol().status()).isEqualTo(200);
    String pollTime = now();
    Http.Answer first = own.poll(pollTime);
    assertThat(first.status()).isEqualTo(200);
    clock.advance(Duration.ofMillis(5));
    String same = now();
    List<Integer> polls = atOnce(8, () -> own.poll(same).status());
    assertThat(polls).as("one poll of one time").filteredOn(s -> s == 200).hasSize(1);

    String id = create(own, transfer("1234567", 4_321)).json().get("confirmationId").asString();
    String code = own.offlineCode("1234567", 4_321);
    String path = "/api/v1/customers/" + own.customer + "/confirmations/" + id + "/code";
    List<Integer> codes =
        atOnce(8, () -> http.post(path, "{\"code\":\"" + code + "\"}", "X-API-Key", KEY).status());
    assertThat(codes).filteredOn(s -> s == 200).hasSize(1);
    assertThat(state(own, id)).isEqualTo("APPROVED");
  }

  @Test
  void spendAndWithdrawWhenAskedManyAtOnceThenEachTakenOnce() throws Exception {
    assertThat(app.enrol().status()).isEqualTo(200);
    List<Confirmation.Field> fields = transfer("1234567", 6_000);
    String id = create(app, fields).json().get("confirmationId").asString();
    clock.advance(Duration.ofSeconds(1));
    app.decide(id, fields, "APPROVE", app.key);
    dev.ichie.server.factor.Subject subject =
        new dev.ichie.server.factor.Subject("demo", app.customer);
    List<Confirmations.Spent> spent = java.util.Collections.synchronizedList(new ArrayList<>());
    atOnce(
        8,
        () -> {
          spent.add(confirmations.spend(subject, id, "TRANSFER", fields, BANK));
          return 0;
        });
    assertThat(spent).as("one transfer per approval").containsOnlyOnce(Confirmations.Spent.OK);
    assertThat(spent).filteredOn(x -> x == Confirmations.Spent.USED).hasSize(7);

    String other = create(app, transfer("1234567", 7_000)).json().get("confirmationId").asString();
    List<Integer> withdrawn = atOnce(8, () -> confirmations.withdraw(subject, other, BANK) ? 1 : 0);
    assertThat(withdrawn).filteredOn(x -> x == 1).hasSize(1);
    assertThat(state(app, other)).isEqualTo("EXPIRED");
  }
}

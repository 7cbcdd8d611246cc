package dev.ichie.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.TokenQueries;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Retries with an {@code Idempotency-Key}: the same key and body get the first answer and change
 * nothing more, another body gets 422, and the same key sent many times at once is acted on once.
 * Run on each database by its subclasses.
 */
abstract class IdempotencyContract {

  static final String KEY = "test-key-demo";

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;

  Http http;
  String customer;
  Secret secret;
  final Totp totp = new Totp(TotpParameters.DEFAULT);

  @BeforeEach
  void activeToken() {
    http = new Http(port);
    clock.set(TestConfig.START.plus(Duration.ofDays(3)));
    customer = "idem-" + System.nanoTime();
    String issue =
        "{\"mobileMail\":\"hanako@example.jp\",\"activationPassword\":\""
            + UsedSecrets.add("59307214")
            + "\"}";
    assertThat(call("/token", issue, null).status()).isEqualTo(201);
    secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(
        queries.status("demo", customer).status().tokenId(),
        secret,
        "c",
        "p",
        new Actor(Actor.Type.TOKEN_APP, "p", null));
    assertThat(call("/token/start", code(), null).json().get("result").asString()).isEqualTo("OK");
    clock.advance(Duration.ofSeconds(30));
  }

  String code() {
    return "{\"code\":\"" + UsedSecrets.add(totp.generate(secret, clock.instant())) + "\"}";
  }

  Http.Answer call(String path, String body, String idempotencyKey) {
    List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + KEY));
    headers.addAll(List.of("Content-Type", "application/json"));
    if (idempotencyKey != null) {
      headers.addAll(List.of("Idempotency-Key", idempotencyKey));
    }
    return http.post("/api/v1/customers/" + customer + path, body, headers.toArray(String[]::new));
  }

  long verified() {
    return http.get("/api/v1/customers/" + customer + "/audit", "X-API-Key", KEY)
        .json()
        .get("events")
        .valueStream()
        .filter(e -> e.get("event").asString().equals("CODE_VERIFIED"))
        .filter(e -> e.get("outcome").asString().equals("OK"))
        .count();
  }

  @Test
  void verifyWhenRetriedWithTheSameKeyThenTheFirstAnswerAndNothingMore() {
    String body = code();
    String key = UUID.randomUUID().toString();
    Http.Answer first = call("/token/verify", body, key);
    assertThat(first.json().get("result").asString()).isEqualTo("OK");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    Http.Answer again = call("/token/verify", body, key);
    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.header("Content-Type")).startsWith("application/json");
    // Without the key the same code is what it is: used.
    assertThat(call("/token/verify", body, null).json().get("result").asString())
        .isEqualTo("REPLAYED");
    assertThat(verified()).isEqualTo(1);
  }

  @Test
  void verifyWhenTheKeyIsUsedWithAnotherBodyThen422AndNothingDone() {
    String key = UUID.randomUUID().toString();
    String body = code();
    assertThat(call("/token/verify", body, key).json().get("result").asString()).isEqualTo("OK");
    clock.advance(Duration.ofSeconds(30));
    Http.Answer other = call("/token/verify", code(), key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("result").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    Http.Answer otherPath = call("/token/start", body, key);
    assertThat(otherPath.status()).isEqualTo(422);
    assertThat(verified()).isEqualTo(1);
  }

  @Test
  void wrongCodeWhenRetriedWithItsKeyThenCountedOnce() {
    String key = UUID.randomUUID().toString();
    String wrong = "{\"code\":\"000000\"}";
    if (totp.generate(secret, clock.instant()).equals("000000")) {
      wrong = "{\"code\":\"000001\"}";
    }
    Http.Answer first = call("/token/verify", wrong, key);
    assertThat(first.json().get("result").asString()).isEqualTo("WRONG_CODE");
    for (int i = 0; i < 3; i++) {
      assertThat(call("/token/verify", wrong, key).body()).isEqualTo(first.body());
    }
    assertThat(
            http.get("/api/v1/customers/" + customer + "/token", "X-API-Key", KEY)
                .json()
                .get("failuresLeft")
                .asInt())
        .isEqualTo(first.json().get("failuresLeft").asInt());
  }

  @Test
  void keyWhenMalformedThen400AndNothingDone() {
    for (String bad : List.of("x".repeat(65), "a b", "a/b", "a;b", "{0}")) {
      Http.Answer a = call("/token/verify", code(), bad);
      assertThat(a.status()).as(bad).isEqualTo(400);
      assertThat(a.json().get("result").asString()).isEqualTo("MALFORMED");
    }
    assertThat(verified()).isZero();
  }

  @Test
  void verifyWhenTheSameKeySentManyTimesAtOnceThenActedOnOnce() throws Exception {
    String body = code();
    String key = UUID.randomUUID().toString();
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Http.Answer>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return call("/token/verify", body, key);
              }));
    }
    go.countDown();
    List<Http.Answer> answers = new ArrayList<>();
    try {
      for (Future<Http.Answer> f : futures) {
        answers.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    String ok = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow().body();
    assertThat(ok).contains("\"OK\"");
    // Every answer is the first one, or (where a database cannot wait for the first) "retry".
    assertThat(answers)
        .allSatisfy(
            a -> {
              if (a.status() == 200) {
                assertThat(a.body()).isEqualTo(ok);
              } else {
                assertThat(a.status()).isIn(409, 503);
                assertThat(postgres()).as("PostgreSQL waits for the first").isFalse();
              }
            });
    assertThat(verified()).isEqualTo(1);
  }

  abstract boolean postgres();
}

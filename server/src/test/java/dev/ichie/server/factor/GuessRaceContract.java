package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forty wrong tries and the right one, all at once, for every guessable secret: no more guesses are
 * compared than the limit allows, and once the limit is reached the right one is refused too. Run
 * on each database by its subclasses.
 */
abstract class GuessRaceContract {

  static final int LIMIT = 5;
  static final int WRONG = 40;
  static final AtomicInteger N = new AtomicInteger();
  static final SecureRandom RANDOM = new SecureRandom();

  @Autowired FactorCheck factors;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired PasswordHashing hashing;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  String id;
  Actor actor;

  @BeforeEach
  void fresh() {
    clock.set(TestConfig.START);
    id =
        "R"
            + ProcessHandle.current().pid() % 1000
            + "x"
            + System.nanoTime() % 100_000
            + N.incrementAndGet();
    // Each test from its own address, so that the per-address limit is not what stops them.
    actor = new Actor(Actor.Type.CUSTOMER, id, "192.0.2." + N.get() % 250);
  }

  /** Runs the 40 wrong tries and the right one (at position 17) at once. */
  List<ProofResult> race(IntFunction<ProofResult> attempt) throws Exception {
    int threads = WRONG + 1;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ProofResult>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int k = i;
      Callable<ProofResult> call =
          () -> {
            ready.countDown();
            go.await();
            return attempt.apply(k);
          };
      futures.add(pool.submit(call));
    }
    ready.await();
    go.countDown();
    List<ProofResult> results = new ArrayList<>();
    for (Future<ProofResult> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return results;
  }

  static final int RIGHT = 17;

  /** The race for a password (the right one at {@link #RIGHT}), then one more right try. */
  List<ProofResult> passwordRace(
      Subject subject, Operation operation, Factor factor, Actor who, String right)
      throws Exception {
    List<ProofResult> results =
        race(
            k ->
                once(
                    subject,
                    operation,
                    who,
                    new Proof.Password(factor, k == RIGHT ? right : "wrong-" + k)));
    results.add(once(subject, operation, who, new Proof.Password(factor, right)));
    return results;
  }

  ProofResult once(Subject subject, Operation operation, Actor who, Proof proof) {
    return factors.check(subject, operation, java.util.Set.of(), who, proof).results().get(0);
  }

  private long audited(String serviceId, String event, String outcome) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM audit_event WHERE service_id = ? AND customer_ref = ?"
                + " AND event = ? AND outcome = ?")
        .params(serviceId, id, event, outcome)
        .query(Long.class)
        .single();
  }

  private void assertRaceHeld(
      List<ProofResult> results, long wrongCompared, ProofResult rightOne, ProofResult afterwards) {
    assertThat(wrongCompared).as("wrong guesses compared").isLessThanOrEqualTo(LIMIT);
    assertThat(results)
        .as(
            "every try was compared (OK, WRONG) or refused uncompared (LOCKED, or BUSY while the"
                + " limit's worth of tries was in flight)")
        .allSatisfy(
            r ->
                assertThat(r.status())
                    .isIn(
                        ProofResult.Status.OK,
                        ProofResult.Status.WRONG,
                        ProofResult.Status.LOCKED,
                        ProofResult.Status.BUSY));
    assertThat(results.stream().filter(r -> r.status() == ProofResult.Status.WRONG).count())
        .as("wrong tries answered WRONG: those compared, and those before a right one taken")
        .isLessThanOrEqualTo(rightOne.ok() ? 2L * LIMIT - 1 : LIMIT);
    assertThat(rightOne.status())
        .as("the right one is taken, or refused uncompared")
        .isIn(ProofResult.Status.OK, ProofResult.Status.LOCKED, ProofResult.Status.BUSY);
    if (wrongCompared == LIMIT) {
      assertThat(afterwards.status())
          .as("the right one, once the limit is reached")
          .isEqualTo(ProofResult.Status.LOCKED);
    }
  }

  @Autowired Challenges challenges;

  @Test
  void challengeWhenAnsweredFromManyRequestsAtOnceThenExactlyOnce() throws Exception {
    String challenge =
        challenges.create(
            new Subject("demo", id),
            new Operation.Login(),
            java.util.Set.of(),
            java.time.Duration.ofMinutes(5),
            new byte[16]);
    List<ProofResult> answers =
        race(
            k ->
                ProofResult.of(
                    Factor.PASSKEY,
                    challenges.answer(challenge) ? ProofResult.Status.OK : ProofResult.Status.WRONG,
                    null));
    assertThat(answers.stream().filter(ProofResult::ok).count()).isEqualTo(1);
  }

  @Test
  void loginPasswordWhenFortyWrongAndRightAtOnceThenAtMostLimitCompared() throws Exception {
    String pass = "right-" + id;
    customers.create(id, id, "Race", pass, "c-" + pass, "A" + id, 1000);
    List<ProofResult> results =
        passwordRace(
            new Subject("demo", id), new Operation.Login(), Factor.LOGIN_PASSWORD, actor, pass);
    ProofResult after = results.remove(results.size() - 1);
    assertRaceHeld(
        results, audited("demo", "LOGIN_PASSWORD", "WRONG_PASSWORD"), results.get(RIGHT), after);
    assertThat(
            jdbc.sql("SELECT login_failures + login_in_flight FROM bank_customer WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isLessThanOrEqualTo(LIMIT);
  }

  @Test
  void confirmationPasswordWhenFortyWrongAndRightAtOnceThenAtMostLimitCompared() throws Exception {
    String confirm = "confirm-" + id;
    customers.create(id, id, "Race", "login-" + id, confirm, "A" + id, 1000);
    Operation transfer =
        new Operation.Transfer("Ichie Bank", "Tokyo", "普通", "7654321", "Payee", 1000, "JPY", false);
    List<ProofResult> results =
        passwordRace(
            new Subject("demo", id), transfer, Factor.CONFIRMATION_PASSWORD, actor, confirm);
    ProofResult after = results.remove(results.size() - 1);
    assertRaceHeld(
        results, audited("demo", "CONFIRM_PASSWORD", "WRONG_PASSWORD"), results.get(RIGHT), after);
  }

  @Test
  void staffPasswordWhenFortyWrongAndRightAtOnceThenAtMostLimitCompared() throws Exception {
    String pass = "staff-right-" + id;
    String login = id.toLowerCase(java.util.Locale.ROOT);
    jdbc.sql(
            """
            INSERT INTO staff (login_id, name, role, branch, mail, password_hash, created_at)
            VALUES (?, 'Race', 'TELLER', 'Tokyo', 'race@example.jp', ?, ?)""")
        .params(login, hashing.encode(pass), Timestamp.from(clock.instant()))
        .update();
    id = login;
    Actor staff = new Actor(Actor.Type.STAFF, login, actor.sourceAddress());
    List<ProofResult> results =
        passwordRace(
            new Subject("staff", login),
            new Operation.StaffLogin(),
            Factor.STAFF_PASSWORD,
            staff,
            pass);
    ProofResult after = results.remove(results.size() - 1);
    assertRaceHeld(
        results,
        audited("staff", "STAFF_LOGIN_PASSWORD", "WRONG_PASSWORD"),
        results.get(RIGHT),
        after);
  }

  @Test
  void otpWhenFortyWrongAndRightAtOnceThenAtMostLimitCompared() throws Exception {
    Totp totp = new Totp(TotpParameters.DEFAULT);
    String password =
        UsedSecrets.add(String.format("%08d", 20_000_000 + RANDOM.nextInt(70_000_000)));
    while (!dev.ichie.server.token.ActivationPasswords.acceptable(password)) {
      password = UsedSecrets.add(String.format("%08d", 20_000_000 + RANDOM.nextInt(70_000_000)));
    }
    String tokenId =
        issuance.issue("demo", id, "race@example.jp", password, actor).status().tokenId();
    Secret secret = Secret.random(RANDOM, 20);
    UsedSecrets.add(secret.toBase32(SecretAccess.get()));
    assertThat(activations.completeActivation(tokenId, secret, "c", "phone", actor)).isTrue();
    assertThat(codes.startUse("demo", id, totp.generate(secret, clock.instant()), actor).result())
        .isEqualTo(Result.OK);
    clock.advance(java.time.Duration.ofSeconds(30));
    String right = totp.generate(secret, clock.instant());
    java.util.Set<String> near =
        java.util.Set.of(
            right,
            totp.generate(secret, clock.instant().minusSeconds(30)),
            totp.generate(secret, clock.instant().plusSeconds(30)),
            totp.generate(secret, clock.instant().plusSeconds(60)));
    Subject subject = new Subject("demo", id);
    List<ProofResult> results =
        race(
            k -> {
              String code = right;
              if (k != RIGHT) {
                do {
                  code = String.format("%06d", RANDOM.nextInt(1_000_000));
                } while (near.contains(code));
              }
              return once(subject, new Operation.Verification(), actor, new Proof.OtpCode(code));
            });
    clock.advance(java.time.Duration.ofSeconds(30));
    ProofResult after =
        once(
            subject,
            new Operation.Verification(),
            actor,
            new Proof.OtpCode(totp.generate(secret, clock.instant())));
    // The right code, taken, starts the count of wrong ones again (RFC 4226 §7.3 counts failures
    // since the last success): the limit holds before it and after it.
    long wrongAfterRight = audited("demo", "CODE_VERIFIED", "WRONG_CODE");
    if (results.get(RIGHT).status() == ProofResult.Status.OK) {
      long rightId =
          jdbc.sql(
                  "SELECT MIN(id) FROM audit_event WHERE service_id = ? AND customer_ref = ?"
                      + " AND event = 'CODE_VERIFIED' AND outcome = 'OK'")
              .params("demo", id)
              .query(Long.class)
              .single();
      long before =
          jdbc.sql(
                  "SELECT COUNT(*) FROM audit_event WHERE service_id = ? AND customer_ref = ?"
                      + " AND event = 'CODE_VERIFIED' AND outcome = 'WRONG_CODE' AND id < ?")
              .params("demo", id, rightId)
              .query(Long.class)
              .single();
      assertThat(before).as("wrong codes compared before the right one").isLessThan(LIMIT);
      wrongAfterRight -= before;
    }
    assertRaceHeld(results, wrongAfterRight, results.get(RIGHT), after);
  }
}

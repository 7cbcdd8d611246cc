package dev.ichie.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.vault.Vault;
import dev.ichie.server.vault.VaultException;
import dev.ichie.server.vault.VaultKeyStore;
import dev.ichie.server.vault.VaultProperties;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token service's lifecycle, verification, concurrency and vault rules, run against each
 * database by its subclasses.
 */
abstract class TokenServiceContract {

  static final String SERVICE = "demo";
  static final Actor ACTOR = new Actor(Actor.Type.API_CLIENT, "test", "127.0.0.1");
  static final AtomicInteger CUSTOMERS = new AtomicInteger();
  static final SecureRandom RANDOM = new SecureRandom();

  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;
  @Autowired TokenLifecycle lifecycle;
  @Autowired TokenSecrets secrets;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Vault vault;
  @Autowired VaultProperties vaultProperties;

  final Totp totp = new Totp(TotpParameters.DEFAULT);
  String customer;
  String activationPassword;

  @BeforeEach
  void freshCustomer() {
    clock.set(TestConfig.START);
    customer =
        "C"
            + ProcessHandle.current().pid()
            + "-"
            + System.nanoTime() % 1_000_000
            + "-"
            + CUSTOMERS.incrementAndGet();
    activationPassword =
        UsedSecrets.add(String.format("%08d", 10_000_000 + RANDOM.nextInt(80_000_000)));
    while (!ActivationPasswords.acceptable(activationPassword)) {
      activationPassword =
          UsedSecrets.add(String.format("%08d", 10_000_000 + RANDOM.nextInt(80_000_000)));
    }
  }

  // -------------------------------------------------------------------------------------------
  // fixtures

  Outcome issue() {
    return issuance.issue(SERVICE, customer, "taro@example.jp", activationPassword, ACTOR);
  }

  String issuedTokenId() {
    Outcome o = issue();
    assertThat(o.result()).isEqualTo(Result.OK);
    return o.status().tokenId();
  }

  Secret activated() {
    String id = issuedTokenId();
    Secret secret = Secret.random(RANDOM, 20);
    UsedSecrets.add(secret.toBase32(dev.ichie.otp.SecretAccess.get()));
    assertThat(activations.completeActivation(id, secret, "cred-1", "test phone", ACTOR)).isTrue();
    return secret;
  }

  Secret active() {
    Secret secret = activated();
    assertThat(codes.startUse(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  String code(Secret secret, int stepsFromNow) {
    return UsedSecrets.add(totp.generate(secret, clock.instant().plusSeconds(30L * stepsFromNow)));
  }

  String wrong(Secret secret) {
    String right = totp.generate(secret, clock.instant());
    String candidate;
    do {
      candidate = String.format("%06d", RANDOM.nextInt(1_000_000));
    } while (candidate.equals(right)
        || candidate.equals(totp.generate(secret, clock.instant().minusSeconds(30)))
        || candidate.equals(totp.generate(secret, clock.instant().plusSeconds(30))));
    return candidate;
  }

  TokenState state() {
    return queries.status(SERVICE, customer).status().state();
  }

  List<String> events() {
    return queries.auditTrail(SERVICE, customer, 1000).orElseThrow().stream()
        .map(e -> e.event() + ":" + e.outcome())
        .toList();
  }

  // -------------------------------------------------------------------------------------------
  // lifecycle

  @Test
  void lifecycleWhenEveryStepRightThenIssuedActivatedActiveRevoked() {
    Outcome issued = issue();
    assertThat(issued.result()).isEqualTo(Result.OK);
    assertThat(issued.status().state()).isEqualTo(TokenState.ISSUED);
    assertThat(issued.status().serviceId()).isEqualTo(SERVICE);
    assertThat(UserIds.valid(issued.status().userId())).isTrue();
    assertThat(issued.status().activationAttemptsLeft()).isEqualTo(5);
    assertThat(issued.status().expiresAt()).isEqualTo(TestConfig.START.plus(Duration.ofHours(24)));

    Secret secret = Secret.random(RANDOM, 20);
    assertThat(
            activations.completeActivation(issued.status().tokenId(), secret, "c", "phone", ACTOR))
        .isTrue();
    assertThat(state()).isEqualTo(TokenState.ACTIVATED);

    assertThat(codes.startUse(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(state()).isEqualTo(TokenState.ACTIVE);

    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);

    Outcome off = lifecycle.deactivate(SERVICE, customer, ACTOR);
    assertThat(off.result()).isEqualTo(Result.OK);
    assertThat(off.status().state()).isNull();
    assertThat(events())
        .containsExactly(
            "TOKEN_ISSUED:OK",
            "TOKEN_ACTIVATED:OK",
            "USE_STARTED:OK",
            "CODE_VERIFIED:OK",
            "TOKEN_REVOKED:OK");
    assertThat(
            jdbc.sql("SELECT secret_ciphertext FROM token WHERE id = ?")
                .param(issued.status().tokenId())
                .query(byte[].class)
                .optional())
        .as("the secret of a revoked token is deleted")
        .isEmpty();
  }

  @Test
  void userIdWhenReissuedThenSame() {
    String first = issue().status().userId();
    lifecycle.deactivate(SERVICE, customer, ACTOR);
    clock.advance(Duration.ofDays(1));
    assertThat(issue().status().userId()).isEqualTo(first);
  }

  @Test
  void issueWhenTokenOpenThenTokenExists() {
    issuedTokenId();
    assertThat(issue().result()).isEqualTo(Result.TOKEN_EXISTS);
  }

  @Test
  void issueWhenActivationPasswordTrivialThenRefusedAndNothingStored() {
    for (String weak :
        List.of("1234", "0000", "98765432", "7890", "123", "123456789", "12a4", "")) {
      assertThat(issuance.issue(SERVICE, customer, "taro@example.jp", weak, ACTOR).result())
          .as(weak)
          .isEqualTo(Result.WEAK_ACTIVATION_PASSWORD);
    }
    assertThat(queries.status(SERVICE, customer).result()).isEqualTo(Result.NOT_FOUND);
  }

  @Test
  void issueWhenMailMalformedThenRefused() {
    assertThat(issuance.issue(SERVICE, customer, "not-a-mail", activationPassword, ACTOR).result())
        .isEqualTo(Result.MALFORMED);
  }

  @Test
  void databaseWhenSecondOpenTokenInsertedThenRefused() {
    String id = issuedTokenId();
    long customerId =
        jdbc.sql("SELECT customer_id FROM token WHERE id = ?").param(id).query(Long.class).single();
    // The credential row first, so that only the token table's own constraint can refuse it.
    jdbc.sql(
            """
            INSERT INTO credential (id, service_id, customer_id, kind, state, created_at)
            VALUES ('x-' || ?, 'demo', ?, 'TOTP_TOKEN', 'ISSUED', CURRENT_TIMESTAMP)""")
        .params(id.substring(0, 20), customerId)
        .update();
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        """
                        INSERT INTO token (id, customer_id, open_customer_id, service_id, state,
                            algorithm, digits, period_seconds, mobile_mail,
                            activation_attempts_left, issued_at, expires_at)
                        VALUES ('x-' || ?, ?, ?, 'demo', 'ISSUED', 'SHA1', 6, 30, 'a@b.jp', 5,
                            CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                    .params(id.substring(0, 20), customerId, customerId)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void illegalTransitionsThenRefusedWithReasonAndNothingChanges() {
    issuedTokenId();
    assertThat(codes.startUse(SERVICE, customer, "123456", ACTOR).result())
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(codes.verify(SERVICE, customer, "123456", ACTOR).result())
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(lifecycle.unlock(SERVICE, customer, ACTOR).result()).isEqualTo(Result.ILLEGAL_STATE);
    assertThat(state()).isEqualTo(TokenState.ISSUED);

    String id = queries.status(SERVICE, customer).status().tokenId();
    Secret secret = Secret.random(RANDOM, 20);
    assertThat(activations.completeActivation(id, secret, "c", "p", ACTOR)).isTrue();
    assertThat(activations.completeActivation(id, Secret.random(RANDOM, 20), "c", "p", ACTOR))
        .as("activation succeeds once per issuance")
        .isFalse();
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .as("verify before start of use")
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(codes.startUse(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.startUse(SERVICE, customer, code(secret, 0), ACTOR).result())
        .as("start of use twice")
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(activations.takeActivationAttempt(id)).as("activation of an active token").isFalse();

    lifecycle.deactivate(SERVICE, customer, ACTOR);
    assertThat(lifecycle.deactivate(SERVICE, customer, ACTOR).result())
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.NOT_ACTIVE);
    assertThat(lifecycle.unlock(SERVICE, customer, ACTOR).result()).isEqualTo(Result.ILLEGAL_STATE);
  }

  @Test
  void unknownCustomerThenNotFound() {
    assertThat(queries.status(SERVICE, "nobody-" + customer).result()).isEqualTo(Result.NOT_FOUND);
    assertThat(codes.verify(SERVICE, "nobody-" + customer, "123456", ACTOR).result())
        .isEqualTo(Result.NOT_FOUND);
    assertThat(lifecycle.deactivate(SERVICE, "nobody-" + customer, ACTOR).result())
        .isEqualTo(Result.NOT_FOUND);
    assertThat(queries.status("no-such-service", customer).result()).isEqualTo(Result.NOT_FOUND);
  }

  @Test
  void issuanceWhenLifetimePassedThenExpired() {
    issuedTokenId();
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(state()).isEqualTo(TokenState.ISSUED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(lifecycle.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(state()).isNull();
    assertThat(events()).containsExactly("TOKEN_ISSUED:OK", "TOKEN_EXPIRED:OK");
    assertThat(issue().result()).as("a new issuance right after expiry").isEqualTo(Result.OK);
  }

  @Test
  void issuanceWhenExpiredThenActivationTargetGone() {
    Outcome o = issue();
    clock.advance(Duration.ofHours(25));
    assertThat(activations.activationTarget(SERVICE, o.status().userId())).isEmpty();
    assertThat(events()).containsExactly("TOKEN_ISSUED:OK", "TOKEN_EXPIRED:OK");
  }

  @Test
  void activationWhenFiveWrongPasswordsThenVoid() {
    String id = issuedTokenId();
    for (int i = 0; i < 5; i++) {
      assertThat(activations.takeActivationAttempt(id)).isTrue();
      activations.activationFailed(id, ACTOR);
    }
    assertThat(activations.takeActivationAttempt(id)).isFalse();
    assertThat(state()).isNull();
    assertThat(events()).endsWith("ACTIVATION_FAILED:WRONG_PASSWORD", "TOKEN_VOID:OK");
  }

  @Test
  void reissueWhenDeactivatedAt2359TokyoThenRefusedUntilMidnight() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    clock.set(ZonedDateTime.of(2026, 11, 26, 23, 59, 0, 0, tokyo).toInstant());
    issuedTokenId();
    assertThat(lifecycle.deactivate(SERVICE, customer, ACTOR).result()).isEqualTo(Result.OK);
    clock.set(ZonedDateTime.of(2026, 11, 26, 23, 59, 59, 999_000_000, tokyo).toInstant());
    Outcome refused = issue();
    assertThat(refused.result()).isEqualTo(Result.REISSUE_NOT_YET);
    assertThat(refused.status().reissueNotBefore())
        .isEqualTo(ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, tokyo).toInstant());
    clock.set(ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, tokyo).toInstant());
    assertThat(issue().result()).isEqualTo(Result.OK);
  }

  @Test
  void reissueWhenDeactivatedJustAfterMidnightTokyoThenWaitsForNextMidnight() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    // 00:00 in Tokyo is 15:00 UTC of the day before: the rule follows Tokyo, not UTC.
    clock.set(ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, tokyo).toInstant());
    issuedTokenId();
    lifecycle.deactivate(SERVICE, customer, ACTOR);
    clock.set(ZonedDateTime.of(2026, 11, 27, 23, 59, 0, 0, tokyo).toInstant());
    assertThat(issue().result()).isEqualTo(Result.REISSUE_NOT_YET);
    clock.set(ZonedDateTime.of(2026, 11, 28, 0, 0, 0, 0, tokyo).toInstant());
    assertThat(issue().result()).isEqualTo(Result.OK);
  }

  @Test
  void resetWhenNextDayWaivedThenReissueAtOnce() {
    active();
    assertThat(lifecycle.reset(SERVICE, customer, true, ACTOR).result()).isEqualTo(Result.OK);
    assertThat(issue().result()).isEqualTo(Result.OK);
  }

  // -------------------------------------------------------------------------------------------
  // verification

  @Test
  void verifyWhenCodeReusedThenReplayed() {
    Secret secret = active();
    String code = code(secret, 0);
    assertThat(codes.verify(SERVICE, customer, code, ACTOR).result()).isEqualTo(Result.OK);
    assertThat(codes.verify(SERVICE, customer, code, ACTOR).result()).isEqualTo(Result.REPLAYED);
    assertThat(queries.status(SERVICE, customer).status().failuresLeft())
        .as("a replay is not counted as a guess")
        .isEqualTo(5);
  }

  @Test
  void verifyWhenEarlierStepAfterLaterThenReplayed() {
    Secret secret = active();
    String later = code(secret, 1);
    String earlier = code(secret, 0);
    assertThat(codes.verify(SERVICE, customer, later, ACTOR).result()).isEqualTo(Result.OK);
    assertThat(codes.verify(SERVICE, customer, earlier, ACTOR).result()).isEqualTo(Result.REPLAYED);
  }

  @Test
  void verifyWhenCodeOneStepOffThenAcceptedAndDriftLearned() {
    Secret secret = active();
    assertThat(codes.verify(SERVICE, customer, code(secret, 1), ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(driftOf()).isEqualTo(1);
    // Centred on the drift now: two steps ahead of the server's clock is accepted...
    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.verify(SERVICE, customer, code(secret, 2), ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(driftOf()).isEqualTo(2);
    // ...and three behind the drift is not.
    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.verify(SERVICE, customer, code(secret, -1), ACTOR).result())
        .isIn(Result.WRONG_CODE, Result.REPLAYED);
  }

  @Test
  void verifyWhenFutureCodesWalkTheDriftThenRefusedBeyondTwoAndGenuineCodeStillWorks() {
    Secret secret = active();
    // Codes for now+1 … now+5 steps, each at once: the drift moves one step per code, never
    // beyond two, and codes outside the window are wrong.
    List<Result> walk = new ArrayList<>();
    for (int k = 1; k <= 5; k++) {
      walk.add(codes.verify(SERVICE, customer, code(secret, k), ACTOR).result());
    }
    assertThat(walk)
        .containsExactly(
            Result.OK, Result.OK, Result.WRONG_CODE, Result.WRONG_CODE, Result.WRONG_CODE);
    assertThat(driftOf()).isEqualTo(2);
    // The customer's own code, once its step is after the last one taken.
    clock.advance(Duration.ofSeconds(90));
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(driftOf()).as("moved one step back toward the server's clock").isEqualTo(1);
  }

  @Test
  void reissueWhenNewAddressAfterDeactivationThenPreviousAddressToldWithoutLink() {
    String before = "before-" + customer.toLowerCase(java.util.Locale.ROOT) + "@example.jp";
    String after = "after-" + customer.toLowerCase(java.util.Locale.ROOT) + "@example.jp";
    assertThat(issuance.issue(SERVICE, customer, before, activationPassword, ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(lifecycle.deactivate(SERVICE, customer, ACTOR).result()).isEqualTo(Result.OK);
    clock.advance(Duration.ofDays(1));
    assertThat(issuance.issue(SERVICE, customer, after, activationPassword, ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(mails(after)).containsExactly("ISSUED");
    assertThat(mails(before)).containsExactly("ISSUED", "REVOKED", "NOTICE_ISSUED");
    String notice =
        jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? AND kind = 'NOTICE_ISSUED'")
            .param(before)
            .query(String.class)
            .single();
    assertThat(notice).doesNotContain("http").doesNotContain(after);
    // Every other change to the new token is told to the old address too.
    assertThat(lifecycle.deactivate(SERVICE, customer, ACTOR).result()).isEqualTo(Result.OK);
    assertThat(mails(after)).containsExactly("ISSUED", "REVOKED");
    assertThat(mails(before)).endsWith("NOTICE_ISSUED", "NOTICE_REVOKED");
  }

  private List<String> mails(String recipient) {
    return jdbc.sql("SELECT kind FROM mail_outbox WHERE recipient = ? ORDER BY id")
        .param(recipient)
        .query(String.class)
        .list();
  }

  private int driftOf() {
    return jdbc.sql(
            "SELECT t.drift FROM token t JOIN customer c ON c.id = t.customer_id"
                + " WHERE c.customer_ref = ? AND t.open_customer_id IS NOT NULL")
        .param(customer)
        .query(Integer.class)
        .single();
  }

  @Test
  void verifyWhenCodeTwoStepsOffThenWrong() {
    Secret secret = active();
    assertThat(codes.verify(SERVICE, customer, code(secret, 2), ACTOR).result())
        .isEqualTo(Result.WRONG_CODE);
    assertThat(codes.verify(SERVICE, customer, code(secret, -2), ACTOR).result())
        .isEqualTo(Result.WRONG_CODE);
  }

  @Test
  void verifyWhenMalformedThenRefusedAndNotCounted() {
    active();
    for (String bad : List.of("", "12345", "1234567", "１２３４５６", "12a456")) {
      assertThat(codes.verify(SERVICE, customer, bad, ACTOR).result())
          .as("'%s'", bad)
          .isEqualTo(Result.MALFORMED);
    }
    assertThat(queries.status(SERVICE, customer).status().failuresLeft()).isEqualTo(5);
  }

  @Test
  void verifyWhenFiveWrongCodesThenLockedUntilUnlock() {
    Secret secret = active();
    for (int i = 1; i <= 4; i++) {
      Outcome o = codes.verify(SERVICE, customer, wrong(secret), ACTOR);
      assertThat(o.result()).isEqualTo(Result.WRONG_CODE);
      assertThat(o.status().failuresLeft()).isEqualTo(5 - i);
    }
    assertThat(codes.verify(SERVICE, customer, wrong(secret), ACTOR).result())
        .isEqualTo(Result.LOCKED);
    assertThat(state()).isEqualTo(TokenState.LOCKED);
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .as("the right code does not open a locked token")
        .isEqualTo(Result.LOCKED);
    assertThat(events()).contains("TOKEN_LOCKED:OK");

    assertThat(lifecycle.unlock(SERVICE, customer, ACTOR).result()).isEqualTo(Result.OK);
    assertThat(state()).isEqualTo(TokenState.ACTIVE);
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
  }

  @Test
  void verifyWhenRightCodeThenFailureCountReset() {
    Secret secret = active();
    for (int i = 0; i < 4; i++) {
      codes.verify(SERVICE, customer, wrong(secret), ACTOR);
    }
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
    assertThat(queries.status(SERVICE, customer).status().failuresLeft()).isEqualTo(5);
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 4; i++) {
      assertThat(codes.verify(SERVICE, customer, wrong(secret), ACTOR).result())
          .isEqualTo(Result.WRONG_CODE);
    }
    assertThat(state()).isEqualTo(TokenState.ACTIVE);
  }

  @Test
  void verifyWhenLockedThenActivationAttemptsUntouched() {
    // One count per kind of secret: wrong codes never spend activation attempts, and the reverse.
    String id = issuedTokenId();
    activations.takeActivationAttempt(id);
    activations.activationFailed(id, ACTOR);
    assertThat(queries.status(SERVICE, customer).status().activationAttemptsLeft()).isEqualTo(4);
    Secret secret = Secret.random(RANDOM, 20);
    activations.completeActivation(id, secret, "c", "p", ACTOR);
    assertThat(queries.status(SERVICE, customer).status().failuresLeft()).isEqualTo(5);
  }

  @Test
  void verifyWhenAcceptedThenOneAuditRecordWithActorAndDrift() {
    Secret secret = active();
    Actor actor = new Actor(Actor.Type.API_CLIENT, "client-" + customer, "192.0.2.7");

    assertThat(codes.verify(SERVICE, customer, code(secret, 1), actor).result())
        .isEqualTo(Result.OK);
    assertThat(codes.verify(SERVICE, customer, code(secret, 1), actor).result())
        .isEqualTo(Result.REPLAYED);

    List<AuditEvent> trail = queries.auditTrail(SERVICE, customer, 100).orElseThrow();
    List<AuditEvent> verified =
        trail.stream().filter(e -> e.event().equals("CODE_VERIFIED")).toList();
    assertThat(verified).extracting(AuditEvent::outcome).containsExactly("OK", "REPLAYED");
    AuditEvent ok = verified.get(0);
    assertThat(ok.occurredAt()).isEqualTo(clock.instant());
    assertThat(ok.serviceId()).isEqualTo(SERVICE);
    assertThat(ok.customerRef()).isEqualTo(customer);
    assertThat(ok.userId()).isEqualTo(queries.status(SERVICE, customer).status().userId());
    assertThat(ok.tokenId()).isEqualTo(queries.status(SERVICE, customer).status().tokenId());
    assertThat(ok.actorType()).isEqualTo(Actor.Type.API_CLIENT);
    assertThat(ok.actorId()).isEqualTo(actor.id());
    assertThat(ok.sourceAddress()).isEqualTo("192.0.2.7");
    assertThat(ok.detail()).isEqualTo("drift 1");
  }

  @Test
  void verifyWhenSixteenThreadsSubmitSameCodeThenExactlyOneOk() throws Exception {
    Secret secret = active();
    String code = code(secret, 0);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Result>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Callable<Result> call =
          () -> {
            ready.countDown();
            go.await();
            return codes.verify(SERVICE, customer, code, ACTOR).result();
          };
      results.add(pool.submit(call));
    }
    ready.await();
    go.countDown();
    List<Result> all = new ArrayList<>();
    for (Future<Result> f : results) {
      all.add(f.get());
    }
    pool.shutdown();
    assertThat(all).filteredOn(r -> r == Result.OK).hasSize(1);
    assertThat(all).filteredOn(r -> r == Result.REPLAYED).hasSize(threads - 1);
  }

  // -------------------------------------------------------------------------------------------
  // vault

  @Test
  void vaultWhenCiphertextMovedToAnotherRowThenDecryptFails() {
    active();
    String mine = queries.status(SERVICE, customer).status().tokenId();
    byte[] sealed = sealedOf(mine);
    int version = versionOf(mine);
    assertThat(vault.decrypt("token", mine, version, sealed)).hasSize(20);
    assertThatThrownBy(() -> vault.decrypt("token", mine + "x", version, sealed))
        .isInstanceOf(VaultException.class);
    assertThatThrownBy(() -> vault.decrypt("activation", mine, version, sealed))
        .isInstanceOf(VaultException.class);
    for (int bit : new int[] {0, 8 * 12, 8 * sealed.length - 1}) {
      byte[] flipped = sealed.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> vault.decrypt("token", mine, version, flipped))
          .isInstanceOf(VaultException.class);
    }
  }

  @Test
  void vaultWhenCiphertextCopiedToAnotherTokenThenVerifyFailsClosed() {
    Secret first = active();
    String firstId = queries.status(SERVICE, customer).status().tokenId();
    String firstCustomer = customer;
    freshCustomer();
    active();
    String secondId = queries.status(SERVICE, customer).status().tokenId();
    byte[] own = sealedOf(secondId);
    jdbc.sql("UPDATE token SET secret_ciphertext = ? WHERE id = ?")
        .params(sealedOf(firstId), secondId)
        .update();
    String code = code(first, 0);
    try {
      assertThatThrownBy(() -> codes.verify(SERVICE, customer, code, ACTOR))
          .isInstanceOf(VaultException.class);
      assertThat(codes.verify(SERVICE, firstCustomer, code, ACTOR).result()).isEqualTo(Result.OK);
    } finally {
      jdbc.sql("UPDATE token SET secret_ciphertext = ? WHERE id = ?")
          .params(own, secondId)
          .update();
    }
  }

  @Test
  void vaultWhenRotatedThenEveryRowReencryptedAndCodesStillVerify() {
    Secret secret = active();
    String id = queries.status(SERVICE, customer).status().tokenId();
    String waiting =
        issuance
            .issue(SERVICE, customer + "-w", "w@example.jp", "73920461", ACTOR)
            .status()
            .tokenId();
    int before = versionOf(id);
    VaultKeyStore.addVersion(
        vaultProperties.keyStore(), vaultProperties.keyStorePassword().toCharArray());
    vault.reload();
    assertThat(vault.currentVersion()).isEqualTo(before + 1);
    assertThat(secrets.reencrypt(vault)).isGreaterThanOrEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM token WHERE secret_ciphertext IS NOT NULL"
                        + " AND secret_key_version <> ?")
                .param(vault.currentVersion())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(versionOf(id)).isEqualTo(before + 1);
    assertThat(
            jdbc.sql("SELECT srp_key_version FROM token WHERE id = ?")
                .param(waiting)
                .query(Integer.class)
                .single())
        .as("a waiting issuance's verifier is re-encrypted too")
        .isEqualTo(before + 1);
    assertThat(codes.verify(SERVICE, customer, code(secret, 0), ACTOR).result())
        .isEqualTo(Result.OK);
  }

  byte[] sealedOf(String tokenId) {
    return jdbc.sql("SELECT secret_ciphertext FROM token WHERE id = ?")
        .param(tokenId)
        .query(byte[].class)
        .single();
  }

  int versionOf(String tokenId) {
    return jdbc.sql("SELECT secret_key_version FROM token WHERE id = ?")
        .param(tokenId)
        .query(Integer.class)
        .single();
  }

  // -------------------------------------------------------------------------------------------
  // audit

  @Test
  void auditWhenReadThenNeverHoldsCodesOrPasswords() {
    Secret secret = active();
    String code = code(secret, 0);
    codes.verify(SERVICE, customer, code, ACTOR);
    codes.verify(SERVICE, customer, wrong(secret), ACTOR);
    List<AuditEvent> trail = queries.auditTrail(SERVICE, customer, 100).orElseThrow();
    assertThat(trail).allSatisfy(e -> assertThat(e.actorType()).isNotNull());
    assertThat(trail.toString()).doesNotContain(code).doesNotContain(activationPassword);
    assertThat(trail.get(0).occurredAt()).isEqualTo(TestConfig.START);
  }

  /** The whole database as text, as a backup would hold it. */
  abstract String dump() throws Exception;

  @Test
  void databaseDumpWhenScannedThenNoSecretBytesOrPasswords() throws Exception {
    Secret secret = active();
    byte[] raw = secret.bytes(dev.ichie.otp.SecretAccess.get());
    String text = dump().toLowerCase(java.util.Locale.ROOT);
    assertThat(text).contains(customer.toLowerCase(java.util.Locale.ROOT));
    assertThat(text).doesNotContain(java.util.HexFormat.of().formatHex(raw));
    assertThat(text)
        .doesNotContain(java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(raw, 8)));
    assertThat(text)
        .doesNotContain(
            secret.toBase32(dev.ichie.otp.SecretAccess.get()).toLowerCase(java.util.Locale.ROOT));
    assertThat(text)
        .doesNotContain(
            java.util.Base64.getEncoder().encodeToString(raw).toLowerCase(java.util.Locale.ROOT));
    assertThat(text).doesNotContain("'" + activationPassword + "'");
  }
}

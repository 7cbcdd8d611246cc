package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A login in two steps through the factor layer: the challenge between them answers once. */
@ServerTest
class FactorCheckTest {

  static final AtomicInteger N = new AtomicInteger();

  @Autowired FactorCheck factors;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;

  final Totp totp = new Totp(TotpParameters.DEFAULT);
  final Actor actor = new Actor(Actor.Type.CUSTOMER, "fc", "192.0.2.200");
  String id;
  Secret secret;

  @BeforeEach
  void customerWithActiveToken() {
    clock.set(TestConfig.START);
    id = "FC" + System.nanoTime() % 100_000 + N.incrementAndGet();
    customers.create(id, "fc" + id.toLowerCase(), "FC", "fc-pass-" + id, "fc-c", "F" + id, 1);
    String tokenId =
        issuance.issue("demo", id, "fc@example.jp", "50738291", actor).status().tokenId();
    secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(tokenId, secret, "c", "p", actor);
    codes.startUse("demo", id, code(), actor);
    clock.advance(Duration.ofSeconds(30));
  }

  String code() {
    return UsedSecrets.add(totp.generate(secret, clock.instant()));
  }

  Verdict password() {
    return factors.check(
        new Subject("demo", id),
        new Operation.Login(),
        Set.of(),
        actor,
        new Proof.Password(Factor.LOGIN_PASSWORD, "fc-pass-" + id));
  }

  @Test
  void loginWhenPasswordThenNeedsOtpAndTheChallengeAnswersOnce() {
    Verdict first = password();
    assertThat(first.kind()).isEqualTo(Verdict.Kind.NEEDS);
    assertThat(first.missing()).containsExactly(Factor.OTP);
    assertThat(first.passed()).containsExactly(Factor.LOGIN_PASSWORD);

    Verdict second =
        factors.resume(
            first.challengeId(),
            new Subject("demo", id),
            new Operation.Login(),
            Set.of(),
            actor,
            new Proof.OtpCode(code()));
    assertThat(second.kind()).isEqualTo(Verdict.Kind.ALLOWED);
    assertThat(second.passed()).containsExactlyInAnyOrder(Factor.LOGIN_PASSWORD, Factor.OTP);

    clock.advance(Duration.ofSeconds(30));
    assertThat(
            factors
                .resume(
                    first.challengeId(),
                    new Subject("demo", id),
                    new Operation.Login(),
                    Set.of(),
                    actor,
                    new Proof.OtpCode(code()))
                .kind())
        .as("answered once")
        .isEqualTo(Verdict.Kind.EXPIRED);
  }

  @Test
  void resumeWhenOtherSubjectOperationOrLateThenExpiredAndNothingChecked() {
    Verdict first = password();
    assertThat(
            factors
                .resume(
                    first.challengeId(),
                    new Subject("demo", "someone-else"),
                    new Operation.Login(),
                    Set.of(),
                    actor,
                    new Proof.OtpCode(code()))
                .kind())
        .isEqualTo(Verdict.Kind.EXPIRED);
    assertThat(
            factors
                .resume(
                    first.challengeId(),
                    new Subject("demo", id),
                    new Operation.Transfer("b", "Tokyo", "普通", "1234567", "n", 1, "JPY", false),
                    Set.of(),
                    actor,
                    new Proof.OtpCode(code()))
                .kind())
        .isEqualTo(Verdict.Kind.EXPIRED);
    clock.advance(Duration.ofMinutes(5));
    Verdict late =
        factors.resume(
            first.challengeId(),
            new Subject("demo", id),
            new Operation.Login(),
            Set.of(),
            actor,
            new Proof.OtpCode(code()));
    assertThat(late.kind()).isEqualTo(Verdict.Kind.EXPIRED);
    assertThat(late.results()).as("no code was compared").isEmpty();
  }

  @Test
  void transferWhenOtpOnlyFromTheSessionThenNeedsAFreshOne() {
    Operation transfer =
        new Operation.Transfer("Ichie Bank", "Tokyo", "普通", "7654321", "Payee", 1000, "JPY", false);
    Verdict v =
        factors.check(
            new Subject("demo", id),
            transfer,
            Set.of(Factor.OTP),
            actor,
            new Proof.Password(Factor.CONFIRMATION_PASSWORD, "fc-c"));
    assertThat(v.kind()).isEqualTo(Verdict.Kind.NEEDS);
    assertThat(v.missing()).containsExactly(Factor.OTP);
    Verdict stop =
        factors.check(
            new Subject("demo", id),
            new Operation.FactorChange(Operation.FactorChange.Change.STOP_TOKEN),
            Set.of(Factor.OTP),
            actor,
            new Proof.Password(Factor.CONFIRMATION_PASSWORD, "fc-c"));
    assertThat(stop.kind())
        .as("a factor change takes the code the session passed at login")
        .isEqualTo(Verdict.Kind.ALLOWED);
  }
}

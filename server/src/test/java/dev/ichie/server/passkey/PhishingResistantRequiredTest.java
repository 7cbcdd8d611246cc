package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A service that requires a phishing-resistant factor: once a customer holds a passkey, their login
 * password and a right code no longer log them in; the passkey does. Web banking leads a customer
 * without one to register one after their code login.
 */
@ServerTest
@TestPropertySource(properties = "ichie.factors.phishing-resistant.demo=required")
class PhishingResistantRequiredTest {

  static final Actor ACTOR = new Actor(Actor.Type.CUSTOMER, "pr", "192.0.2.88");

  @Autowired FactorCheck factors;
  @Autowired PasskeyCeremonies ceremonies;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;

  final Totp totp = new Totp(TotpParameters.DEFAULT);

  /** A token in use for the customer; returns its secret, the clock one step on. */
  Secret activeToken(String id, String mail) {
    String tokenId = issuance.issue("demo", id, mail, "50738291", ACTOR).status().tokenId();
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(tokenId, secret, "c", "p", ACTOR);
    codes.startUse("demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), ACTOR);
    clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  @Test
  void loginWhenPasskeyHeldThenPasswordAndCodeRefusedAndPasskeyTaken() throws Exception {
    clock.set(TestConfig.START);
    String id = "PR" + System.nanoTime() % 100_000;
    customers.create(id, "pr" + id.toLowerCase(), "PR", "pr-pass-" + id, "pr-c", "P" + id, 1);
    Secret secret = activeToken(id, "pr@example.jp");
    Subject subject = new Subject("demo", id);
    Operation login = new Operation.Login();

    // Before the passkey: the seed's password + code.
    Verdict before =
        factors.check(
            subject,
            login,
            Set.of(),
            ACTOR,
            new Proof.Password(Factor.LOGIN_PASSWORD, "pr-pass-" + id));
    assertThat(before.missing()).containsExactly(Factor.OTP);

    SoftAuthenticator phone = new SoftAuthenticator();
    PasskeyCeremonies.CreationOptions o = ceremonies.startRegistration(subject, "pr").orElseThrow();
    assertThat(
            ceremonies.finishRegistration(
                o.challengeId(),
                subject,
                phone.register(new SoftAuthenticator.Ceremony(o.challenge(), "create")),
                "phone",
                ACTOR))
        .isEqualTo(PasskeyCeremonies.Registration.OK);

    Verdict password =
        factors.check(
            subject,
            login,
            Set.of(),
            ACTOR,
            new Proof.Password(Factor.LOGIN_PASSWORD, "pr-pass-" + id));
    assertThat(password.missing())
        .as("now the passkey, not a code")
        .containsExactly(Factor.PASSKEY);
    Verdict withCode =
        factors.resume(
            password.challengeId(),
            subject,
            login,
            Set.of(),
            ACTOR,
            new Proof.OtpCode(UsedSecrets.add(totp.generate(secret, clock.instant()))));
    assertThat(withCode.allowed()).as("password + a right code").isFalse();

    PasskeyCeremonies.RequestOptions r =
        ceremonies.startAssertion(subject, login, false).orElseThrow();
    phone.counter++;
    Verdict passkey =
        factors.check(
            subject,
            login,
            Set.of(),
            ACTOR,
            new Proof.PasskeyAssertion(
                r.challengeId(),
                phone.assertion(new SoftAuthenticator.Ceremony(r.challenge(), "get")),
                false));
    assertThat(passkey.allowed()).isTrue();
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @Test
  void webWhenRequiredThenACodeLoginLeadsToRegistrationAndAPasskeyHolderToThePasskey()
      throws Exception {
    clock.set(TestConfig.START);
    String id = "PW" + System.nanoTime() % 100_000;
    String loginId = "prw" + id.toLowerCase();
    customers.create(id, loginId, "PR", "prw-pass-" + id, "prw-c", "Q" + id, 1);
    Secret secret = activeToken(id, "prw@example.jp");

    dev.ichie.server.support.WebClient web = new dev.ichie.server.support.WebClient(port);
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", "prw-pass-" + id);
    var page =
        web.post(
            "/netbank/login/otp", "code", UsedSecrets.add(totp.generate(secret, clock.instant())));
    assertThat(page.location()).as("led to register a passkey").isEqualTo("/netbank/passkeys");
    assertThat(page.body()).contains("パスキーのご登録をお願いしています");

    Subject subject = new Subject("demo", id);
    PasskeyCeremonies.CreationOptions o = ceremonies.startRegistration(subject, "pr").orElseThrow();
    ceremonies.finishRegistration(
        o.challengeId(),
        subject,
        new SoftAuthenticator().register(new SoftAuthenticator.Ceremony(o.challenge(), "create")),
        "phone",
        ACTOR);
    dev.ichie.server.support.WebClient again = new dev.ichie.server.support.WebClient(port);
    again.get("/netbank/login");
    var refused = again.post("/netbank/login", "loginId", loginId, "password", "prw-pass-" + id);
    assertThat(refused.location()).as("no code screen").isEqualTo("/netbank/login");
    assertThat(refused.body()).contains("パスキーでのログインが必要です");
  }
}

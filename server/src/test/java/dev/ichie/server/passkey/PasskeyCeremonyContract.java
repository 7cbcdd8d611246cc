package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.CredentialKind;
import dev.ichie.server.factor.Credentials;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Standing;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.token.TokenIssuance;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Ichie as a FIDO2 server, checked with a software authenticator: a passkey registered and used,
 * usernameless too, every check of PASSKEYS.md refused on its own, and removal, with the last
 * passkey kept while the service requires one. Run on each database by its subclasses, for a
 * service that requires a phishing-resistant factor.
 */
@TestPropertySource(properties = "ichie.factors.phishing-resistant.demo=required")
abstract class PasskeyCeremonyContract {

  static final AtomicInteger N = new AtomicInteger();
  static final Actor ACTOR = new Actor(Actor.Type.CUSTOMER, "pk", "192.0.2.77");

  @Autowired PasskeyCeremonies ceremonies;
  @Autowired FactorCheck factors;
  @Autowired Credentials credentials;
  @Autowired TokenIssuance issuance;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  Subject subject;
  SoftAuthenticator phone;

  @BeforeEach
  void customerWithPasskey() throws Exception {
    clock.set(TestConfig.START);
    subject = customer();
    phone = new SoftAuthenticator();
    assertThat(register(subject, phone, c -> {})).isEqualTo(PasskeyCeremonies.Registration.OK);
  }

  Subject customer() {
    String ref = "PK" + System.nanoTime() % 100_000 + "-" + N.incrementAndGet();
    issuance.issue("demo", ref, address(ref), "50738291", ACTOR);
    return new Subject("demo", ref);
  }

  static String address(String ref) {
    return "pk-" + ref.toLowerCase(java.util.Locale.ROOT) + "@example.jp";
  }

  java.util.List<String> mails(Subject who) {
    return jdbc.sql("SELECT kind FROM mail_outbox WHERE recipient = ? ORDER BY id")
        .param(address(who.customerRef()))
        .query(String.class)
        .list();
  }

  PasskeyCeremonies.Registration register(
      Subject who, SoftAuthenticator a, Consumer<SoftAuthenticator.Ceremony> change)
      throws Exception {
    PasskeyCeremonies.CreationOptions o = ceremonies.startRegistration(who, "pk").orElseThrow();
    SoftAuthenticator.Ceremony c = new SoftAuthenticator.Ceremony(o.challenge(), "create");
    change.accept(c);
    a.userHandle = java.util.Base64.getUrlDecoder().decode(o.userHandle());
    return ceremonies.finishRegistration(o.challengeId(), who, a.register(c), "phone", ACTOR);
  }

  Verdict login(Subject who, SoftAuthenticator a, Consumer<SoftAuthenticator.Ceremony> change)
      throws Exception {
    Operation login = new Operation.Login();
    PasskeyCeremonies.RequestOptions o = ceremonies.startAssertion(who, login, false).orElseThrow();
    SoftAuthenticator.Ceremony c = new SoftAuthenticator.Ceremony(o.challenge(), "get");
    change.accept(c);
    a.counter++;
    return factors.check(
        who,
        login,
        Set.of(),
        ACTOR,
        new Proof.PasskeyAssertion(o.challengeId(), a.assertion(c), false));
  }

  static String reason(Verdict v) {
    return v.refusal().map(ProofResult::reason).orElse(v.kind().name());
  }

  @Test
  void passkeyWhenRegisteredThenHeldAndLogsInAlone() throws Exception {
    assertThat(credentials.holdings(subject).of(CredentialKind.PASSKEY)).isEqualTo(Standing.USABLE);
    assertThat(mails(subject))
        .as("a factor change, told to the address on file")
        .contains("PASSKEY_ADDED");
    Verdict v = login(subject, phone, c -> {});
    assertThat(v.kind()).isEqualTo(Verdict.Kind.ALLOWED);
    assertThat(v.passed()).containsExactly(Factor.PASSKEY);
    assertThat(
            jdbc.sql("SELECT sign_count FROM passkey WHERE credential_id = ?")
                .param(SoftAuthenticator.b64(phone.credentialId))
                .query(Long.class)
                .single())
        .isEqualTo(phone.counter);
  }

  @Test
  void assertionWhenFromAnotherOriginThenRefused() throws Exception {
    // What a look-alike site relaying the ceremony would send: its own origin.
    assertThat(reason(login(subject, phone, c -> c.origin = "http://127.0.0.1:8080")))
        .isEqualTo("BadOriginException");
  }

  @Test
  void assertionWhenRpIdHashOfAnotherSiteThenRefused() throws Exception {
    assertThat(reason(login(subject, phone, c -> c.rpId = "ichie-bank.example")))
        .isEqualTo("BadRpIdException");
  }

  @Test
  void assertionWhenUserNotVerifiedThenRefused() throws Exception {
    assertThat(reason(login(subject, phone, c -> c.flags = SoftAuthenticator.UP)))
        .isEqualTo("UserNotVerifiedException");
  }

  @Test
  void assertionWhenChallengeReplayedOrExpiredThenRefused() throws Exception {
    Operation login = new Operation.Login();
    PasskeyCeremonies.RequestOptions o =
        ceremonies.startAssertion(subject, login, false).orElseThrow();
    phone.counter++;
    String json = phone.assertion(new SoftAuthenticator.Ceremony(o.challenge(), "get"));
    Proof proof = new Proof.PasskeyAssertion(o.challengeId(), json, false);
    assertThat(factors.check(subject, login, Set.of(), ACTOR, proof).allowed()).isTrue();
    assertThat(reason(factors.check(subject, login, Set.of(), ACTOR, proof)))
        .as("the same assertion again")
        .isEqualTo("CHALLENGE");

    PasskeyCeremonies.RequestOptions late =
        ceremonies.startAssertion(subject, login, false).orElseThrow();
    clock.advance(PasskeyCeremonies.LIFETIME.plusSeconds(1));
    phone.counter++;
    String lateJson = phone.assertion(new SoftAuthenticator.Ceremony(late.challenge(), "get"));
    assertThat(
            reason(
                factors.check(
                    subject,
                    login,
                    Set.of(),
                    ACTOR,
                    new Proof.PasskeyAssertion(late.challengeId(), lateJson, false))))
        .isEqualTo("CHALLENGE");
  }

  @Test
  void assertionWhenCounterGoesBackThenRefusedAndPasskeyLocked() throws Exception {
    phone.counter = 10;
    assertThat(login(subject, phone, c -> {}).allowed()).isTrue();
    phone.counter = 5; // a clone of the key, behind the genuine one
    Verdict clone = login(subject, phone, c -> {});
    assertThat(reason(clone)).isEqualTo("LOCKED");
    assertThat(credentials.holdings(subject).of(CredentialKind.PASSKEY)).isEqualTo(Standing.LOCKED);
    assertThat(mails(subject)).contains("PASSKEY_LOCKED");
    assertThat(login(subject, phone, c -> {}).allowed()).as("locked for good").isFalse();
  }

  @Test
  void assertionWhenAnotherCustomersCredentialThenRefused() throws Exception {
    Subject other = customer();
    SoftAuthenticator theirs = new SoftAuthenticator();
    assertThat(register(other, theirs, c -> {})).isEqualTo(PasskeyCeremonies.Registration.OK);
    assertThat(reason(login(subject, theirs, c -> {}))).isEqualTo("CREDENTIAL");
  }

  @Test
  void boundAssertionWhenPresentedForAnotherTransferThenRefused() throws Exception {
    Operation.Transfer mine =
        new Operation.Transfer("Ichie Bank", "Tokyo", "普通", "7654321", "ヤマダ", 5000, "JPY", false);
    Operation.Transfer other =
        new Operation.Transfer("Ichie Bank", "Tokyo", "普通", "7654321", "ヤマダ", 500000, "JPY", false);
    PasskeyCeremonies.RequestOptions o =
        ceremonies.startAssertion(subject, mine, true).orElseThrow();
    phone.counter++;
    String json = phone.assertion(new SoftAuthenticator.Ceremony(o.challenge(), "get"));
    Verdict forOther =
        factors.check(
            subject,
            other,
            Set.of(),
            ACTOR,
            new Proof.PasskeyAssertion(o.challengeId(), json, true));
    assertThat(reason(forOther)).as("another amount").isEqualTo("CHALLENGE");

    PasskeyCeremonies.RequestOptions again =
        ceremonies.startAssertion(subject, mine, true).orElseThrow();
    phone.counter++;
    String ok = phone.assertion(new SoftAuthenticator.Ceremony(again.challenge(), "get"));
    Verdict forMine =
        factors.check(
            subject,
            mine,
            Set.of(),
            ACTOR,
            new Proof.PasskeyAssertion(again.challengeId(), ok, true));
    assertThat(forMine.allowed()).isTrue();
    assertThat(forMine.passed()).containsExactly(Factor.PASSKEY_BOUND);
  }

  @Test
  void registrationWhenOriginOrUserVerificationWrongThenRefusedAndNothingStored() throws Exception {
    Subject fresh = customer();
    assertThat(register(fresh, new SoftAuthenticator(), c -> c.origin = "https://evil.example"))
        .isEqualTo(PasskeyCeremonies.Registration.REFUSED);
    assertThat(register(fresh, new SoftAuthenticator(), c -> c.flags = SoftAuthenticator.UP))
        .isEqualTo(PasskeyCeremonies.Registration.REFUSED);
    assertThat(credentials.holdings(fresh).of(CredentialKind.PASSKEY)).isEqualTo(Standing.NONE);
    clock.advance(Duration.ofSeconds(1));
  }

  Verdict usernameless(SoftAuthenticator a, Consumer<SoftAuthenticator.Ceremony> change)
      throws Exception {
    Operation login = new Operation.Login();
    PasskeyCeremonies.RequestOptions o = ceremonies.startUsernameless("demo", login).orElseThrow();
    assertThat(o.allowCredentials()).as("the options name nobody").isEmpty();
    SoftAuthenticator.Ceremony c = new SoftAuthenticator.Ceremony(o.challenge(), "get");
    change.accept(c);
    a.counter++;
    String json = a.assertion(c);
    Subject named = new Subject("demo", ceremonies.owner("demo", json).orElse(""));
    return factors.check(
        named, login, Set.of(), ACTOR, new Proof.PasskeyAssertion(o.challengeId(), json, false));
  }

  @Test
  void usernamelessWhenPasskeyChosenThenItNamesTheCustomerAndLogsIn() throws Exception {
    PasskeyCeremonies.RequestOptions o =
        ceremonies.startUsernameless("demo", new Operation.Login()).orElseThrow();
    phone.counter++;
    String json = phone.assertion(new SoftAuthenticator.Ceremony(o.challenge(), "get"));
    assertThat(ceremonies.owner("demo", json)).contains(subject.customerRef());
    Verdict v =
        factors.check(
            subject,
            new Operation.Login(),
            Set.of(),
            ACTOR,
            new Proof.PasskeyAssertion(o.challengeId(), json, false));
    assertThat(v.allowed()).isTrue();
    assertThat(usernameless(phone, c -> {}).allowed()).as("again, with a new challenge").isTrue();
  }

  @Test
  void usernamelessWhenUserHandleIsAnotherCustomersThenNobodyIsNamedAndRefused() throws Exception {
    Subject other = customer();
    SoftAuthenticator theirs = new SoftAuthenticator();
    assertThat(register(other, theirs, c -> {})).isEqualTo(PasskeyCeremonies.Registration.OK);
    Verdict v = usernameless(phone, c -> c.userHandle = theirs.userHandle);
    assertThat(v.allowed()).isFalse();
    // Named by the credential alone, the customer's own passkey with the other's handle is refused.
    PasskeyCeremonies.RequestOptions o =
        ceremonies.startUsernameless("demo", new Operation.Login()).orElseThrow();
    SoftAuthenticator.Ceremony c = new SoftAuthenticator.Ceremony(o.challenge(), "get");
    c.userHandle = theirs.userHandle;
    phone.counter++;
    Verdict direct =
        factors.check(
            subject,
            new Operation.Login(),
            Set.of(),
            ACTOR,
            new Proof.PasskeyAssertion(o.challengeId(), phone.assertion(c), false));
    assertThat(reason(direct)).isEqualTo("USER_HANDLE");
  }

  @Test
  void removeWhenLastPasskeyAndRequiredThenKeptButTheBranchRemovesIt() throws Exception {
    String id = ceremonies.list(subject).get(0).id();
    Actor branch = new Actor(Actor.Type.STAFF, "supervisor", "192.0.2.1");
    assertThat(ceremonies.remove(subject, id, false, ACTOR))
        .isEqualTo(PasskeyCeremonies.Removal.LAST);
    assertThat(ceremonies.list(subject)).hasSize(1);
    assertThat(ceremonies.remove(customer(), id, true, branch))
        .as("not another customer's")
        .isEqualTo(PasskeyCeremonies.Removal.NOT_FOUND);
    assertThat(ceremonies.remove(subject, id, true, branch))
        .isEqualTo(PasskeyCeremonies.Removal.OK);
    assertThat(ceremonies.list(subject)).isEmpty();
    assertThat(credentials.holdings(subject).of(CredentialKind.PASSKEY)).isEqualTo(Standing.NONE);
    assertThat(mails(subject)).contains("PASSKEY_REMOVED");
    assertThat(usernameless(phone, c -> {}).allowed()).as("a removed passkey").isFalse();
  }

  @Test
  void removeWhenTwoAtOnceThenOneIsKept() throws Exception {
    assertThat(register(subject, new SoftAuthenticator(), c -> {}))
        .isEqualTo(PasskeyCeremonies.Registration.OK);
    java.util.List<String> ids =
        ceremonies.list(subject).stream().map(PasskeyCeremonies.PasskeyView::id).toList();
    assertThat(ids).hasSize(2);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.List<java.util.concurrent.Future<PasskeyCeremonies.Removal>> both =
          ids.stream()
              .map(
                  id ->
                      pool.submit(
                          () -> {
                            start.await();
                            return ceremonies.remove(subject, id, false, ACTOR);
                          }))
              .toList();
      java.util.List<PasskeyCeremonies.Removal> got = new java.util.ArrayList<>();
      for (var f : both) {
        got.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(got)
          .containsExactlyInAnyOrder(PasskeyCeremonies.Removal.OK, PasskeyCeremonies.Removal.LAST);
    } finally {
      pool.shutdownNow();
    }
    assertThat(ceremonies.list(subject)).hasSize(1);
  }

  @Test
  void renameWhenOwnPasskeyThenRenamedAndNotAnothersOrBlank() throws Exception {
    String id = ceremonies.list(subject).get(0).id();
    assertThat(ceremonies.rename(subject, id, "  Pixel 9  ", ACTOR)).isTrue();
    assertThat(ceremonies.list(subject).get(0).label()).isEqualTo("Pixel 9");
    assertThat(ceremonies.rename(subject, id, "   ", ACTOR)).isFalse();
    assertThat(ceremonies.rename(subject, id, "x".repeat(41), ACTOR)).isFalse();
    assertThat(ceremonies.rename(customer(), id, "mine", ACTOR)).isFalse();
    assertThat(ceremonies.list(subject).get(0).label()).isEqualTo("Pixel 9");
  }
}

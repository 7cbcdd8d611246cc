package dev.ichie.server.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.mail.MailOutbox;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The branch console over HTTP: staff logins with their own codes, dual control, audit. */
@ServerTest
class BranchConsoleTest {

  static final AtomicInteger N = new AtomicInteger();
  static final Totp TOTP = new Totp(TotpParameters.DEFAULT);

  @LocalServerPort int port;
  @Autowired StaffAccounts staff;
  @Autowired RecoveryRequests requests;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired AuditLog audit;
  @Autowired MailOutbox outbox;
  @Autowired dev.ichie.server.passkey.PasskeyCeremonies passkeys;

  String teller;
  String supervisor;
  String supervisor2;
  Secret tellerSecret;
  Secret supervisorSecret;
  Secret supervisor2Secret;
  String customer;
  String customerLogin;
  Secret customerSecret;
  final String staffPassword =
      UsedSecrets.add("staff-password-" + new SecureRandom().nextInt(1000));

  @BeforeEach
  void setUp() {
    clock.set(TestConfig.START);
    int n = N.incrementAndGet();
    long t = System.nanoTime() % 100_000;
    teller = "teller" + t + n;
    supervisor = "super" + t + n;
    supervisor2 = "superb" + t + n;
    tellerSecret = staffMember(teller, StaffRole.TELLER);
    supervisorSecret = staffMember(supervisor, StaffRole.SUPERVISOR);
    supervisor2Secret = staffMember(supervisor2, StaffRole.SUPERVISOR);
    customer = "B" + t + n;
    customerLogin = "cust" + t + n;
    customers.create(
        customer,
        customerLogin,
        "支店 太郎",
        "cust-pass-2026",
        "cust-kakunin",
        "8" + String.format("%06d", n),
        100_000);
    customerSecret = activeToken("demo", customer, "branch@example.jp");
  }

  Secret staffMember(String loginId, StaffRole role) {
    assertThat(
            staff.create(
                loginId,
                loginId,
                role,
                "本店",
                loginId + "@staff.example.jp",
                staffPassword,
                Actor.SYSTEM))
        .isTrue();
    return activeToken("staff", loginId, loginId + "@staff.example.jp");
  }

  Secret activeToken(String service, String ref, String mail) {
    var o = issuance.issue(service, ref, mail, "61834927", Actor.SYSTEM);
    assertThat(o.result()).isEqualTo(Result.OK);
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(o.status().tokenId(), secret, "c", "p", Actor.SYSTEM);
    assertThat(
            codes
                .startUse(service, ref, TOTP.generate(secret, clock.instant()), Actor.SYSTEM)
                .result())
        .isEqualTo(Result.OK);
    return secret;
  }

  String code(Secret secret) {
    return UsedSecrets.add(TOTP.generate(secret, clock.instant()));
  }

  WebClient staffLogin(String loginId, Secret secret) {
    clock.advance(Duration.ofSeconds(30));
    WebClient web = new WebClient(port);
    web.get("/branch/login");
    WebClient.Page codePage =
        web.post("/branch/login", "loginId", loginId, "password", staffPassword);
    assertThat(codePage.location()).isEqualTo("/branch/login/code");
    assertThat(web.get("/branch/").status()).as("no console before the code").isEqualTo(403);
    WebClient.Page console = web.post("/branch/login/code", "code", code(secret));
    assertThat(console.location()).isEqualTo("/branch/");
    return web;
  }

  void lockCustomerToken() {
    for (int i = 0; i < 5; i++) {
      String right = TOTP.generate(customerSecret, clock.instant());
      codes.verify("demo", customer, right.equals("000000") ? "111111" : "000000", Actor.SYSTEM);
    }
    assertThat(queries.status("demo", customer).status().state()).isEqualTo(TokenState.LOCKED);
  }

  long pendingRequestId() {
    return requests.forCustomer(customer).get(0).id();
  }

  @Test
  void unlockWhenTellerRequestsAndAnotherSupervisorApprovesThenCustomerUsesSameApp() {
    lockCustomerToken();
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    WebClient.Page results = tellerWeb.get("/branch/customers?q=" + customerLogin);
    assertThat(results.body()).contains(customer);
    assertThat(tellerWeb.get("/branch/customers?q=branch@example.jp").body()).contains(customer);
    String userId = queries.status("demo", customer).status().userId();
    assertThat(tellerWeb.get("/branch/customers?q=" + userId).body()).contains(customer);
    WebClient.Page view = tellerWeb.get("/branch/customers/" + customer);
    assertThat(view.body()).contains("ロックされています");
    WebClient.Page filed =
        tellerWeb.post(
            "/branch/customers/" + customer + "/requests",
            "action",
            "UNLOCK_TOKEN",
            "identityCheck",
            "DRIVERS_LICENSE",
            "identityNote",
            "末尾 1234",
            "reason",
            "お客様から電話。ワンタイムパスワードを5回間違えた");
    assertThat(filed.body()).contains("依頼番号");
    long id = pendingRequestId();

    WebClient.Page tellerApprove = tellerWeb.post("/branch/requests/" + id + "/approve");
    assertThat(tellerApprove.body()).contains("依頼を判断できるのは役席だけです");
    assertThat(queries.status("demo", customer).status().state()).isEqualTo(TokenState.LOCKED);

    WebClient supervisorWeb = staffLogin(supervisor, supervisorSecret);
    assertThat(supervisorWeb.get("/branch/").body()).contains("request-" + id);
    WebClient.Page approved = supervisorWeb.post("/branch/requests/" + id + "/approve");
    assertThat(approved.body()).contains("依頼を承認し、処理しました");
    assertThat(queries.status("demo", customer).status().state()).isEqualTo(TokenState.ACTIVE);
    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.verify("demo", customer, code(customerSecret), Actor.SYSTEM).result())
        .as("the same app works again")
        .isEqualTo(Result.OK);

    assertThat(supervisorWeb.post("/branch/requests/" + id + "/approve").body())
        .as("an approved request cannot act twice")
        .contains("すでに判断済みか、期限切れです");
    List<AuditEvent> trail = queries.auditTrail("demo", customer, 100).orElseThrow();
    assertThat(trail)
        .extracting(e -> e.event() + ":" + e.actorId())
        .contains(
            "STAFF_VIEW:" + teller,
            "RECOVERY_REQUESTED:" + teller,
            "RECOVERY_APPROVED:" + supervisor,
            "TOKEN_UNLOCKED:" + supervisor);
    assertThat(trail)
        .filteredOn(e -> e.event().equals("RECOVERY_APPROVED") && e.actorId().equals(teller))
        .extracting(AuditEvent::outcome)
        .containsExactly("NOT_SUPERVISOR");
    assertThat(outbox.newest(100))
        .anyMatch(m -> m.recipient().equals("branch@example.jp") && m.kind().equals("UNLOCKED"));
    assertThat(audit.byActorType(Actor.Type.STAFF, 500))
        .extracting(e -> e.event() + ":" + e.actorId())
        .contains("STAFF_SEARCH:" + teller, "STAFF_LOGIN_PASSWORD:" + supervisor);
    assertThat(tellerWeb.get("/branch/audit").body()).contains("RECOVERY_REQUESTED");
  }

  @Test
  void requestWhenFormIsBadThenClearMessageAndNothingFiled() {
    lockCustomerToken();
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    tellerWeb.get("/branch/customers/" + customer);
    String[][] bad = {
      {"action", "DELETE_EVERYTHING", "identityCheck", "DRIVERS_LICENSE", "reason", "r"},
      {"action", "UNLOCK_TOKEN", "identityCheck", "HUNCH", "reason", "r"},
      {"action", "UNLOCK_TOKEN", "identityCheck", "DRIVERS_LICENSE", "reason", ""},
      {"action", "UNLOCK_TOKEN", "identityCheck", "DRIVERS_LICENSE", "reason", "a\u0007b"},
      {
        "action",
        "UNLOCK_TOKEN",
        "identityCheck",
        "DRIVERS_LICENSE",
        "reason",
        "r",
        "waiveNextDay",
        "perhaps"
      },
    };
    for (String[] fields : bad) {
      WebClient.Page page = tellerWeb.post("/branch/customers/" + customer + "/requests", fields);
      assertThat(page.status()).as(String.join(" ", fields)).isLessThan(500);
      assertThat(page.body())
          .as(String.join(" ", fields))
          .doesNotContain("依頼番号")
          .doesNotContain("??");
      tellerWeb.get("/branch/customers/" + customer);
    }
    assertThat(requests.forCustomer(customer)).isEmpty();
  }

  @Test
  void requestWhenReferenceHoldsTemplateBracesThenRedirectedVerbatimNotExpanded() {
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    tellerWeb.get("/branch/customers?q=x");
    WebClient.Page page =
        tellerWeb.post(
            "/branch/customers/%7B0%7D/requests",
            "action", "UNLOCK_TOKEN", "identityCheck", "DRIVERS_LICENSE", "reason", "");
    assertThat(page.status()).isLessThan(500);
    assertThat(page.location()).isEqualTo("/branch/customers/{0}");
    assertThat(requests.forCustomer("{0}")).isEmpty();
  }

  @Test
  void approveWhenOwnRequestThenRefused() {
    lockCustomerToken();
    StaffMember me = staff.find(supervisor).orElseThrow();
    long id =
        requests.file(
            me, customer, RecoveryRequests.Action.UNLOCK_TOKEN, false, "r", "PASSPORT", null);
    assertThat(requests.approve(me, id, null)).isEqualTo(RecoveryRequests.Decision.OWN_REQUEST);
    assertThat(queries.status("demo", customer).status().state()).isEqualTo(TokenState.LOCKED);
  }

  @Test
  void rejectedOrExpiredRequestThenNothingChanges() {
    lockCustomerToken();
    StaffMember t = staff.find(teller).orElseThrow();
    StaffMember s = staff.find(supervisor).orElseThrow();
    long rejected =
        requests.file(
            t, customer, RecoveryRequests.Action.UNLOCK_TOKEN, false, "r", "PASSPORT", null);
    assertThat(requests.reject(s, rejected, null)).isEqualTo(RecoveryRequests.Decision.DONE);
    assertThat(requests.approve(s, rejected, null))
        .isEqualTo(RecoveryRequests.Decision.NOT_PENDING);
    long expired =
        requests.file(
            t, customer, RecoveryRequests.Action.RESET_TOKEN, true, "r", "PASSPORT", null);
    clock.advance(Duration.ofHours(8).plusSeconds(1));
    assertThat(requests.approve(s, expired, null)).isEqualTo(RecoveryRequests.Decision.NOT_PENDING);
    assertThat(requests.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(requests.find(expired).orElseThrow().status())
        .isEqualTo(RecoveryRequests.Status.EXPIRED);
    assertThat(requests.find(rejected).orElseThrow().status())
        .isEqualTo(RecoveryRequests.Status.REJECTED);
    assertThat(queries.status("demo", customer).status().state()).isEqualTo(TokenState.LOCKED);
    assertThat(queries.auditTrail("demo", customer, 100).orElseThrow())
        .extracting(e -> e.event() + ":" + e.actorType())
        .contains("RECOVERY_REJECTED:STAFF", "RECOVERY_EXPIRED:SYSTEM");
  }

  @Test
  void approveWhenTwoSupervisorsAtOnceThenOneActs() throws Exception {
    StaffMember t = staff.find(teller).orElseThrow();
    long id =
        requests.file(
            t,
            customer,
            RecoveryRequests.Action.RESET_TOKEN,
            true,
            "lost phone",
            "MY_NUMBER_CARD",
            null);
    StaffMember[] deciders = {
      staff.find(supervisor).orElseThrow(), staff.find(supervisor2).orElseThrow()
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RecoveryRequests.Decision>> results = new ArrayList<>();
    for (StaffMember d : deciders) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return requests.approve(d, id, null);
              }));
    }
    go.countDown();
    List<RecoveryRequests.Decision> all = new ArrayList<>();
    for (var f : results) {
      all.add(f.get());
    }
    pool.shutdown();
    assertThat(all)
        .containsExactlyInAnyOrder(
            RecoveryRequests.Decision.DONE, RecoveryRequests.Decision.NOT_PENDING);
    assertThat(queries.auditTrail("demo", customer, 100).orElseThrow())
        .filteredOn(e -> e.event().equals("TOKEN_RESET"))
        .hasSize(1);
  }

  @Test
  void resetWhenApprovedThenCustomerLogsInWithPasswordAndIssuesPerPolicy() {
    StaffMember t = staff.find(teller).orElseThrow();
    StaffMember s = staff.find(supervisor).orElseThrow();
    long kept =
        requests.file(
            t,
            customer,
            RecoveryRequests.Action.RESET_TOKEN,
            false,
            "lost phone",
            "PASSPORT",
            null);
    assertThat(requests.approve(s, kept, null)).isEqualTo(RecoveryRequests.Decision.DONE);
    assertThat(queries.status("demo", customer).status().state()).isNull();
    WebClient web = new WebClient(port);
    web.get("/netbank/login");
    assertThat(
            web.post("/netbank/login", "loginId", customerLogin, "password", "cust-pass-2026")
                .location())
        .as("the password alone logs in now")
        .isEqualTo("/netbank/");
    assertThat(
            issuance.issue("demo", customer, "new@example.jp", "61834927", Actor.SYSTEM).result())
        .as("next-day rule kept by the request")
        .isEqualTo(Result.REISSUE_NOT_YET);
  }

  @Test
  void unlockLoginWhenApprovedThenLoginWorksAgain() {
    WebClient web = new WebClient(port);
    web.get("/netbank/login");
    for (int i = 0; i < 5; i++) {
      web.post("/netbank/login", "loginId", customerLogin, "password", "wrong-" + i);
    }
    StaffMember t = staff.find(teller).orElseThrow();
    StaffMember s = staff.find(supervisor2).orElseThrow();
    long id =
        requests.file(
            t, customer, RecoveryRequests.Action.UNLOCK_LOGIN, false, "forgot", "CALLBACK", null);
    assertThat(requests.approve(s, id, null)).isEqualTo(RecoveryRequests.Decision.DONE);
    assertThat(requests.find(id).orElseThrow().outcome()).isEqualTo("OK");
    assertThat(
            web.post("/netbank/login", "loginId", customerLogin, "password", "cust-pass-2026")
                .location())
        .isEqualTo("/netbank/login/otp");
    assertThat(outbox.newest(100)).anyMatch(m -> m.kind().equals("LOGIN_UNLOCKED"));
  }

  @Test
  void consoleWhenCustomerOrAnonymousThenRefused() {
    WebClient customerWeb = new WebClient(port);
    customerWeb.get("/netbank/login");
    customerWeb.post("/netbank/login", "loginId", customerLogin, "password", "cust-pass-2026");
    String code = code(customerSecret);
    clock.advance(Duration.ofSeconds(30));
    customerWeb.post("/netbank/login/otp", "code", code(customerSecret));
    assertThat(customerWeb.get("/netbank/").location()).isEqualTo("/netbank/");
    assertThat(customerWeb.get("/branch/").status()).isEqualTo(403);
    assertThat(customerWeb.get("/branch/customers?q=x").status()).isEqualTo(403);
    assertThat(code).hasSize(6);
    assertThat(new WebClient(port).get("/branch/").location()).isEqualTo("/branch/login");
  }

  @Test
  void liveSessionWhenStaffDisabledOrRoleChangedThenEndedAtTheNextRequest() {
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    WebClient supervisorWeb = staffLogin(supervisor, supervisorSecret);
    assertThat(tellerWeb.get("/branch/").status()).isEqualTo(200);
    jdbc.sql("UPDATE staff SET active = FALSE WHERE login_id = ?").param(teller).update();
    assertThat(tellerWeb.get("/branch/customers?q=x").location())
        .as("disabled: logged out at once")
        .isEqualTo("/branch/login");
    jdbc.sql("UPDATE staff SET active = TRUE WHERE login_id = ?").param(teller).update();
    assertThat(tellerWeb.get("/branch/").location())
        .as("the session is gone: enabled again, the console still needs a new login")
        .isEqualTo("/branch/login");
    jdbc.sql("UPDATE staff SET role = 'TELLER' WHERE login_id = ?").param(supervisor).update();
    assertThat(supervisorWeb.get("/branch/").location())
        .as("another role than the session's: logged out")
        .isEqualTo("/branch/login");
  }

  @Test
  void staffLoginWhenPasswordWasGivenThenNothingOpensUntilTheirOwnIsSet() {
    staff.requirePasswordChange(teller);
    clock.advance(Duration.ofSeconds(30));
    WebClient web = new WebClient(port);
    web.get("/branch/login");
    web.post("/branch/login", "loginId", teller, "password", staffPassword);
    WebClient.Page next = web.post("/branch/login/code", "code", code(tellerSecret));
    assertThat(next.location()).isEqualTo("/branch/password");
    assertThat(web.get("/branch/").location())
        .as("every page leads there")
        .isEqualTo("/branch/password");
    assertThat(web.get("/branch/customers?q=x").location()).isEqualTo("/branch/password");
    String fresh = UsedSecrets.add("own-password-" + new SecureRandom().nextInt(1_000_000));
    assertThat(
            web.post("/branch/password", "current", "wrong", "password", fresh, "repeat", fresh)
                .body())
        .contains("渡されたパスワードが正しくありません");
    assertThat(
            web.post(
                    "/branch/password",
                    "current",
                    staffPassword,
                    "password",
                    "short",
                    "repeat",
                    "short")
                .body())
        .contains("12文字以上");
    assertThat(
            web.post(
                    "/branch/password",
                    "current",
                    staffPassword,
                    "password",
                    fresh,
                    "repeat",
                    fresh + "x")
                .body())
        .contains("一致しません");
    WebClient.Page done =
        web.post("/branch/password", "current", staffPassword, "password", fresh, "repeat", fresh);
    assertThat(done.location()).isEqualTo("/branch/");
    assertThat(staff.mustChangePassword(teller)).isFalse();
    clock.advance(Duration.ofSeconds(30));
    WebClient again = new WebClient(port);
    again.get("/branch/login");
    assertThat(again.post("/branch/login", "loginId", teller, "password", fresh).location())
        .as("the new password works")
        .isEqualTo("/branch/login/code");
  }

  @Test
  void staffLoginWhenWrongCodeThenConsoleStaysClosed() {
    WebClient web = new WebClient(port);
    web.get("/branch/login");
    web.post("/branch/login", "loginId", teller, "password", staffPassword);
    String right = TOTP.generate(tellerSecret, clock.instant());
    WebClient.Page wrong =
        web.post("/branch/login/code", "code", right.equals("000000") ? "111111" : "000000");
    assertThat(wrong.body()).contains("ワンタイムパスワードが正しくありません");
    assertThat(web.get("/branch/").status()).isEqualTo(403);
    assertThat(web.get("/branch/staff").status()).isEqualTo(403);
  }

  @Test
  void passkeysWhenListedAndRemovalApprovedByAnotherSupervisorThenGoneAndAudited()
      throws Exception {
    dev.ichie.server.factor.Subject subject = new dev.ichie.server.factor.Subject("demo", customer);
    for (String label : List.of("iPhone", "iPad")) {
      var o = passkeys.startRegistration(subject, customerLogin).orElseThrow();
      var a = new dev.ichie.server.passkey.SoftAuthenticator();
      String created =
          a.register(
              new dev.ichie.server.passkey.SoftAuthenticator.Ceremony(o.challenge(), "create"));
      assertThat(
              passkeys.finishRegistration(o.challengeId(), subject, created, label, Actor.SYSTEM))
          .isEqualTo(dev.ichie.server.passkey.PasskeyCeremonies.Registration.OK);
      clock.advance(Duration.ofSeconds(1));
    }
    String ipad = passkeys.list(subject).get(1).id();
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    WebClient.Page view = tellerWeb.get("/branch/customers/" + customer);
    assertThat(view.body()).contains("iPhone").contains("iPad").contains("パスキーの削除");
    tellerWeb.post(
        "/branch/customers/" + customer + "/requests",
        "action",
        "REMOVE_PASSKEY",
        "passkeyId",
        ipad,
        "identityCheck",
        "DRIVERS_LICENSE",
        "reason",
        "iPad を紛失");
    long id = pendingRequestId();
    assertThat(passkeys.list(subject)).as("nothing before the approval").hasSize(2);
    assertThat(tellerWeb.post("/branch/requests/" + id + "/approve").body())
        .contains("依頼を判断できるのは役席だけです");

    WebClient supervisorWeb = staffLogin(supervisor, supervisorSecret);
    assertThat(supervisorWeb.post("/branch/requests/" + id + "/approve").body())
        .contains("依頼を承認し、処理しました");
    assertThat(passkeys.list(subject))
        .extracting(dev.ichie.server.passkey.PasskeyCeremonies.PasskeyView::label)
        .containsExactly("iPhone");
    assertThat(queries.auditTrail("demo", customer, 100).orElseThrow())
        .extracting(e -> e.event() + ":" + e.actorId())
        .contains("RECOVERY_REQUESTED:" + teller, "PASSKEY_REMOVED:" + supervisor);

    // All of them (a lost phone with synced passkeys).
    tellerWeb.get("/branch/customers/" + customer);
    tellerWeb.post(
        "/branch/customers/" + customer + "/requests",
        "action",
        "REMOVE_PASSKEY",
        "passkeyId",
        "",
        "identityCheck",
        "DRIVERS_LICENSE",
        "reason",
        "携帯電話を紛失");
    long all = pendingRequestId();
    assertThat(supervisorWeb.post("/branch/requests/" + all + "/approve").body())
        .contains("依頼を承認し、処理しました");
    assertThat(passkeys.list(subject)).isEmpty();
  }

  @Test
  void staffTokenWhenIssuedThenItsMailPointsToTheBranchConsoleNotWebBanking() {
    String login = "mailed" + System.nanoTime() % 100_000;
    staffMember(login, StaffRole.TELLER);
    assertThat(outbox.newest(100))
        .filteredOn(
            m -> m.recipient().equals(login + "@staff.example.jp") && m.kind().equals("ISSUED"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.subject()).contains("職員用トークンアプリ");
              assertThat(m.body())
                  .contains("支店端末のワンタイムパスワード画面に表示されるユーザーID")
                  .doesNotContain("インターネットバンキング");
            });
  }

  @Autowired dev.ichie.server.factor.TransferHolds holds;

  @Test
  void holdWhenTellerAsksAndASupervisorApprovesThenLiftedBySecondPair() {
    dev.ichie.server.factor.Subject subject = new dev.ichie.server.factor.Subject("demo", customer);
    holds.set(subject, "fraud score 97", new Actor(Actor.Type.API_CLIENT, "fraud-engine", null));
    WebClient tellerWeb = staffLogin(teller, tellerSecret);
    assertThat(tellerWeb.get("/branch/customers/" + customer).body())
        .contains("お振込みは銀行システムにより保留されています（理由：fraud score 97、設定：fraud-engine")
        .contains("value=\"LIFT_HOLD\"");
    tellerWeb.post(
        "/branch/customers/" + customer + "/requests",
        "action",
        "LIFT_HOLD",
        "identityCheck",
        "CALLBACK",
        "identityNote",
        "登録番号へ折り返し",
        "reason",
        "お客様ご本人の振込と確認");
    long id = pendingRequestId();
    assertThat(holds.find(subject)).as("a teller alone lifts nothing").isPresent();
    WebClient supervisorWeb = staffLogin(supervisor, supervisorSecret);
    assertThat(supervisorWeb.get("/branch/requests/" + id + "/approve").body())
        .contains("承認の確認")
        .contains("お振込みの保留の解除");
    assertThat(holds.find(subject)).as("the confirmation page changes nothing").isPresent();
    assertThat(supervisorWeb.post("/branch/requests/" + id + "/approve").body())
        .contains("依頼を承認し、処理しました");
    assertThat(holds.find(subject)).isEmpty();
    assertThat(audit.trail("demo", customer, 50))
        .filteredOn(e -> e.event().equals("TRANSFER_HOLD"))
        .extracting(e -> e.outcome() + ":" + e.actorId())
        .containsExactly("SET:fraud-engine", "LIFTED:" + supervisor);
  }
}

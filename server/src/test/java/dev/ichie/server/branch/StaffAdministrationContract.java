package dev.ichie.server.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff administration under dual control, over HTTP: no administrator alone creates a working
 * account, changes a role, resets a password or a token, or disables anyone; the one-time password
 * is two halves seen by two people; a newcomer's token has an activation password only they chose.
 * Run on each database by its subclasses.
 */
abstract class StaffAdministrationContract {

  static final AtomicInteger N = new AtomicInteger();
  static final Totp TOTP = new Totp(TotpParameters.DEFAULT);
  static final Pattern HALF = Pattern.compile("id=\"password-half\">([A-Z2-9]{8})<");
  static final Pattern REQUEST = Pattern.compile("id=\"request-id\">([0-9]+)<");

  @LocalServerPort int port;
  @Autowired StaffAccounts staff;
  @Autowired StaffRequests requests;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired dev.ichie.server.token.TokenLifecycle lifecycle;

  String adminA;
  String adminB;
  String adminC;
  String teller;
  String supervisor;
  final Map<String, Secret> secrets = new java.util.HashMap<>();
  final String password = UsedSecrets.add("staff-admin-pass-" + new SecureRandom().nextInt(1000));

  @BeforeEach
  void setUp() {
    clock.set(TestConfig.START);
    String t = (System.nanoTime() % 100_000) + "x" + N.incrementAndGet();
    adminA = "adma" + t;
    adminB = "admb" + t;
    adminC = "admc" + t;
    teller = "tel" + t;
    supervisor = "sup" + t;
    member(adminA, StaffRole.ADMIN);
    member(adminB, StaffRole.ADMIN);
    member(adminC, StaffRole.ADMIN);
    member(teller, StaffRole.TELLER);
    member(supervisor, StaffRole.SUPERVISOR);
  }

  void member(String loginId, StaffRole role) {
    assertThat(
            staff.create(
                loginId,
                loginId,
                role,
                "本店",
                loginId + "@staff.example.jp",
                password,
                Actor.SYSTEM))
        .isTrue();
    var o =
        issuance.issue("staff", loginId, loginId + "@staff.example.jp", "61834927", Actor.SYSTEM);
    assertThat(o.result()).isEqualTo(Result.OK);
    secrets.put(loginId, activate(o.status().tokenId(), loginId));
  }

  Secret activate(String tokenId, String loginId) {
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(tokenId, secret, "c", "p", Actor.SYSTEM);
    assertThat(codes.startUse("staff", loginId, code(secret), Actor.SYSTEM).result())
        .isEqualTo(Result.OK);
    return secret;
  }

  String code(Secret secret) {
    clock.advance(Duration.ofSeconds(30));
    return UsedSecrets.add(TOTP.generate(secret, clock.instant()));
  }

  WebClient login(String loginId) {
    return login(loginId, password, secrets.get(loginId));
  }

  WebClient login(String loginId, String pass, Secret secret) {
    WebClient web = new WebClient(port);
    web.get("/branch/login");
    assertThat(web.post("/branch/login", "loginId", loginId, "password", pass).location())
        .isEqualTo("/branch/login/code");
    if (secret != null) {
      String home = web.post("/branch/login/code", "code", code(secret)).location();
      assertThat(home).isIn("/branch/", "/branch/staff", "/branch/password");
    }
    return web;
  }

  static String half(WebClient.Page page) {
    Matcher m = HALF.matcher(page.body());
    assertThat(m.find()).as("a password half on the page").isTrue();
    String half = m.group(1);
    assertThat(m.find()).as("one half only").isFalse();
    return UsedSecrets.add(half);
  }

  static long requestId(WebClient.Page page) {
    Matcher m = REQUEST.matcher(page.body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void
      creationWhenOneAdministratorAloneThenNoWorkingAccountUntilASecondApprovesAndTheNewcomerActs() {
    String newcomer = "new" + adminA.substring(4);
    WebClient a = login(adminA);
    WebClient.Page filed =
        a.post(
            "/branch/staff/requests",
            "loginId",
            newcomer,
            "name",
            "新人 三郎",
            "role",
            "SUPERVISOR",
            "branch",
            "本店",
            "mail",
            newcomer + "@staff.example.jp",
            "reason",
            "4月入行");
    assertThat(filed.body()).contains("依頼を受け付けました。別の管理者の承認を待っています。");
    String first = half(filed);
    long id = requestId(filed);
    assertThat(staff.exists(newcomer)).as("nothing before the approval").isFalse();
    assertThat(a.get("/branch/staff").body())
        .as("shown once")
        .doesNotContain(first)
        .contains("別の管理者が決裁します");

    // The requester cannot approve, nor can anyone who is not an administrator.
    assertThat(a.post("/branch/staff/requests/" + id + "/approve").body())
        .contains("自分が出した依頼は決裁できません");
    assertThat(login(teller).post("/branch/staff/requests/" + id + "/approve").status())
        .isEqualTo(403);
    assertThat(login(supervisor).post("/branch/staff/requests/" + id + "/approve").status())
        .isEqualTo(403);
    assertThat(staff.exists(newcomer)).isFalse();
    assertThat(
            a.post(
                    "/branch/staff/" + adminA + "/requests",
                    "action",
                    "CHANGE_ROLE",
                    "role",
                    "TELLER",
                    "reason",
                    "自分の権限")
                .body())
        .as("nobody files about their own account")
        .contains("自分のアカウントに関する依頼は");

    WebClient.Page approved = login(adminB).post("/branch/staff/requests/" + id + "/approve");
    assertThat(approved.body()).contains("依頼を承認し、実行しました。");
    String second = half(approved);
    assertThat(second).isNotEqualTo(first);
    assertThat(staff.find(newcomer).orElseThrow().role()).isEqualTo(StaffRole.SUPERVISOR);
    // The server keeps no half: only hashes, and the request's is gone once used.
    assertThat(
            jdbc.sql("SELECT first_half_hash FROM staff_request WHERE id = ?")
                .param(id)
                .query((rs, i) -> java.util.Optional.ofNullable(rs.getString(1)))
                .single())
        .isEmpty();
    String stored =
        jdbc.sql("SELECT password_hash FROM staff WHERE login_id = ?")
            .param(newcomer)
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain(first).doesNotContain(second);

    // Either half alone is a wrong password.
    for (String alone : List.of(first, second, second + first)) {
      WebClient w = new WebClient(port);
      w.get("/branch/login");
      assertThat(w.post("/branch/login", "loginId", newcomer, "password", alone).body())
          .contains("職員IDまたはパスワードが正しくありません");
    }

    // Both halves: the code page asks for their own password first, shows no user ID.
    assertThat(stored).startsWith("halves:8:");
    WebClient n = login(newcomer, first + second, null);
    assertThat(
            jdbc.sql("SELECT password_hash FROM staff WHERE login_id = ?")
                .param(newcomer)
                .query(String.class)
                .single())
        .as("made again as one hash at its first right use")
        .startsWith("$argon2id$");
    WebClient.Page code = n.get("/branch/login/code");
    assertThat(code.body()).contains("最初にご自身のパスワードを設定してください").doesNotContain("id=\"user-id\"");
    assertThat(n.get("/branch/").status()).isEqualTo(403);
    assertThat(
            n.post(
                    "/branch/login/token",
                    "activationPassword",
                    "52749163",
                    "activationRepeat",
                    "52749163")
                .body())
        .as("no token before their own password")
        .contains("いまは職員用トークンを発行できません");
    String own = UsedSecrets.add("own-pass-" + new SecureRandom().nextInt(1_000_000));
    WebClient.Page set =
        n.post("/branch/login/password", "current", first + second, "password", own, "repeat", own);
    assertThat(set.body()).contains("利用開始パスワード（4～8桁）").doesNotContain("id=\"user-id\"");
    assertThat(staff.mustChangePassword(newcomer)).isFalse();
    assertThat(
            n.post("/branch/login/token", "activationPassword", "1234", "activationRepeat", "1234")
                .body())
        .contains("推測されやすい");
    assertThat(
            n.post(
                    "/branch/login/token",
                    "activationPassword",
                    "52749163",
                    "activationRepeat",
                    "52749160")
                .body())
        .contains("二つの利用開始パスワードが一致しません");
    WebClient.Page issued =
        n.post(
            "/branch/login/token",
            "activationPassword",
            UsedSecrets.add("52749163"),
            "activationRepeat",
            "52749163");
    var status = queries.status("staff", newcomer).status();
    assertThat(status.state()).isEqualTo(TokenState.ISSUED);
    assertThat(issued.body()).contains("id=\"user-id\">" + status.userId() + "<");
    assertThat(
            n.post(
                    "/branch/login/token",
                    "activationPassword",
                    "38261904",
                    "activationRepeat",
                    "38261904")
                .body())
        .as("once")
        .contains("いまは職員用トークンを発行できません");

    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(status.tokenId(), secret, "c", "p", Actor.SYSTEM);
    assertThat(n.post("/branch/login/code", "code", code(secret)).location()).isEqualTo("/branch/");
    assertThat(n.get("/branch/").body()).contains("承認待ちの依頼");

    assertThat(queries.auditTrail("staff", newcomer, 100).orElseThrow())
        .extracting(e -> e.event() + ":" + e.outcome() + ":" + e.actorId())
        .contains(
            "STAFF_REQUESTED:OK:" + adminA,
            "STAFF_REQUEST_APPROVED:OWN_REQUEST:" + adminA,
            "STAFF_CREATED:OK:" + adminB,
            "STAFF_REQUEST_APPROVED:OK:" + adminB,
            "STAFF_PASSWORD_CHANGED:OK:" + newcomer,
            "TOKEN_ISSUED:OK:" + newcomer);
  }

  @Test
  void requestWhenApprovedByTheStaffMemberConcernedThenRefused() {
    long id = file(adminA, StaffRequests.Action.CHANGE_ROLE, adminB, StaffRole.TELLER);
    assertThat(login(adminB).post("/branch/staff/requests/" + id + "/approve").body())
        .contains("自分のアカウントに関する依頼は");
    assertThat(staff.find(adminB).orElseThrow().role()).isEqualTo(StaffRole.ADMIN);
    assertThat(login(adminC).post("/branch/staff/requests/" + id + "/reject").body())
        .contains("依頼を却下しました");
    assertThat(staff.find(adminB).orElseThrow().role()).isEqualTo(StaffRole.ADMIN);
    assertThat(login(adminC).post("/branch/staff/requests/" + id + "/approve").body())
        .contains("すでに決裁されたか");
  }

  @Test
  void disableAndRoleChangeWhenApprovedThenLiveSessionsEndAtTheirNextRequest() {
    WebClient t = login(teller);
    WebClient s = login(supervisor);
    long disable = file(adminA, StaffRequests.Action.DISABLE, teller, null);
    assertThat(t.get("/branch/").status()).as("nothing before the approval").isEqualTo(200);
    login(adminB).post("/branch/staff/requests/" + disable + "/approve");
    assertThat(t.get("/branch/customers?q=x").location()).isEqualTo("/branch/login");
    WebClient again = new WebClient(port);
    again.get("/branch/login");
    assertThat(again.post("/branch/login", "loginId", teller, "password", password).body())
        .as("a disabled account does not log in")
        .contains("職員IDまたはパスワードが正しくありません");

    long enable = file(adminB, StaffRequests.Action.ENABLE, teller, null);
    login(adminC).post("/branch/staff/requests/" + enable + "/approve");
    assertThat(login(teller).get("/branch/").status()).isEqualTo(200);

    long demote = file(adminA, StaffRequests.Action.CHANGE_ROLE, supervisor, StaffRole.TELLER);
    assertThat(login(adminC).post("/branch/staff/requests/" + demote + "/approve").body())
        .contains("依頼を承認し、実行しました。");
    assertThat(s.get("/branch/").location()).isEqualTo("/branch/login");
    assertThat(staff.find(supervisor).orElseThrow().role()).isEqualTo(StaffRole.TELLER);
  }

  @Test
  void passwordResetWhenApprovedThenTheOldOneFailsTheLockIsClearedAndTheHalvesMustBeReplaced() {
    WebClient live = login(teller);
    for (int i = 0; i < 5; i++) {
      WebClient w = new WebClient(port);
      w.get("/branch/login");
      w.post("/branch/login", "loginId", teller, "password", "wrong-password-" + i);
    }
    assertThat(
            jdbc.sql("SELECT locked FROM staff WHERE login_id = ?")
                .param(teller)
                .query(Boolean.class)
                .single())
        .isTrue();
    WebClient a = login(adminA);
    WebClient.Page filed =
        a.post("/branch/staff/" + teller + "/requests", "action", "RESET_PASSWORD", "reason", "忘失");
    String first = half(filed);
    String second =
        half(login(adminB).post("/branch/staff/requests/" + requestId(filed) + "/approve"));
    assertThat(live.get("/branch/").location())
        .as("the live session must now give the new password")
        .isEqualTo("/branch/password");
    WebClient old = new WebClient(port);
    old.get("/branch/login");
    assertThat(old.post("/branch/login", "loginId", teller, "password", password).body())
        .contains("職員IDまたはパスワードが正しくありません");
    WebClient n = login(teller, first + second, secrets.get(teller));
    assertThat(n.get("/branch/").location()).isEqualTo("/branch/password");
    String own = UsedSecrets.add("own-pass-" + new SecureRandom().nextInt(1_000_000));
    assertThat(
            n.post("/branch/password", "current", first + second, "password", own, "repeat", own)
                .location())
        .isEqualTo("/branch/");
  }

  @Test
  void tokenResetWhenApprovedThenTheMemberIssuesTheirOwnWithTheirOwnActivationPassword() {
    long id = file(adminA, StaffRequests.Action.RESET_TOKEN, teller, null);
    assertThat(queries.status("staff", teller).status().state()).isEqualTo(TokenState.ACTIVE);
    login(adminB).post("/branch/staff/requests/" + id + "/approve");
    assertThat(queries.status("staff", teller).status().state()).isNotEqualTo(TokenState.ACTIVE);
    WebClient t = login(teller, password, null);
    WebClient.Page code = t.get("/branch/login/code");
    assertThat(code.body()).contains("利用開始パスワード（4～8桁）").doesNotContain("最初にご自身のパスワード");
    WebClient.Page issued =
        t.post(
            "/branch/login/token",
            "activationPassword",
            UsedSecrets.add("70394815"),
            "activationRepeat",
            "70394815");
    var status = queries.status("staff", teller).status();
    assertThat(status.state()).isEqualTo(TokenState.ISSUED);
    assertThat(issued.body()).contains(status.userId());

    // Without an approved request, a member whose token ended cannot issue one.
    lifecycle.reset("staff", supervisor, true, Actor.SYSTEM);
    WebClient s = login(supervisor, password, null);
    assertThat(s.get("/branch/login/code").body())
        .contains("利用できる職員用トークンがないため")
        .doesNotContain("利用開始パスワード（4～8桁）");
    assertThat(
            s.post(
                    "/branch/login/token",
                    "activationPassword",
                    "70394815",
                    "activationRepeat",
                    "70394815")
                .body())
        .contains("いまは職員用トークンを発行できません");
    assertThat(queries.status("staff", supervisor).status().state())
        .isNotEqualTo(TokenState.ISSUED);
  }

  @Test
  void approvalWhenEightAtOnceByTwoAdministratorsThenAppliedOnce() throws Exception {
    long id = file(adminA, StaffRequests.Action.DISABLE, teller, null);
    StaffMember b = staff.find(adminB).orElseThrow();
    StaffMember c = staff.find(adminC).orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<StaffRequests.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      StaffMember by = i % 2 == 0 ? b : c;
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return requests.approve(by, id, "127.0.0.1");
              }));
    }
    go.countDown();
    int done = 0;
    for (Future<StaffRequests.Answer> f : answers) {
      StaffRequests.Answer a = f.get();
      if (a.done()) {
        done++;
        assertThat(a.outcome()).isEqualTo("OK");
      } else {
        assertThat(a.refusal()).isEqualTo(StaffRequests.Refusal.NOT_PENDING);
      }
    }
    pool.shutdown();
    assertThat(done).isEqualTo(1);
    assertThat(staff.find(teller)).isEmpty();
  }

  @Test
  void hostApprovalWhenOnlyTheOneAdministratorsRequestForASecondThenAllowedElseRefused() {
    StaffMember a = staff.find(adminA).orElseThrow();
    var draft =
        new StaffRequests.Draft(
            StaffRequests.Action.CREATE,
            "host" + adminA.substring(4),
            "二人目 管理",
            StaffRole.ADMIN,
            "本店",
            "second@staff.example.jp",
            "二人目の管理者");
    StaffRequests.Answer filed = requests.file(a, draft, "127.0.0.1");
    assertThat(requests.approveOnHost(filed.id()).refusal())
        .as("other administrators exist: they decide")
        .isEqualTo(StaffRequests.Refusal.NOT_FOR_HOST);
    List<String> others =
        jdbc.sql(
                "SELECT login_id FROM staff WHERE role = 'ADMIN' AND active = TRUE AND login_id <> ?")
            .param(adminA)
            .query(String.class)
            .list();
    jdbc.sql("UPDATE staff SET active = FALSE WHERE role = 'ADMIN' AND login_id <> ?")
        .param(adminA)
        .update();
    try {
      var teller2 =
          requests.file(
              a,
              new StaffRequests.Draft(
                  StaffRequests.Action.CREATE,
                  "hostt" + adminA.substring(4),
                  "窓口",
                  StaffRole.TELLER,
                  "本店",
                  "t@staff.example.jp",
                  "窓口"),
              "127.0.0.1");
      assertThat(requests.approveOnHost(teller2.id()).refusal())
          .as("only a second administrator")
          .isEqualTo(StaffRequests.Refusal.NOT_FOR_HOST);
      StaffRequests.Answer approved = requests.approveOnHost(filed.id());
      assertThat(approved.done()).isTrue();
      assertThat(approved.passwordHalf()).isPresent();
      assertThat(requests.find(filed.id()).orElseThrow().decidedBy()).isEqualTo("(host)");
      assertThat(staff.find(draft.loginId()).orElseThrow().role()).isEqualTo(StaffRole.ADMIN);
      assertThat(requests.approveOnHost(filed.id()).refusal())
          .isIn(StaffRequests.Refusal.NOT_FOR_HOST, StaffRequests.Refusal.NOT_PENDING);
    } finally {
      for (String o : others) {
        jdbc.sql("UPDATE staff SET active = TRUE WHERE login_id = ?").param(o).update();
      }
    }
  }

  @Test
  void requestWhenUndecidedPastItsLifetimeThenExpiredAndNothingChanges() {
    long id = file(adminA, StaffRequests.Action.DISABLE, teller, null);
    clock.advance(Duration.ofHours(9));
    assertThat(requests.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(requests.find(id).orElseThrow().status()).isEqualTo(StaffRequests.Status.EXPIRED);
    StaffMember b = staff.find(adminB).orElseThrow();
    assertThat(requests.approve(b, id, "127.0.0.1").refusal())
        .isEqualTo(StaffRequests.Refusal.NOT_PENDING);
    assertThat(staff.find(teller)).isPresent();
  }

  long file(String by, StaffRequests.Action action, String loginId, StaffRole role) {
    StaffRequests.Answer a =
        requests.file(
            staff.find(by).orElseThrow(),
            new StaffRequests.Draft(action, loginId, null, role, null, null, "テスト"),
            "127.0.0.1");
    assertThat(a.done()).isTrue();
    return a.id();
  }
}

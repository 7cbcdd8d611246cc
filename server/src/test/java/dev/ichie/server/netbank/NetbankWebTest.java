package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Web banking over HTTP: CSRF, session renewal, full-width digits, bad input, lockouts. */
@ServerTest
class NetbankWebTest {

  static final AtomicInteger IDS = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  String id;
  String loginId;
  final String password = UsedSecrets.add("login-pass-" + new SecureRandom().nextInt(1_000_000));
  final String confirm = UsedSecrets.add("confirm-" + new SecureRandom().nextInt(1_000_000));
  WebClient web;

  @BeforeEach
  void customer() {
    clock.set(TestConfig.START);
    int n = IDS.incrementAndGet();
    id = "W" + (System.nanoTime() % 100_000) + n;
    loginId = "web" + id.toLowerCase();
    customers.create(
        id, loginId, "試験 太郎", password, confirm, "9" + String.format("%06d", n), 500_000);
    web = new WebClient(port);
  }

  WebClient.Page login() {
    web.get("/netbank/login");
    return web.post("/netbank/login", "loginId", loginId, "password", password);
  }

  /** An active token for the customer; returns its secret. */
  Secret activeToken() {
    var o =
        issuance.issue(
            "demo", id, "web@example.jp", "50738291", new Actor(Actor.Type.CUSTOMER, id, null));
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(o.status().tokenId(), secret, "c", "p", Actor.SYSTEM);
    Totp totp = new Totp(TotpParameters.DEFAULT);
    assertThat(
            codes
                .startUse("demo", id, totp.generate(secret, clock.instant()), Actor.SYSTEM)
                .result())
        .isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  @Test
  void loginWhenRightPasswordAndNoTokenThenTopPage() {
    WebClient.Page top = login();
    assertThat(top.location()).isEqualTo("/netbank/");
    assertThat(top.body()).contains("500,000円").contains("ワンタイムパスワード申請");
  }

  @Test
  void loginWhenHashHasWeakerParametersThenStillRightAndHashedAgainAtOwaspMinimum() {
    String old =
        org.springframework.security.crypto.argon2.Argon2PasswordEncoder
            .defaultsForSpringSecurity_v5_8()
            .encode(password);
    assertThat(old).contains("$m=16384,t=2,p=1$");
    jdbc.sql("UPDATE bank_customer SET login_password_hash = ? WHERE id = ?")
        .params(old, id)
        .update();
    assertThat(login().location()).isEqualTo("/netbank/");
    String now =
        jdbc.sql("SELECT login_password_hash FROM bank_customer WHERE id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(now).startsWith("$argon2id$").contains("$m=19456,t=2,p=1$");
    web = new WebClient(port);
    assertThat(login().location())
        .as("the new hash takes the same password")
        .isEqualTo("/netbank/");
    assertThat(
            jdbc.sql("SELECT confirm_password_hash FROM bank_customer WHERE id = ?")
                .param(id)
                .query(String.class)
                .single())
        .as("new customers get today's parameters")
        .contains("$m=19456,t=2,p=1$");
  }

  @Test
  void formWhenPostedWithoutCsrfTokenThenRefused() {
    web.get("/netbank/login");
    WebClient.Page refused =
        web.postForm("/netbank/login", Map.of("loginId", loginId, "password", password));
    assertThat(refused.status()).isEqualTo(403);
    login();
    WebClient.Page transfer =
        web.postForm(
            "/netbank/transfer",
            Map.of(
                "payeeBank",
                "x",
                "payeeBranch",
                "本店",
                "payeeAccountType",
                "ORDINARY",
                "payeeNumber",
                "1234567",
                "payeeName",
                "x",
                "amount",
                "1"));
    assertThat(transfer.status()).isEqualTo(403);
    assertThat(customers.accounts(id).get(0).balance()).isEqualTo(500_000);
  }

  @Test
  void sessionWhenLoggedInThenCookieFromBeforeLoginIsNotValid() {
    web.get("/netbank/login");
    String before = web.sessionCookie();
    assertThat(before).isNotNull();
    assertThat(login().location()).isEqualTo("/netbank/");
    assertThat(web.sessionCookie()).isNotEqualTo(before);

    WebClient attacker = new WebClient(port);
    attacker.setSessionCookie(before);
    assertThat(attacker.get("/netbank/").location()).isEqualTo("/netbank/login");
  }

  @Test
  void loginWhenTokenActiveThenCodeScreenAndSessionRenewedAgain() {
    Secret secret = activeToken();
    web.get("/netbank/login");
    WebClient.Page otp = web.post("/netbank/login", "loginId", loginId, "password", password);
    assertThat(otp.location()).isEqualTo("/netbank/login/otp");
    String between = web.sessionCookie();
    assertThat(web.get("/netbank/").location()).as("not logged in yet").isEqualTo("/netbank/login");
    String code =
        UsedSecrets.add(new Totp(TotpParameters.DEFAULT).generate(secret, clock.instant()));
    WebClient.Page top = web.post("/netbank/login/otp", "code", fullWidth(code));
    assertThat(top.location()).isEqualTo("/netbank/");
    assertThat(web.sessionCookie()).isNotEqualTo(between);
  }

  @Test
  void loginWhenCodeTypedAsTheAppShowsItThenTakenAndDeactivationNeedsOnlyTheConfirmPassword() {
    Secret secret = activeToken();
    web.get("/netbank/login");
    assertThat(web.post("/netbank/login", "loginId", loginId, "password", password).location())
        .isEqualTo("/netbank/login/otp");
    String code =
        UsedSecrets.add(new Totp(TotpParameters.DEFAULT).generate(secret, clock.instant()));
    WebClient.Page top =
        web.post("/netbank/login/otp", "code", code.substring(0, 3) + " " + code.substring(3));
    assertThat(top.location()).as("'123 456' is the code 123456").isEqualTo("/netbank/");
    // F6 as the seed has it: the session passed the code at login; the 確認用パスワード confirms.
    web.get("/netbank/otp/deactivate");
    WebClient.Page done = web.post("/netbank/otp/deactivate", "confirmPassword", confirm);
    assertThat(done.location()).isEqualTo("/netbank/otp");
    assertThat(queries.status("demo", id).status().state()).isNull();
  }

  @Test
  void loginWhenSecondStepPostedAgainAfterSuccessThenNotLoggedInTwice() {
    Secret secret = activeToken();
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", password);
    // A second browser tab of the same pending login: the challenge is answered once.
    WebClient.Page otpPage = web.get("/netbank/login/otp");
    assertThat(otpPage.status()).isEqualTo(200);
    String code =
        UsedSecrets.add(new Totp(TotpParameters.DEFAULT).generate(secret, clock.instant()));
    assertThat(web.post("/netbank/login/otp", "code", code).location()).isEqualTo("/netbank/");
    clock.advance(Duration.ofSeconds(30));
    web.get("/netbank/");
    String next =
        UsedSecrets.add(new Totp(TotpParameters.DEFAULT).generate(secret, clock.instant()));
    assertThat(web.post("/netbank/login/otp", "code", next).location())
        .as("no pending login is left to answer")
        .isEqualTo("/netbank/login");
  }

  @Test
  void loginWhenFiveWrongCodesThenTokenLockedAndBranchNamed() {
    Secret secret = activeToken();
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", password);
    String right = new Totp(TotpParameters.DEFAULT).generate(secret, clock.instant());
    WebClient.Page page = null;
    for (int i = 0; i < 5; i++) {
      String wrong = right.equals("000000") ? "111111" : "000000";
      page = web.post("/netbank/login/otp", "code", wrong);
    }
    assertThat(page.body()).contains("お取引口座のある支店までご連絡ください");
    assertThat(queries.status("demo", id).status().state()).isEqualTo(TokenState.LOCKED);
    web.get("/netbank/login");
    WebClient.Page again = web.post("/netbank/login", "loginId", loginId, "password", password);
    assertThat(again.body()).contains("お取引口座のある支店までご連絡ください");
  }

  @Test
  void loginWhenFiveWrongPasswordsThenLoginLockedNotToken() {
    activeToken();
    web.get("/netbank/login");
    WebClient.Page page = null;
    for (int i = 0; i < 5; i++) {
      page = web.post("/netbank/login", "loginId", loginId, "password", "wrong-" + i);
    }
    assertThat(page.body()).contains("ログインパスワードを規定回数以上間違えたため");
    WebClient.Page right = web.post("/netbank/login", "loginId", loginId, "password", password);
    assertThat(right.location()).isEqualTo("/netbank/login");
    assertThat(right.body()).contains("お取引口座のある支店までご連絡ください");
    assertThat(queries.status("demo", id).status().state()).isEqualTo(TokenState.ACTIVE);
  }

  @Test
  void issueWhenFullWidthActivationPasswordThenTakenAsDigits() {
    login();
    web.get("/netbank/otp/issue");
    WebClient.Page issued =
        web.post(
            "/netbank/otp/issue",
            "mobileMail",
            "web@example.jp",
            "activationPassword",
            "５０７３８２９１",
            "confirmPassword",
            confirm);
    assertThat(issued.location()).isEqualTo("/netbank/otp/issued");
    assertThat(issued.body()).contains("id=\"user-id\"");
    assertThat(queries.status("demo", id).status().state()).isEqualTo(TokenState.ISSUED);
    assertThat(web.get("/netbank/otp").body()).contains("残り回数：5回");
  }

  @Test
  void formsWhenBadInputThenClearMessageInPageLanguageAndNothingEchoedUnescaped() {
    String script = "<script>alert(1)</script>";
    web.get("/netbank/login");
    WebClient.Page loginPage = web.post("/netbank/login", "loginId", script, "password", "x");
    assertThat(loginPage.status()).isEqualTo(200);
    assertThat(loginPage.body()).doesNotContain(script).contains("ログインIDまたはログインパスワードが正しくありません");
    assertThat(web.post("/netbank/login", "loginId", "", "password", "").body())
        .contains("ログインIDとログインパスワードを入力してください");
    assertThat(web.post("/netbank/login", "loginId", "x".repeat(500), "password", "x").status())
        .isEqualTo(200);

    login();
    record Case(String[] fields, String message) {}
    web.get("/netbank/otp/issue");
    List<Case> issue =
        List.of(
            new Case(
                new String[] {"mobileMail", "", "activationPassword", "", "confirmPassword", ""},
                "すべての項目を入力してください"),
            new Case(
                new String[] {
                  "mobileMail", script, "activationPassword", "50738291", "confirmPassword", confirm
                },
                "携帯電話メールアドレスが正しくありません"),
            new Case(
                new String[] {
                  "mobileMail", "a@b.jp", "activationPassword", "12ab", "confirmPassword", confirm
                },
                "利用開始パスワードは4～8桁の数字です"),
            new Case(
                new String[] {
                  "mobileMail",
                  "a@b.jp",
                  "activationPassword",
                  "123456789",
                  "confirmPassword",
                  confirm
                },
                "利用開始パスワードは4～8桁の数字です"),
            new Case(
                new String[] {
                  "mobileMail", "a@b.jp", "activationPassword", "１２３４", "confirmPassword", confirm
                },
                "推測されやすい"),
            new Case(
                new String[] {
                  "mobileMail",
                  "a@b.jp",
                  "activationPassword",
                  "50738291",
                  "confirmPassword",
                  "wrong"
                },
                "確認用パスワードが正しくありません"));
    for (Case c : issue) {
      WebClient.Page p = web.post("/netbank/otp/issue", c.fields());
      assertThat(p.status()).isEqualTo(200);
      assertThat(p.body()).contains(c.message()).doesNotContain(script);
    }
    assertThat(queries.status("demo", id).result())
        .as("nothing issued")
        .isEqualTo(Result.NOT_FOUND);

    web.get("/netbank/transfer?lang=en");
    List<Case> transfer =
        List.of(
            new Case(
                new String[] {
                  "payeeBank",
                  "",
                  "payeeBranch",
                  "本店",
                  "payeeAccountType",
                  "ORDINARY",
                  "payeeNumber",
                  "",
                  "payeeName",
                  "",
                  "amount",
                  "",
                  "confirmPassword",
                  ""
                },
                "Fill in every field."),
            new Case(
                new String[] {
                  "payeeBank",
                  "Bank",
                  "payeeBranch",
                  "本店",
                  "payeeAccountType",
                  "ORDINARY",
                  "payeeNumber",
                  "12",
                  "payeeName",
                  script,
                  "amount",
                  "100",
                  "confirmPassword",
                  confirm
                },
                "The payee account number is 7 digits."),
            new Case(
                new String[] {
                  "payeeBank",
                  "Bank",
                  "payeeBranch",
                  "本店",
                  "payeeAccountType",
                  "ORDINARY",
                  "payeeNumber",
                  "1234567",
                  "payeeName",
                  script,
                  "amount",
                  "abc",
                  "confirmPassword",
                  confirm
                },
                "The amount is a whole number of yen"),
            new Case(
                new String[] {
                  "payeeBank",
                  "Bank",
                  "payeeBranch",
                  "本店",
                  "payeeAccountType",
                  "ORDINARY",
                  "payeeNumber",
                  "1234567",
                  "payeeName",
                  "x".repeat(61),
                  "amount",
                  "100",
                  "confirmPassword",
                  confirm
                },
                "The payee bank, branch or name is not valid"),
            new Case(
                new String[] {
                  "payeeBank",
                  "Bank",
                  "payeeBranch",
                  "本店",
                  "payeeAccountType",
                  "ORDINARY",
                  "payeeNumber",
                  "1234567",
                  "payeeName",
                  "Name",
                  "amount",
                  "99999999999",
                  "confirmPassword",
                  confirm
                },
                "The amount is a whole number of yen"));
    for (Case c : transfer) {
      WebClient.Page p = web.post("/netbank/transfer", c.fields());
      assertThat(p.status()).isEqualTo(200);
      assertThat(p.body()).contains(c.message()).doesNotContain(script);
    }
    WebClient.Page escaped =
        web.post(
            "/netbank/transfer",
            "payeeBank",
            "Bank",
            "payeeBranch",
            "本店",
            "payeeAccountType",
            "ORDINARY",
            "payeeNumber",
            "12",
            "payeeName",
            script,
            "amount",
            "1",
            "confirmPassword",
            confirm);
    assertThat(escaped.body()).contains("&lt;script&gt;");
    assertThat(customers.accounts(id).get(0).balance()).isEqualTo(500_000);
  }

  @Test
  void transferWhenSubmittedTwiceThenMovesOnce() {
    login();
    WebClient.Page form = web.get("/netbank/transfer");
    String key = form.body().replaceAll("(?s).*name=\"requestKey\" value=\"([^\"]+)\".*", "$1");
    String[] fields = {
      "requestKey",
      key,
      "accountId",
      customers.accounts(id).get(0).id(),
      "payeeBank",
      "いちえ銀行 本店",
      "payeeBranch",
      "本店",
      "payeeAccountType",
      "ORDINARY",
      "payeeNumber",
      "１２３４５６７",
      "payeeName",
      "ヤマダ ハナコ",
      "amount",
      "１２,０００",
      "confirmPassword",
      confirm
    };
    WebClient.Page done = web.post("/netbank/transfer", fields);
    assertThat(done.location()).isEqualTo("/netbank/transfer/done");
    assertThat(done.body()).contains("12,000円");
    web.post("/netbank/transfer", fields);
    assertThat(customers.accounts(id).get(0).balance()).isEqualTo(488_000);
  }

  @Test
  void transferWhenTokenActiveThenCodeRequired() {
    Secret secret = activeToken();
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", password);
    Totp totp = new Totp(TotpParameters.DEFAULT);
    web.post("/netbank/login/otp", "code", UsedSecrets.add(totp.generate(secret, clock.instant())));
    clock.advance(Duration.ofSeconds(30));
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body()).contains("id=\"code\"");
    String key = form.body().replaceAll("(?s).*name=\"requestKey\" value=\"([^\"]+)\".*", "$1");
    String account = customers.accounts(id).get(0).id();
    WebClient.Page noCode =
        web.post(
            "/netbank/transfer",
            "requestKey",
            key,
            "accountId",
            account,
            "payeeBank",
            "B",
            "payeeBranch",
            "本店",
            "payeeAccountType",
            "ORDINARY",
            "payeeNumber",
            "1234567",
            "payeeName",
            "N",
            "amount",
            "1000",
            "confirmPassword",
            confirm,
            "code",
            "");
    assertThat(noCode.body()).contains("ワンタイムパスワードを入力してください");
    assertThat(customers.accounts(id).get(0).balance()).isEqualTo(500_000);
    WebClient.Page withCode =
        web.post(
            "/netbank/transfer",
            "requestKey",
            key,
            "accountId",
            account,
            "payeeBank",
            "B",
            "payeeBranch",
            "本店",
            "payeeAccountType",
            "ORDINARY",
            "payeeNumber",
            "1234567",
            "payeeName",
            "N",
            "amount",
            "1000",
            "confirmPassword",
            confirm,
            "code",
            UsedSecrets.add(totp.generate(secret, clock.instant())));
    assertThat(withCode.location()).isEqualTo("/netbank/transfer/done");
    assertThat(customers.accounts(id).get(0).balance()).isEqualTo(499_000);
  }

  static String fullWidth(String digits) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) {
      sb.append((char) ('０' + (c - '0')));
    }
    return sb.toString();
  }
}

package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ichie.browser.Browser;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.activation.TokenApp;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Web banking in headless Chromium, clicked through by the labels a customer reads: F1 (with the
 * mail arriving at a real SMTP server), F2 (the activation library's app role over HTTP, with the
 * IDs read off the completion page), F3, login with the code (F4), a transfer with and without the
 * code (F5), deactivation (F6) and the next-day rule of a new issuance (F7); once in Japanese (the
 * seed's labels; these screenshots are the README's) and once in English. Then the two lockouts at
 * login: wrong codes lock the token, wrong login passwords lock the login only.
 *
 * <p>{@code -Dichie.screenshots=true} writes the Japanese run's screenshots to docs/images; they
 * always go to target/screenshots.
 */
@ServerTest
@TestPropertySource(
    properties = {
      "ichie.netbank.demo-customers=true",
      "ichie.mail.poll-interval=500ms",
      "ichie.mail.download-url=" + NetbankBrowserTest.DOWNLOAD_URL
    })
class NetbankBrowserTest {

  static final String DOWNLOAD_URL = "https://bank.example/ichie/app/";
  static final Duration STEP = Duration.ofSeconds(30);

  /** A real SMTP server on a free loopback port; the server sends its mails there. */
  static final GreenMail SMTP =
      new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private static boolean smtpStarted;

  @DynamicPropertySource
  static synchronized void smtp(DynamicPropertyRegistry registry) {
    if (!smtpStarted) {
      SMTP.start();
      smtpStarted = true;
    }
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @AfterAll
  static synchronized void stopSmtp() {
    if (smtpStarted) {
      SMTP.stop();
      smtpStarted = false;
    }
  }

  /** A web-banking customer and what they type. */
  record Customer(
      String id,
      String loginId,
      String loginPassword,
      String confirmPassword,
      String accountId,
      long balance,
      String mobileMail) {}

  /** The demo customers of README.md. */
  static final Customer TARO =
      new Customer(
          "NB0001",
          "taro",
          "taro-pass-2026",
          "taro-kakunin",
          "1234567",
          1_250_000,
          "taro@mobile.example.jp");

  static final Customer HANAKO =
      new Customer(
          "NB0002",
          "hanako",
          "hanako-pass-2026",
          "hanako-kakunin",
          "7654321",
          830_000,
          "hanako@mobile.example.jp");

  static final Actor BANK = new Actor(Actor.Type.API_CLIENT, "test", null);

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired TokenIssuance issuance;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired BankCustomers customers;

  final Totp totp = new Totp(TotpParameters.DEFAULT);

  @Test
  void webBankingInJapaneseWhenClickedThroughBySeedLabelsThenF1ToF7WorkAndScreenshotsAreTaken()
      throws Exception {
    walkThrough(Ui.JA, TARO, "58203716", "40917352");
  }

  @Test
  void webBankingInEnglishWhenClickedThroughByEnglishLabelsThenF1ToF7Work() throws Exception {
    walkThrough(Ui.EN, HANAKO, "73019468", "26481937");
  }

  @Test
  void loginWhenFiveWrongCodesThenTokenLockedAndTheBranchToContact() throws Exception {
    Customer c = newCustomer("lock-otp");
    Secret secret = activeToken(c);
    Ui ui = Ui.JA;
    try (Browser b = Browser.start(port, "ja")) {
      b.open("/netbank/login");
      login(b, ui, c);
      b.waitFor(ui.t("loginOtp.title"));
      String right = code(secret);
      for (int i = 1; i <= 4; i++) {
        b.type(ui.t("otp.code"), wrongCode(secret)).clickButton(ui.t("action.execute"));
        String page = b.waitForText(ui.f("otp.failuresLeft", 5 - i));
        assertThat(page).contains(ui.t("otp.error.wrong"));
        assertThat(b.heading()).isEqualTo(ui.t("loginOtp.title"));
      }
      b.type(ui.t("otp.code"), wrongCode(secret)).clickButton(ui.t("action.execute"));
      String locked = b.waitFor(ui.t("login.title"));
      assertThat(locked).contains(ui.t("login.error.tokenLocked")).contains("お取引口座のある支店までご連絡ください");
      assertThat(state(c)).isEqualTo(TokenState.LOCKED);
      b.screenshot("netbank-lock-otp", false);

      // The right code does not help now, nor does logging in again.
      assertThat(codes.verify("demo", c.id(), right, BANK).result()).isEqualTo(Result.LOCKED);
      login(b, ui, c);
      assertThat(b.waitForText(ui.t("login.error.tokenLocked"))).contains("支店までご連絡ください");
      assertThat(b.heading()).isEqualTo(ui.t("login.title"));
      assertThat(loggedIn(b)).isFalse();
    }
  }

  @Test
  void loginWhenFiveWrongPasswordsThenLoginLockedButTokenStaysActive() throws Exception {
    Customer c = newCustomer("lock-pw");
    activeToken(c);
    Ui ui = Ui.JA;
    try (Browser b = Browser.start(port, "ja")) {
      b.open("/netbank/login");
      for (int i = 1; i <= 4; i++) {
        b.type(ui.t("login.loginId"), c.loginId())
            .type(ui.t("login.password"), UsedSecrets.add(c.loginPassword() + "-wrong" + i))
            .clickButton(ui.t("login.submit"));
        assertThat(b.waitForText(ui.t("login.error.wrong"))).doesNotContain("支店");
      }
      b.type(ui.t("login.loginId"), c.loginId())
          .type(ui.t("login.password"), UsedSecrets.add(c.loginPassword() + "-wrong5"))
          .clickButton(ui.t("login.submit"));
      assertThat(b.waitForText(ui.t("login.error.locked"))).contains("お取引口座のある支店までご連絡ください");
      b.screenshot("netbank-lock-login", false);

      // Locked: even the right password is refused, and the second screen never comes.
      login(b, ui, c);
      assertThat(b.waitForText(ui.t("login.error.locked"))).isNotEmpty();
      assertThat(b.heading()).isEqualTo(ui.t("login.title"));
      assertThat(b.path()).startsWith("/netbank/login");
    }
    var status = queries.status("demo", c.id()).status();
    assertThat(status.state()).as("the token is not locked").isEqualTo(TokenState.ACTIVE);
    assertThat(status.failuresLeft()).as("no code was counted").isEqualTo(5);
  }

  // ---------------------------------------------------------------------------------------------

  /** F1 to F7 in the browser, by the labels of {@code ui}. */
  private void walkThrough(Ui ui, Customer c, String activation, String nextActivation)
      throws Exception {
    UsedSecrets.add(c.loginPassword());
    UsedSecrets.add(c.confirmPassword());
    UsedSecrets.add(activation);
    UsedSecrets.add(nextActivation);
    boolean docs = "ja".equals(ui.lang());
    String prefix = docs ? "netbank-" : "netbank-en-";
    clock.set(TestConfig.START);
    try (Browser b = Browser.start(port, "ja")) {
      // Log in (the English run switches the language on the login page and keeps it).
      b.open("ja".equals(ui.lang()) ? "/netbank/login" : "/netbank/login?lang=en");
      b.waitFor(ui.t("login.title"));
      assertThat(b.script("return [window.innerWidth, document.documentElement.scrollWidth];"))
          .as("a phone's width, and nothing wider")
          .isEqualTo(List.of((long) Browser.WIDTH, (long) Browser.WIDTH));
      b.screenshot(prefix + "01-login", docs);
      login(b, ui, c);
      assertThat(b.waitFor(ui.t("top.title"))).contains(ui.money(c.balance()));
      b.screenshot(prefix + "02-top", docs);

      // F1: 「ワンタイムパスワード申請」 → 「トークン発行」 → the form → the IDs.
      b.clickLink(ui.t("top.otp"));
      b.waitFor(ui.t("otp.title"));
      assertThat(b.text("token-state")).isEqualTo(ui.t("otp.state.NONE"));
      assertThat(b.hasLink(ui.t("otp.action.start"))).isFalse();
      b.screenshot(prefix + "03-otp", docs);
      b.clickLink(ui.t("otp.action.issue"));
      b.waitFor(ui.t("issue.title"));
      b.type(ui.t("issue.mobileMail"), c.mobileMail())
          .type(ui.t("issue.activationPassword"), activation)
          .type(ui.t("confirm.password"), c.confirmPassword());
      b.screenshot(prefix + "04-issue", docs);
      b.clickButton(ui.t("issue.submit"));
      b.waitFor(ui.t("issued.title"));
      String serviceId = b.definition(ui.t("issued.serviceId"));
      String userId = b.definition(ui.t("issued.userId"));
      assertThat(serviceId).isEqualTo("demo");
      assertThat(userId).isEqualTo(queries.status("demo", c.id()).status().userId());
      b.screenshot(prefix + "05-issued", docs);

      // The mail at the SMTP server: download link and service ID, never the activation password.
      MimeMessage mail = mailTo(c.mobileMail(), ui.f("mail.issued.subject", bank(ui)), 1);
      String body = body(mail);
      assertThat(body)
          .startsWith(ui.f("mail.issued.body", bank(ui), "demo", DOWNLOAD_URL))
          .contains(DOWNLOAD_URL)
          .contains(docs ? "サービスID：demo" : "Service ID: demo")
          .doesNotContain(activation)
          .doesNotContain(c.confirmPassword())
          .doesNotContain("/netbank");

      // F2: the token app, with the IDs of the completion page; a wrong password first.
      b.clickLink(ui.t("top.otp"));
      b.waitFor(ui.t("otp.title"));
      assertThat(b.text("token-state")).isEqualTo(ui.t("otp.state.ISSUED"));
      assertThat(b.text("attempts-left")).isEqualTo(ui.f("otp.issued.attemptsLeft", 5));
      TokenApp app = new TokenApp(new Http(port));
      String wrongActivation = new StringBuilder(activation).reverse().toString();
      TokenApp.Run wrong = app.activate(serviceId, userId, UsedSecrets.add(wrongActivation));
      assertThat(wrong.secret()).as("a wrong activation password gives no secret").isNull();
      b.reload();
      b.waitFor(ui.t("otp.title"));
      assertThat(b.text("attempts-left")).isEqualTo(ui.f("otp.issued.attemptsLeft", 4));
      b.screenshot(prefix + "06-otp-issued", docs);
      TokenApp.Run run = app.activate(serviceId, userId, activation);
      assertThat(run.m2Verified()).as("the app verified the server").isTrue();
      Secret secret = Secret.of(run.secret());
      b.reload();
      b.waitFor(ui.t("otp.title"));
      assertThat(b.text("token-state")).isEqualTo(ui.t("otp.state.ACTIVATED"));
      b.screenshot(prefix + "07-otp-activated", docs);

      // F3: 「ワンタイムパスワード利用開始」 → the code → 「実行」.
      b.clickLink(ui.t("otp.action.start"));
      b.waitFor(ui.t("start.title"));
      b.type(ui.t("otp.code"), code(secret));
      b.screenshot(prefix + "08-start", docs);
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitFor(ui.t("otp.title"))).contains(ui.t("start.done"));
      assertThat(b.text("token-state")).isEqualTo(ui.t("otp.state.ACTIVE"));
      assertThat(state(c)).isEqualTo(TokenState.ACTIVE);
      b.screenshot(prefix + "09-otp-active", docs);

      // F4: log out; the login now asks for the code.
      b.clickButton(ui.t("header.logout"));
      assertThat(b.waitFor(ui.t("login.title"))).contains(ui.t("login.loggedOut"));
      login(b, ui, c);
      assertThat(b.waitFor(ui.t("loginOtp.title"))).contains(ui.t("loginOtp.intro"));
      clock.advance(STEP);
      b.type(ui.t("otp.code"), code(secret));
      b.screenshot(prefix + "10-login-otp", docs);
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitFor(ui.t("top.title"))).contains(ui.t("top.otpActive"));
      b.screenshot(prefix + "11-top-otp-active", docs);

      // F5: a transfer with 確認用パスワード and the code; the balance moves.
      long after = c.balance() - 30_000;
      b.clickLink(ui.t("top.transfer"));
      b.waitFor(ui.t("transfer.title"));
      fillTransfer(b, ui, c);
      clock.advance(STEP);
      b.type(ui.t("otp.code"), code(secret));
      b.screenshot(prefix + "12-transfer", docs);
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitFor(ui.t("transferDone.title"))).contains(ui.money(after));
      assertThat(b.text("transfer-done"))
          .isEqualTo(
              ui.f(
                  "transferDone.text",
                  PAYEE_BANK + " " + PAYEE_BRANCH,
                  "7000123",
                  PAYEE_NAME,
                  "30,000"));
      assertThat(balance(c)).isEqualTo(after);
      b.screenshot(prefix + "13-transfer-done", docs);

      // F5 without the code: the form requires it; sent empty anyway, the server refuses.
      b.clickLink(ui.t("action.back"));
      b.waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.transfer"));
      b.waitFor(ui.t("transfer.title"));
      fillTransfer(b, ui, c);
      b.pressButton(ui.t("action.execute"));
      assertThat(b.script("return arguments[0].validity.valueMissing", b.field(ui.t("otp.code"))))
          .as("the browser holds the form back: the code is required")
          .isEqualTo(Boolean.TRUE);
      assertThat(b.driver().findElements(By.cssSelector(".error"))).isEmpty();
      b.script("arguments[0].removeAttribute('required')", b.field(ui.t("otp.code")));
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitForText(ui.t("otp.error.empty"))).contains(ui.t("transfer.title"));
      assertThat(balance(c)).as("no money moved").isEqualTo(after);
      assertThat(b.field(ui.t("transfer.payeeName")).getDomProperty("value"))
          .as("the form keeps what was typed")
          .isEqualTo(PAYEE_NAME);
      b.screenshot(prefix + "14-transfer-no-code", docs);

      // F6: 「ワンタイムパスワード利用解除」 with 確認用パスワード → 「実行」.
      b.clickLink(ui.t("action.back"));
      b.waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.otp"));
      b.waitFor(ui.t("otp.title"));
      b.clickLink(ui.t("otp.action.deactivate"));
      b.waitFor(ui.t("deactivate.title"));
      b.type(ui.t("confirm.password"), c.confirmPassword());
      b.screenshot(prefix + "15-deactivate", docs);
      b.clickButton(ui.t("action.execute"));
      String deactivated = b.waitFor(ui.t("otp.title"));
      assertThat(deactivated).contains(ui.t("deactivate.done"));
      assertThat(
              Pattern.compile(Pattern.quote(ui.f("otp.reissueFrom", nextDay())))
                  .matcher(deactivated)
                  .results()
                  .count())
          .as("the next-day rule, said once")
          .isEqualTo(1);
      assertThat(b.text("token-state")).isEqualTo(ui.t("otp.state.NONE"));
      assertThat(state(c)).as("no open token").isNull();
      b.screenshot(prefix + "16-otp-deactivated", docs);

      // F7: a new token the same day is not offered, and refused when asked by its address.
      assertThat(b.hasLink(ui.t("otp.action.issue"))).as("not offered the same day").isFalse();
      b.open("/netbank/otp/issue");
      assertThat(b.waitForText(ui.t("issue.error.REISSUE_NOT_YET")))
          .contains(ui.f("otp.reissueFrom", nextDay()));
      b.screenshot(prefix + "17-reissue-refused", docs);
      assertThat(state(c)).isNull();

      // The next day (00:00 Tokyo has passed) it is allowed.
      b.clickButton(ui.t("header.logout"));
      b.waitFor(ui.t("login.title"));
      clock.set(Instant.parse("2026-11-26T15:00:10Z"));
      login(b, ui, c);
      b.waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.otp"));
      b.waitFor(ui.t("otp.title"));
      b.clickLink(ui.t("otp.action.issue"));
      b.waitFor(ui.t("issue.title"));
      b.type(ui.t("issue.mobileMail"), c.mobileMail())
          .type(ui.t("issue.activationPassword"), nextActivation)
          .type(ui.t("confirm.password"), c.confirmPassword());
      b.clickButton(ui.t("issue.submit"));
      b.waitFor(ui.t("issued.title"));
      assertThat(b.definition(ui.t("issued.userId"))).isEqualTo(userId);
      assertThat(state(c)).isEqualTo(TokenState.ISSUED);
      b.screenshot(prefix + "18-reissued", docs);
      mailTo(c.mobileMail(), ui.f("mail.issued.subject", bank(ui)), 2);

      // The OTP history has it all.
      b.clickLink(ui.t("app.name"));
      b.waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.history"));
      assertThat(b.waitFor(ui.t("history.title")))
          .contains(ui.t("history.event.TOKEN_ISSUED"))
          .contains(ui.t("history.event.TOKEN_ACTIVATED"))
          .contains(ui.t("history.event.USE_STARTED"))
          .contains(ui.t("history.event.TOKEN_REVOKED"));
      b.screenshot(prefix + "19-history", docs);
      b.clickButton(ui.t("header.logout"));
      b.waitFor(ui.t("login.title"));
    }
    // No mail ever held a password or an activation password.
    for (MimeMessage m : mailsTo(c.mobileMail())) {
      assertThat(body(m))
          .doesNotContain(activation)
          .doesNotContain(nextActivation)
          .doesNotContain(c.loginPassword())
          .doesNotContain(c.confirmPassword());
    }
  }

  /** 00:00 Tokyo after the test clock's start, when a new token may be issued again. */
  private static String nextDay() {
    return "2026-11-27 00:00";
  }

  static final String PAYEE_BANK = "みなと銀行";
  static final String PAYEE_BRANCH = "本店";
  static final String PAYEE_NAME = "スズキ イチロウ";

  /** The demo service's name as mails in this language give it (application-test.yml). */
  private static String bank(Ui ui) {
    return "ja".equals(ui.lang()) ? "デモ銀行" : "Demo Bank";
  }

  private static void fillTransfer(Browser b, Ui ui, Customer c) {
    fillTransfer(b, ui, c, 30_000);
  }

  private static void fillTransfer(Browser b, Ui ui, Customer c, long yen) {
    b.type(ui.t("transfer.payeeBank"), PAYEE_BANK)
        .type(ui.t("transfer.payeeBranch"), PAYEE_BRANCH)
        .type(ui.t("transfer.payeeNumber"), "7000123")
        .type(ui.t("transfer.payeeName"), PAYEE_NAME)
        .type(ui.t("transfer.amount"), Long.toString(yen))
        .type(ui.t("confirm.password"), c.confirmPassword());
  }

  // Daily limits ---------------------------------------------------------------------------------

  @Test
  void transferWhenPasswordOnlyThenRefusedAbove200000ADay() throws Exception {
    limitsOfPasswordOnly(Ui.JA, "ja");
  }

  @Test
  void transferWhenPasswordOnlyInEnglishThenRefusedAbove200000ADay() throws Exception {
    limitsOfPasswordOnly(Ui.EN, "en");
  }

  private void limitsOfPasswordOnly(Ui ui, String lang) throws Exception {
    clock.set(TestConfig.START);
    Customer c = newCustomer("limit-pw", 1_000_000);
    try (Browser b = Browser.start(port, lang)) {
      b.open("/netbank/login");
      login(b, ui, c);
      b.waitFor(ui.t("top.title"));
      b.open("/netbank/transfer");
      assertThat(b.waitFor(ui.t("transfer.title")))
          .contains(ui.f("transfer.limits.left", "200,000"));
      fillTransfer(b, ui, c, 150_000);
      b.clickButton(ui.t("action.execute"));
      b.waitFor(ui.t("transferDone.title"));
      b.open("/netbank/transfer");
      assertThat(b.waitFor(ui.t("transfer.title")))
          .contains(ui.f("transfer.limits.left", "50,000"));
      fillTransfer(b, ui, c, 50_001);
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitForText(ui.t("transfer.error.limit")))
          .contains(ui.f("transfer.limit.left", "50,000"));
      assertThat(balance(c)).as("refused: nothing moved").isEqualTo(850_000);
      b.screenshot(
          "ja".equals(lang) ? "netbank-limit-refused" : "netbank-en-limit-refused",
          "ja".equals(lang));
      fillTransfer(b, ui, c, 50_000);
      b.clickButton(ui.t("action.execute"));
      b.waitFor(ui.t("transferDone.title"));
      assertThat(balance(c)).isEqualTo(800_000);
      b.open("/netbank/activity");
      assertThat(b.waitFor(ui.t("activity.title")))
          .contains(ui.t("history.event.LOGIN"))
          .contains(ui.t("history.event.TRANSFER"))
          .as("the refusal too")
          .contains(
              ui.t("history.event.TRANSFER") + "（" + ui.t("history.outcome.OVER_LIMIT") + "）");
      b.screenshot(
          "ja".equals(lang) ? "netbank-activity-pw" : "netbank-en-activity", "en".equals(lang));
    }
  }

  @Test
  void transferWhenOtpThenRefusedAbove5000000AndTheLimitLoweredAtOnceRaisedLaterAndMailed()
      throws Exception {
    Customer c = newCustomer("limit-otp", 6_000_000);
    Secret secret = activeToken(c);
    Ui ui = Ui.JA;
    try (Browser b = Browser.start(port, "ja")) {
      loginWithCode(b, ui, c, secret);
      b.open("/netbank/transfer");
      assertThat(b.waitFor(ui.t("transfer.title")))
          .contains(ui.f("transfer.limits.left", "5,000,000"));
      fillTransfer(b, ui, c, 5_000_001);
      b.type(ui.t("otp.code"), code(secret));
      b.clickButton(ui.t("action.execute"));
      assertThat(b.waitForText(ui.t("transfer.error.limit")))
          .contains(ui.f("transfer.limit.left", "5,000,000"));
      fillTransfer(b, ui, c, 5_000_000);
      b.type(ui.t("otp.code"), code(secret));
      b.clickButton(ui.t("action.execute"));
      b.waitFor(ui.t("transferDone.title"));
      clock.advance(STEP);
      assertThat(balance(c)).isEqualTo(1_000_000);

      // Lowered at once, with the session alone.
      b.open("/netbank/transfer");
      b.waitFor(ui.t("transfer.title"));
      b.clickLink(ui.t("transfer.limits.change"));
      b.waitFor(ui.t("limit.title"));
      b.type(ui.t("limit.amount"), "100000").clickButton(ui.t("limit.submit"));
      assertThat(b.waitForText(ui.f("limit.done.LOWERED", "100,000")))
          .contains(ui.f("limit.current", "100,000"));

      // Raised with the code: in force 24 hours later, mailed at once.
      b.type(ui.t("limit.amount"), "3000000")
          .type(ui.t("confirm.password"), c.confirmPassword())
          .type(ui.t("otp.code"), code(secret))
          .clickButton(ui.t("limit.submit"));
      clock.advance(STEP);
      String from = "2026-11-27 12:01";
      String page = b.waitForText(ui.f("limit.done.RAISE_ASKED", "3,000,000", from));
      assertThat(page)
          .contains(ui.f("limit.current", "100,000"))
          .contains(ui.f("limit.pending", "3,000,000", from));
      b.screenshot("netbank-limit-raise", true);
      String subject = ui.f("mail.limit.subject", bank(ui));
      MimeMessage mail = mailTo(c.mobileMail(), subject, 2);
      assertThat(body(mail)).contains("3,000,000").contains(from);
      for (MimeMessage m : mailsTo(c.mobileMail())) {
        if (subject.equals(m.getSubject())) {
          assertThat(body(m)).as("no link in a limit's mail").doesNotContain("http");
        }
      }
    }
  }

  @Test
  void transferWhenMadeThenMailedWithoutLinkAndThePayeeRegisteredAndRemovable() throws Exception {
    Customer c = newCustomer("notify", 800_000);
    Secret secret = activeToken(c);
    Ui ui = Ui.JA;
    String bank = bank(ui);
    try (Browser b = Browser.start(port, "ja")) {
      loginWithCode(b, ui, c, secret);
      for (int i = 0; i < 2; i++) {
        b.open("/netbank/transfer");
        b.waitFor(ui.t("transfer.title"));
        fillTransfer(b, ui, c, 12_345);
        b.type(ui.t("otp.code"), code(secret));
        b.clickButton(ui.t("action.execute"));
        b.waitFor(ui.t("transferDone.title"));
        clock.advance(STEP);
      }
      String subject = ui.f("mail.transfer.subject", bank);
      MimeMessage second = mailTo(c.mobileMail(), subject, 2);
      String first =
          body(
              mailsTo(c.mobileMail()).stream()
                  .filter(
                      m -> {
                        try {
                          return subject.equals(m.getSubject());
                        } catch (MessagingException e) {
                          throw new IllegalStateException(e);
                        }
                      })
                  .findFirst()
                  .orElseThrow());
      assertThat(first)
          .as("the first transfer names its payee and amount, and says the payee is new")
          .contains(PAYEE_BANK + " " + PAYEE_BRANCH)
          .contains("7000123")
          .contains(PAYEE_NAME)
          .contains("12,345円")
          .contains(ui.t("mail.transfer.newPayee"))
          .contains(ui.f("mail.footer.noLinks", bank))
          .doesNotContain("http");
      assertThat(body(second)).doesNotContain(ui.t("mail.transfer.newPayee"));

      // The payee is registered, and removable; then it is new again.
      b.open("/netbank/transfer");
      b.waitFor(ui.t("transfer.title"));
      b.clickLink(ui.t("transfer.payees"));
      assertThat(b.waitFor(ui.t("payees.title"))).contains(PAYEE_NAME).contains("7000123");
      b.screenshot("netbank-payees", true);
      b.clickButton(ui.t("payees.remove"));
      assertThat(b.waitForText(ui.t("payees.removed"))).contains(ui.t("payees.empty"));

      // Five wrong confirmation passwords lock it: mailed at once.
      for (int i = 0; i < 5; i++) {
        b.open("/netbank/transfer");
        b.waitFor(ui.t("transfer.title"));
        fillTransfer(b, ui, c, 1_000);
        b.type(ui.t("confirm.password"), "wrong-" + i);
        b.type(ui.t("otp.code"), code(secret));
        b.clickButton(ui.t("action.execute"));
        b.waitFor(ui.t("transfer.title"));
        clock.advance(STEP);
      }
      MimeMessage lock = mailTo(c.mobileMail(), ui.f("mail.lock.subject", bank), 1);
      assertThat(body(lock)).contains("確認用パスワード").doesNotContain("http");
      assertThat(balance(c)).isEqualTo(800_000 - 2 * 12_345);

      // ご利用履歴: each of these, by name, with the device and address of the login.
      b.open("/netbank/");
      b.waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.activity"));
      String activity = b.waitFor(ui.t("activity.title"));
      assertThat(activity)
          .contains(ui.t("history.event.LOGIN") + "（" + ui.t("history.outcome.NEW_DEVICE") + "）")
          .contains("127.0.0.1")
          .contains("Chrome")
          .contains(ui.t("history.event.TRANSFER"))
          .contains(ui.t("history.event.PAYEE_REMOVED"))
          .contains(ui.t("history.event.CODE_VERIFIED"))
          .contains(
              ui.t("history.event.CONFIRM_PASSWORD")
                  + "（"
                  + ui.t("history.outcome.WRONG_PASSWORD")
                  + "）")
          .contains(ui.t("history.event.CONFIRM_PASSWORD_LOCKED"))
          .contains(ui.t("history.event.USE_STARTED"))
          .doesNotContain("TRANSFER")
          .doesNotContain("WRONG_PASSWORD");
      b.screenshot("netbank-activity", true);
    }
  }

  /** Logs in with the password and the current code, up to the top page. */
  private void loginWithCode(Browser b, Ui ui, Customer c, Secret secret) {
    b.open("/netbank/login");
    login(b, ui, c);
    b.waitFor(ui.t("loginOtp.title"));
    b.type(ui.t("otp.code"), code(secret)).clickButton(ui.t("action.execute"));
    clock.advance(STEP);
    b.waitFor(ui.t("top.title"));
  }

  private static void login(Browser b, Ui ui, Customer c) {
    b.type(ui.t("login.loginId"), c.loginId())
        .type(ui.t("login.password"), c.loginPassword())
        .clickButton(ui.t("login.submit"));
  }

  private static boolean loggedIn(Browser b) {
    return !b.driver().findElements(By.cssSelector("form.logout")).isEmpty();
  }

  private String code(Secret secret) {
    return UsedSecrets.add(totp.generate(secret, clock.instant()));
  }

  /** A code that is none of those the verifier's window would take now. */
  private String wrongCode(Secret secret) {
    long step = totp.step(clock.instant());
    List<String> window = new ArrayList<>();
    for (long s = step - 2; s <= step + 2; s++) {
      window.add(totp.generateAtStep(secret, s));
    }
    for (int n = 123456; ; n = (n + 111_111) % 1_000_000) {
      String candidate = String.format(Locale.ROOT, "%06d", n);
      if (!window.contains(candidate)) {
        return UsedSecrets.add(candidate);
      }
    }
  }

  private TokenState state(Customer c) {
    return queries.status("demo", c.id()).status().state();
  }

  private long balance(Customer c) {
    return customers.accounts(c.id()).stream()
        .filter(a -> a.id().equals(c.accountId()))
        .findFirst()
        .orElseThrow()
        .balance();
  }

  /** A fresh customer with a login, a confirmation password and an account. */
  private Customer newCustomer(String kind) {
    return newCustomer(kind, 500_000);
  }

  private Customer newCustomer(String kind, long balance) {
    String n = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    Customer c =
        new Customer(
            "T" + n,
            kind + n,
            UsedSecrets.add("login-" + n + "-pass"),
            UsedSecrets.add("kakunin-" + n),
            String.format(Locale.ROOT, "9%06d", Math.floorMod(n.hashCode(), 1_000_000)),
            balance,
            kind + n + "@mobile.example.jp");
    assertThat(
            customers.create(
                c.id(),
                c.loginId(),
                "試験 " + kind,
                c.loginPassword(),
                c.confirmPassword(),
                c.accountId(),
                c.balance()))
        .isTrue();
    return c;
  }

  /** Issues, activates (the app role over HTTP) and starts a token: it is ACTIVE. */
  private Secret activeToken(Customer c) throws Exception {
    clock.set(TestConfig.START);
    String activation = UsedSecrets.add("61829374");
    var issued = issuance.issue("demo", c.id(), c.mobileMail(), activation, BANK);
    assertThat(issued.result()).isEqualTo(Result.OK);
    TokenApp.Run run =
        new TokenApp(new Http(port)).activate("demo", issued.status().userId(), activation);
    assertThat(run.m2Verified()).isTrue();
    Secret secret = Secret.of(run.secret());
    assertThat(codes.startUse("demo", c.id(), code(secret), BANK).result()).isEqualTo(Result.OK);
    clock.advance(STEP);
    return secret;
  }

  // Mail ----------------------------------------------------------------------------------------

  private static List<MimeMessage> mailsTo(String address) throws MessagingException {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equals(address))) {
        found.add(m);
      }
    }
    return found;
  }

  /** Waits until the SMTP server has {@code count} mails with this subject for the address. */
  private static MimeMessage mailTo(String address, String subject, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      List<MimeMessage> matching = new ArrayList<>();
      for (MimeMessage m : mailsTo(address)) {
        if (subject.equals(m.getSubject())) {
          matching.add(m);
        }
      }
      if (matching.size() >= count) {
        return matching.get(matching.size() - 1);
      }
      assertThat(System.nanoTime())
          .as("%d mail(s) '%s' to %s at the SMTP server", count, subject, address)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String body(MimeMessage m) throws IOException, MessagingException {
    return m.getContent().toString().replace("\r\n", "\n");
  }
}

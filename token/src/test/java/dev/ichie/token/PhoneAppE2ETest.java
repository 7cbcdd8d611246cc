package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.browser.Browser;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phone app (issue 15) as a customer meets it, against the real server jar as a process, in
 * Chromium at a phone's size with touch: web banking in one tab issues the token; the mail's link,
 * opened from the outbox in another tab, leads to the download page and the app; the app activates
 * with the service ID, the user ID and the activation password, takes a PIN, and its code starts
 * use (F3); a transfer is approved in the app (取引認証) and made once; one more is made with the app's
 * offline code; then, with the network cut, the app opens from its service worker and shows the
 * code that logs in (F4) once the network is back. In Japanese and in English.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneAppE2ETest {

  private static final String ACTIVATION_PASSWORD = "50738291";
  private static final String PIN = "602718";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A demo customer of web banking (DemoCustomers) and the account the transfers leave from. */
  private record Customer(
      String loginId, String password, String confirm, String account, long balance) {}

  private static final Customer TARO =
      new Customer("taro", "taro-pass-2026", "taro-kakunin", "1234567", 1_250_000);
  private static final Customer HANAKO =
      new Customer("hanako", "hanako-pass-2026", "hanako-kakunin", "7654321", 830_000);

  private Forwarder network;
  private DemoServer server;

  @BeforeAll
  void startServer() throws Exception {
    network = Forwarder.open();
    // The mails link to the server as the browser reaches it: through the network that is cut.
    server =
        DemoServer.start(
            Files.createTempDirectory("ichie-phone-e2e-"),
            "--ichie.mail.download-url=http://127.0.0.1:" + network.port() + "/app/");
    network.to(server.port());
  }

  @AfterAll
  void stopServer() {
    if (network != null) {
      network.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ja", "en"})
  void phoneWhenOpenedFromTheMailThenItActivatesStartsUseApprovesATransferAndLogsInOffline(
      String lang) throws Exception {
    Customer c = "ja".equals(lang) ? TARO : HANAKO;
    ServerTexts ui = ServerTexts.of(lang);
    // Both languages' screens are among the docs' pictures (with -Dichie.screenshots=true).
    boolean docs = true;
    String suffix = "ja".equals(lang) ? "" : "-en";
    try (Browser b = Browser.start(network.port(), lang)) {
      // Web banking: log in, issue a token (F1).
      String web = b.tab();
      logIn(b, ui, c);
      b.clickLink(ui.t("top.otp")).waitFor(ui.t("otp.title"));
      b.clickLink(ui.t("otp.action.issue")).waitFor(ui.t("issue.title"));
      String mobile = c.loginId() + "-phone@example.jp";
      b.type(ui.t("issue.mobileMail"), mobile)
          .type(ui.t("issue.activationPassword"), ACTIVATION_PASSWORD)
          .type(ui.t("confirm.password"), c.confirm());
      b.clickButton(ui.t("issue.submit")).waitFor(ui.t("issued.title"));
      String serviceId = b.definition(ui.t("issued.serviceId"));
      String userId = b.text("user-id");

      // The mail, in another tab: its link opens the download page, whose button opens the app.
      b.newTab();
      String app = b.tab();
      b.open("/dev/mail").waitFor(ui.t("devMail.title"));
      WebElement mail = b.driver().findElement(By.cssSelector("article.mail"));
      assertThat(mail.getText()).as("the newest mail").contains(mobile);
      b.click(mail.findElement(By.cssSelector("pre a")));
      b.waitFor(ui.t("app.title"));
      b.screenshot("phone-e2e-01-download" + suffix, docs);
      b.clickLink(ui.t("app.phone.open"));
      assertThat(b.path()).isEqualTo("/app/phone/");

      // The app: 日時の確認, the activation form, アプリロックについて with the PIN.
      b.waitFor(appText(b, lang, "empty.title"));
      b.pressButton(appText(b, lang, "next"));
      b.waitFor(appText(b, lang, "clock.title"));
      b.pressButton(appText(b, lang, "next"));
      b.waitFor(appText(b, lang, "activation.title"));
      b.type(appText(b, lang, "activation.serviceId"), serviceId)
          .type(appText(b, lang, "activation.userId"), userId)
          .type(appText(b, lang, "activation.password"), ACTIVATION_PASSWORD);
      b.pressButton(appText(b, lang, "activation.send"));
      waitForHeading(b, appText(b, lang, "applock.title"));
      b.type(appText(b, lang, "applock.pin"), PIN).type(appText(b, lang, "applock.pinAgain"), PIN);
      b.pressButton(appText(b, lang, "next"));
      b.waitFor(appText(b, lang, "code.title"));
      String started = code(b);

      // F3 in web banking with the app's code.
      b.toTab(web).open("/netbank/").waitFor(ui.t("top.title"));
      b.clickLink(ui.t("top.otp")).waitFor(ui.t("otp.title"));
      b.clickLink(ui.t("otp.action.start")).waitFor(ui.t("start.title"));
      b.type(ui.t("otp.code"), started).clickButton(ui.t("action.execute"));
      assertThat(b.waitFor(ui.t("otp.title"))).contains(ui.t("start.done"));

      // 取引認証: the transfer waits for the app; approved there, it is made, once.
      long balance = c.balance() - 30_000;
      transfer(b, ui, c, "30000");
      b.toTab(app).pressButton(appText(b, lang, "code.confirm"));
      waitForHeading(b, appText(b, lang, "confirm.title"));
      new WebDriverWait(b.driver(), WAIT).until(d -> !d.findElements(By.id("approve")).isEmpty());
      assertThat(b.definition(appText(b, lang, "field.payeeBank"))).isEqualTo("みなと銀行");
      assertThat(b.definition(appText(b, lang, "field.payeeAccountType")))
          .isEqualTo("ja".equals(lang) ? "当座" : "Current (当座)");
      assertThat(b.definition(appText(b, lang, "field.payeeAccountNumber"))).isEqualTo("7000123");
      assertThat(b.definition(appText(b, lang, "field.payeeName"))).isEqualTo("スズキ イチロウ");
      assertThat(b.definition(appText(b, lang, "field.amount")))
          .isEqualTo(appText(b, lang, "amount.yen", "30,000"));
      b.screenshot("phone-e2e-02-approve" + suffix, docs);
      b.pressButton(appText(b, lang, "confirm.approve"));
      String approved = appText(b, lang, "confirm.approved");
      new WebDriverWait(b.driver(), WAIT).until(d -> b.text("confirm-result").startsWith(approved));
      b.toTab(web);
      assertThat(b.waitFor(ui.t("transferDone.title"))).contains(ui.money(balance));
      b.screenshot("phone-e2e-03-transfer-done" + suffix, docs);
      assertThat(b.open("/netbank/").waitFor(ui.t("top.title")))
          .as("made once")
          .contains(ui.money(balance));

      // The app without a connection to the bank: its offline code over account and amount.
      balance -= 12_000;
      transfer(b, ui, c, "12000");
      b.toTab(app).open("/app/phone/");
      unlock(b, lang);
      b.pressButton(appText(b, lang, "code.confirm"));
      waitForHeading(b, appText(b, lang, "confirm.title"));
      b.type(appText(b, lang, "offline.account"), "7000123")
          .type(appText(b, lang, "offline.amount"), "12,000");
      b.pressButton(appText(b, lang, "offline.show"));
      String ocra =
          new WebDriverWait(b.driver(), WAIT)
              .until(d -> d.findElement(By.id("offline-code")))
              .getDomAttribute("data-code");
      b.toTab(web);
      b.driver().findElement(By.cssSelector("#offline summary")).click();
      b.type(ui.t("transfer.offline.code"), ocra);
      b.click(b.driver().findElement(By.id("offline-submit")));
      assertThat(b.waitFor(ui.t("transferDone.title"))).contains(ui.money(balance));

      // The network cut: the installed app opens from its service worker and shows a code.
      b.toTab(app);
      new WebDriverWait(b.driver(), WAIT)
          .until(
              d -> Boolean.TRUE.equals(b.script("return !!navigator.serviceWorker.controller;")));
      network.cut();
      String offline;
      try {
        b.open("/app/phone/");
        assertThat(b.status("/api/app/v1/time")).as("the network is cut").isEqualTo(-1);
        unlock(b, lang);
        // A later step than the code that started use (the server takes each step once).
        offline =
            new WebDriverWait(b.driver(), Duration.ofSeconds(45))
                .until(d -> started.equals(code(b)) ? null : code(b));
        b.screenshot("phone-e2e-04-offline" + suffix, docs);
      } finally {
        network.restore();
      }

      // F4: the code shown offline logs in.
      b.toTab(web).clickButton(ui.t("header.logout")).waitFor(ui.t("login.title"));
      b.type(ui.t("login.loginId"), c.loginId())
          .type(ui.t("login.password"), c.password())
          .clickButton(ui.t("login.submit"));
      b.waitFor(ui.t("loginOtp.title"));
      b.type(ui.t("otp.code"), offline).clickButton(ui.t("action.execute"));
      assertThat(b.waitFor(ui.t("top.title")))
          .contains(ui.t("top.otpActive"))
          .contains(ui.money(balance));
    }
  }

  private static void logIn(Browser b, ServerTexts ui, Customer c) {
    b.open("/netbank/login").waitFor(ui.t("login.title"));
    b.type(ui.t("login.loginId"), c.loginId())
        .type(ui.t("login.password"), c.password())
        .clickButton(ui.t("login.submit"));
    b.waitFor(ui.t("top.title"));
  }

  /** A transfer to みなと銀行 本店 当座 7000123: it waits for the app (a payee never paid before). */
  private static void transfer(Browser b, ServerTexts ui, Customer c, String yen) {
    b.open("/netbank/").waitFor(ui.t("top.title"));
    b.clickLink(ui.t("top.transfer")).waitFor(ui.t("transfer.title"));
    new Select(b.driver().findElement(By.id("accountId"))).selectByValue(c.account());
    b.type(ui.t("transfer.payeeBank"), "みなと銀行")
        .type(ui.t("transfer.payeeBranch"), "本店")
        .type(ui.t("transfer.payeeNumber"), "7000123")
        .type(ui.t("transfer.payeeName"), "スズキ イチロウ")
        .type(ui.t("transfer.amount"), yen)
        .type(ui.t("confirm.password"), c.confirm());
    new Select(b.driver().findElement(By.id("payeeAccountType"))).selectByValue("CURRENT");
    b.clickButton(ui.t("action.execute"));
    assertThat(b.waitFor(ui.t("transfer.confirm.title")))
        .contains(ui.t("transfer.confirm.instruction"));
  }

  private static void unlock(Browser b, String lang) {
    waitForHeading(b, appText(b, lang, "pin.title"));
    b.type(appText(b, lang, "pin.field"), PIN).pressButton(appText(b, lang, "pin.unlock"));
    waitForHeading(b, appText(b, lang, "code.title"));
  }

  /** The app's screens change without a new page; the slow ones (SRP, PBKDF2) get longer. */
  private static void waitForHeading(Browser b, String heading) {
    new WebDriverWait(b.driver(), WAIT)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> heading.equals(d.findElement(By.tagName("h1")).getText()));
  }

  /** The code the app shows now. */
  private static String code(Browser b) {
    return new WebDriverWait(b.driver(), WAIT)
        .until(d -> d.findElement(By.cssSelector("p.code[data-code]")))
        .getDomAttribute("data-code");
  }

  /** A text of the app, from its own texts module as the page loaded it. */
  private static String appText(Browser b, String lang, String key, Object... args) {
    Object text =
        b.driver()
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/app/phone/texts.js')"
                    + ".then(m => done(m.text(arguments[0], arguments[1], ...arguments[2])),"
                    + " e => done('no text: ' + e));",
                lang,
                key,
                List.of(args));
    return String.valueOf(text);
  }
}

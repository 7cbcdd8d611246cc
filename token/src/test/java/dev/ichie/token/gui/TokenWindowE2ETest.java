package dev.ichie.token.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.token.ActivationRequest;
import dev.ichie.token.DemoServer;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.TokenHome;
import dev.ichie.token.VaultProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The window against the real server (its Boot jar on 127.0.0.1): tokens issued through the REST
 * API, the window set up through its own fields and buttons by AssertJ Swing's robot (server,
 * サービスID demo, ユーザーID, 利用開始パスワード, 「送信」, 「アプリロックについて」 → 「次へ」 with and without a PIN), the code read
 * from the screen and accepted by the server at the start of use (F3). Takes the screenshots of
 * each screen in Japanese on the way: in target/screenshots, and with {@code
 * -Dichie.screenshots=true} in docs/images for the README.
 *
 * <p>Runs in the {@code integration-test} phase; needs server/target/ichie-server.jar and a display
 * (Xvfb).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenWindowE2ETest {

  private static final Texts JA = Texts.of(Locale.JAPANESE);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private DemoServer server;
  private Path work;
  private WindowDriver driver;

  @BeforeAll
  void start() throws Exception {
    WindowDriver.requireDisplay();
    FailOnThreadViolationRepaintManager.install();
    work = Files.createTempDirectory("ichie-gui-homes-");
    server = DemoServer.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeWindow() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
  }

  private static TokenAppOptions options() {
    return new TokenAppOptions(
        Clock.system(ZoneId.of("Asia/Tokyo")),
        Locale.JAPANESE,
        null,
        Duration.ofSeconds(20),
        new SecureRandom());
  }

  private WindowDriver open(TokenHome home) {
    driver = WindowDriver.open(home, options(), PinBackoff.DEFAULT);
    return driver;
  }

  private void fill(String userId, String password) {
    driver.waitForScreen(TokenWindow.ACTIVATION, WAIT);
    driver.frame.textBox("activation.server").deleteText().enterText(server.url());
    driver.frame.textBox("activation.serviceId").deleteText().enterText("demo");
    driver.frame.textBox("activation.userId").deleteText().enterText(userId);
    driver.frame.textBox("activation.password").enterText(password);
  }

  /** Reads the code on screen well inside one 30-second step. */
  private String codeOnScreen() throws InterruptedException {
    long intoStep = Instant.now().toEpochMilli() % 30_000;
    if (intoStep > 24_000) {
      Thread.sleep(30_000 - intoStep + 1_200);
    }
    String shown = driver.text("code.digits");
    assertThat(shown).matches("\\d{3} \\d{3}");
    return shown.replace(" ", "");
  }

  @Test
  void activateThroughTheWindowThenTheServiceRequiresAPinAndTheServerAcceptsTheCodeOnScreen()
      throws Exception {
    String userId = server.issue("gui-a", "24681357");
    open(TokenHome.at(work.resolve("home-a")));

    assertThat(driver.screen()).isEqualTo(TokenWindow.CLOCK);
    driver.screenshot("token-app-01-clock.png");
    driver.frame.button("clock.next").click();
    fill(userId, "24681357");
    driver.screenshot("token-app-02-activation.png");
    driver.frame.button("activation.send").click();

    driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
    assertThat(driver.text("applock.done"))
        .isEqualTo(JA.get("gui.applock.done", "いちえ銀行", "demo", userId));
    assertThat(server.state("gui-a")).isEqualTo("ACTIVATED");
    assertThat(driver.text("applock.rule")).isEqualTo(JA.get("gui.applock.required", "いちえ銀行"));
    driver.screenshot("token-app-03-applock.png");
    driver.frame.button("applock.next").click();
    assertThat(driver.text("applock.error"))
        .isEqualTo(JA.get("gui.applock.required_empty", "いちえ銀行"));
    assertThat(driver.screen()).isEqualTo(TokenWindow.APP_LOCK);
    driver.frame.textBox("applock.pin").enterText("97531864");
    driver.frame.textBox("applock.pinAgain").enterText("97531864");
    driver.frame.button("applock.next").click();

    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(driver.text("code.service")).isEqualTo("いちえ銀行");
    String code = codeOnScreen();
    driver.screenshot("token-app-04-code.png");
    assertThat(server.startOfUse("gui-a", code)).isEqualTo("OK");
    assertThat(server.state("gui-a")).isEqualTo("ACTIVE");
  }

  @Test
  void activateThroughTheWindowWithPinThenReopenedItAsksForThePinAndTheServerAcceptsTheCode()
      throws Exception {
    String userId = server.issue("gui-b", "13572468");
    TokenHome home = TokenHome.at(work.resolve("home-b"));
    open(home);
    driver.frame.button("clock.next").click();
    fill(userId, "13572468");
    driver.frame.button("activation.send").click();
    driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
    driver.frame.textBox("applock.pin").enterText("24680135");
    driver.frame.textBox("applock.pinAgain").enterText("24680135");
    driver.frame.button("applock.next").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(TokenApp.protection(home)).isEqualTo(VaultProtection.PIN);
    closeWindow();

    open(home);
    assertThat(driver.screen()).isEqualTo(TokenWindow.PIN);
    driver.frame.textBox("pin.field").enterText("11111111");
    driver.frame.button("pin.unlock").click();
    driver.waitUntil(
        "the wrong PIN message",
        WAIT,
        () -> !driver.showing("pin.busy") && driver.showing("pin.error"));
    assertThat(driver.text("pin.error")).isEqualTo(JA.get("problem.wrong_pin"));
    driver.screenshot("token-app-05-pin.png");
    driver.frame.textBox("pin.field").enterText("24680135");
    driver.frame.button("pin.unlock").click();

    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(driver.text("code.user")).isEqualTo("ユーザーID " + userId);
    assertThat(server.startOfUse("gui-b", codeOnScreen())).isEqualTo("OK");
    assertThat(server.state("gui-b")).isEqualTo("ACTIVE");
  }

  @Test
  void activateThroughTheWindowWhenPasswordWrongThenTheFiveTriesRuleAndNothingStored()
      throws Exception {
    String userId = server.issue("gui-c", "86429753");
    TokenHome home = TokenHome.at(work.resolve("home-c"));
    open(home);
    driver.frame.button("clock.next").click();
    fill(userId, "86429754");
    driver.frame.button("activation.send").click();
    driver.waitUntil(
        "the activation's error",
        WAIT,
        () -> driver.showing("activation.error") && !driver.showing("activation.busy"));

    assertThat(driver.text("activation.error"))
        .isEqualTo(JA.get("problem.activation_failed"))
        .contains("利用開始パスワードを5回間違えるとトークン発行は無効になります");
    driver.frame.textBox("activation.password").requireEmpty();
    driver.screenshot("token-app-06-activation-error.png");
    assertThat(Files.exists(home.vaultFile())).isFalse();
    assertThat(server.state("gui-c")).isEqualTo("ISSUED");
  }

  @Test
  void codeScreenWhenActivatedInVersion1ThenOffersTheDeviceKeyAndRegistersIt() throws Exception {
    String userId = server.issue("gui-v1", "24681357");
    TokenHome home = TokenHome.at(work.resolve("home-v1"));
    try (TokenApp app = TokenApp.open(home, options())) {
      app.activate(
          new ActivationRequest(
                  dev.ichie.token.ServerEndpoint.of(server.url(), null, false),
                  "demo",
                  userId,
                  "v1 phone")
              .withProtocolVersion(1),
          "24681357".toCharArray());
    }
    // Activated outside the window, without a PIN: the window asks for the one the service
    // requires.
    open(home);
    driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
    driver.frame.textBox("applock.pin").enterText("97531864");
    driver.frame.textBox("applock.pinAgain").enterText("97531864");
    driver.frame.button("applock.next").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(server.startOfUse("gui-v1", codeOnScreen())).isEqualTo("OK");
    assertThat(driver.text("code.keyOffer")).isEqualTo(JA.get("gui.code.key_offer"));
    driver.frame.button("code.registerKey").click();
    driver.waitUntil(
        "the key registered",
        WAIT,
        () -> JA.get("cli.confirm.registered").equals(driver.text("code.keyOffer")));
    assertThat(driver.showing("code.registerKey")).isFalse();
    driver.close();
    driver = null;
    open(home);
    driver.waitForScreen(TokenWindow.PIN, WAIT);
    driver.frame.textBox("pin.field").enterText("97531864");
    driver.frame.button("pin.unlock").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(driver.showing("code.keyOffer")).as("registered: no more offer").isFalse();
  }

  @Test
  void confirmWhenATransferWaitsThenTheWindowShowsItApprovesItAndShowsTheOfflineCode()
      throws Exception {
    String userId = server.issue("gui-tx", "24681357");
    open(TokenHome.at(work.resolve("home-tx")));
    driver.frame.button("clock.next").click();
    fill(userId, "24681357");
    driver.frame.button("activation.send").click();
    driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
    driver.frame.textBox("applock.pin").enterText("97531864");
    driver.frame.textBox("applock.pinAgain").enterText("97531864");
    driver.frame.button("applock.next").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(server.startOfUse("gui-tx", codeOnScreen())).isEqualTo("OK");

    driver.frame.button("code.confirm").click();
    driver.waitForScreen(TokenWindow.CONFIRM, WAIT);
    // Activated in protocol version 2, the app has its device key: the first poll just asks.
    driver.waitUntil(
        "nothing waiting yet",
        WAIT,
        () ->
            driver.showing("confirm.status")
                && JA.get("cli.confirm.none").equals(driver.text("confirm.status")));
    String id = server.confirmation("gui-tx", 50_000);
    driver.waitUntil(
        "the transfer shown",
        WAIT,
        () ->
            driver.showing("confirm.fields")
                && "ヤマダ タロウ".equals(driver.text("confirm.field.payeeName")));
    assertThat(driver.text("confirm.field.payeeBank")).isEqualTo("いちえ銀行");
    assertThat(driver.text("confirm.field.payeeBranch")).isEqualTo("本店");
    assertThat(driver.text("confirm.field.payeeAccountType")).isEqualTo("普通");
    assertThat(driver.text("confirm.field.payeeAccountNumber")).isEqualTo("1234567");
    assertThat(driver.text("confirm.field.amount")).isEqualTo("50,000円");
    driver.screenshot("token-app-07-confirm.png");
    driver.frame.button("confirm.approve").click();
    driver.waitUntil(
        "approved",
        WAIT,
        () ->
            driver.showing("confirm.status")
                && JA.get("cli.confirm.approved").equals(driver.text("confirm.status")));
    assertThat(server.confirmationState("gui-tx", id)).isEqualTo("APPROVED");

    // The offline code, as a customer types the payee's account number and the amount.
    String second = server.confirmation("gui-tx", 8_000);
    driver.frame.textBox("confirm.number").enterText("1234567");
    driver.frame.textBox("confirm.amount").enterText("8,000");
    driver.frame.button("confirm.offline").click();
    String shown = driver.text("confirm.code");
    assertThat(shown).matches("\\d{8}");
    assertThat(driver.text("confirm.question")).contains("11234567000000008000");
    assertThat(server.offlineCode("gui-tx", second, shown)).isEqualTo("OK");
  }
}

package dev.ichie.token.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.token.Account;
import dev.ichie.token.FakeActivationServer;
import dev.ichie.token.Problem;
import dev.ichie.token.TestVaults;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.TokenException;
import dev.ichie.token.TokenHome;
import dev.ichie.token.VaultProtection;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window driven like a person would (robot clicks and key presses under Xvfb), against the fake
 * activation server and vaults written by tests. The end-to-end run against the real server is
 * {@link TokenWindowE2ETest}.
 */
class TokenWindowTest {

  private static final Texts JA = Texts.of(Locale.JAPANESE);
  private static final Texts EN = Texts.of(Locale.ENGLISH);
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private WindowDriver driver;

  @BeforeAll
  static void display() {
    WindowDriver.requireDisplay();
    FailOnThreadViolationRepaintManager.install();
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private TokenHome home() {
    return TokenHome.at(dir.resolve("home"));
  }

  private static TokenAppOptions options(Locale locale, Clock clock) {
    return new TokenAppOptions(clock, locale, null, Duration.ofSeconds(10), new SecureRandom());
  }

  private WindowDriver open(Locale locale, Clock clock) {
    driver = WindowDriver.open(home(), options(locale, clock), PinBackoff.DEFAULT);
    return driver;
  }

  private WindowDriver open(Locale locale) {
    return open(locale, Clock.system(TOKYO));
  }

  /** From the clock check through the form to 「送信」. */
  private void send(String server, String serviceId, String userId, String password) {
    if (driver.screen().equals(TokenWindow.CLOCK)) {
      driver.frame.button("clock.next").click();
    }
    driver.waitForScreen(TokenWindow.ACTIVATION, WAIT);
    driver.frame.textBox("activation.server").deleteText().enterText(server);
    driver.frame.textBox("activation.serviceId").deleteText().enterText(serviceId);
    driver.frame.textBox("activation.userId").deleteText().enterText(userId);
    driver.frame.textBox("activation.password").enterText(password);
    driver.frame.button("activation.send").click();
  }

  private void waitForError() {
    driver.waitUntil(
        "an error on the form",
        WAIT,
        () ->
            driver.window.screen().equals(TokenWindow.ACTIVATION)
                && driver.showing("activation.error"));
    driver.waitUntil("the form enabled again", WAIT, () -> !driver.showing("activation.busy"));
  }

  @Test
  void firstRunWhenNoVaultThenClockCheckWithTheSeedsWordsThenTheActivationForm() {
    TestClock clock = new TestClock(Instant.parse("2026-11-26T14:12:51Z"), TOKYO);
    open(Locale.JAPANESE, clock);

    assertThat(driver.screen()).isEqualTo(TokenWindow.CLOCK);
    assertThat(driver.text("clock.intro")).contains("トークンを利用する携帯電話の日時を確認します");
    assertThat(driver.text("clock.why")).contains("日時が正しくないと、正常に動作しない場合があります");
    assertThat(driver.text("clock.now")).isEqualTo("2026年11月26日（木） 23:12:51");
    assertThat(driver.text("clock.zone")).isEqualTo("Asia/Tokyo (UTC+09:00)");
    assertThat(driver.text("clock.offset")).isEqualTo(JA.get("gui.clock.offset_unknown"));
    assertThat(driver.showing("clock.warning")).isFalse();
    clock.set(Instant.parse("2026-11-26T14:12:53Z"));
    driver.waitUntil(
        "the clock ticking", WAIT, () -> driver.text("clock.now").endsWith("23:12:53"));

    driver.frame.button("clock.next").requireText("次へ").click();
    driver.waitForScreen(TokenWindow.ACTIVATION, WAIT);
    assertThat(driver.text("activation.intro"))
        .isEqualTo("サービスIDとユーザーID、利用開始パスワードを入力し、送信ボタンを押してください。");
    driver.frame.textBox("activation.server").requireText("http://localhost:8080");
    driver.frame.button("activation.send").requireText("送信");
    driver.frame.button("activation.quit").requireText("終了");
    assertThat(driver.showing("activation.back")).as("no account to go back to").isFalse();
    assertThat(driver.accessibleName("activation.serviceId")).isEqualTo("サービスID");
    assertThat(driver.accessibleName("activation.userId")).isEqualTo("ユーザーID");
    assertThat(driver.accessibleName("activation.password")).isEqualTo("利用開始パスワード");
    JPasswordField password = driver.find("activation.password", JPasswordField.class);
    assertThat(driver.onEdt(password::getEchoChar)).as("masked").isNotEqualTo((char) 0);

    driver.frame.button("activation.quit").click();
    driver.waitUntil("the window closed", WAIT, () -> !driver.window.frame().isDisplayable());
  }

  @Test
  void activateWhenRightThenAppLockThenTheCodeOfTheNewAccountCountingDown() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      open(Locale.JAPANESE);
      send(
          server.url(),
          FakeActivationServer.SERVICE_ID,
          FakeActivationServer.USER_ID,
          FakeActivationServer.PASSWORD);

      driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
      assertThat(driver.text("applock.title")).isEqualTo("アプリロックについて");
      assertThat(driver.text("applock.done"))
          .isEqualTo(
              JA.get(
                  "gui.applock.done",
                  "Fake Bank",
                  FakeActivationServer.SERVICE_ID,
                  FakeActivationServer.USER_ID));
      assertThat(driver.text("applock.clock")).startsWith("サーバーの時刻とのずれ: ");
      assertThat(driver.text("applock.clockWarning")).startsWith("この端末の時計は正確です");
      driver.frame.button("applock.next").requireText("次へ").click();

      driver.waitForScreen(TokenWindow.CODE, WAIT);
      assertThat(driver.text("code.service")).isEqualTo("Fake Bank");
      assertThat(driver.text("code.user")).isEqualTo("ユーザーID " + FakeActivationServer.USER_ID);
      assertThat(driver.text("code.digits")).matches("\\d{3} \\d{3}");
      assertThat(driver.text("code.hint")).contains("ワンタイムパスワード利用開始");
      assertThat(driver.showing("code.accounts")).as("one account: no list").isFalse();
      assertThat(driver.showing("code.lock")).as("no PIN: nothing to lock").isFalse();
      JProgressBar bar = driver.find("code.secondsLeft", JProgressBar.class);
      assertThat(driver.onEdt(bar::getMaximum)).isEqualTo(30);
      String before = driver.onEdt(bar::getString);
      assertThat(before).matches("残り\\d{1,2}秒");
      driver.waitUntil("the seconds counting down", WAIT, () -> !bar.getString().equals(before));

      // Another account starts with the date and time, now with the difference measured.
      driver.frame.button("code.add").click();
      driver.waitForScreen(TokenWindow.CLOCK, WAIT);
      assertThat(driver.text("clock.offset")).contains("Fake Bank");
      driver.frame.button("clock.measure").click();
      driver.waitUntil(
          "the measurement",
          WAIT,
          () -> driver.showing("clock.warning") && !driver.showing("clock.busy"));
      assertThat(driver.text("clock.warning")).startsWith("この端末の時計は正確です");
      driver.frame.button("clock.back").requireText("戻る").click();
      driver.waitForScreen(TokenWindow.CODE, WAIT);

      // The code on screen is the vault's code now (read again if the step just changed).
      assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.KEY_FILE);
      try (TokenApp app = TokenApp.open(home(), options(Locale.JAPANESE, Clock.systemUTC()))) {
        Account account = app.account(null);
        String shown = "";
        String expected = "-";
        for (int i = 0; i < 3 && !shown.equals(expected); i++) {
          shown = driver.text("code.digits").replace(" ", "");
          expected = app.code(account).digits();
        }
        assertThat(shown).isEqualTo(expected);
      }
    }
  }

  @Test
  void activateWhenDeviceClock90sAheadThenTheSeedsWarningAndCodesCorrected() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      Clock ahead = Clock.offset(Clock.system(TOKYO), Duration.ofSeconds(90));
      open(Locale.JAPANESE, ahead);
      send(
          server.url(),
          FakeActivationServer.SERVICE_ID,
          FakeActivationServer.USER_ID,
          FakeActivationServer.PASSWORD);
      driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
      assertThat(driver.text("applock.clockWarning"))
          .startsWith("この端末の時計はサーバーの時刻より1分30秒進んでいます。")
          .contains("日時が正しくないと、正常に動作しない場合があります");
      assertThat(driver.text("applock.clock"))
          .matches("サーバーの時刻とのずれ: -(89|90)\\.\\d{3}秒（精度 約\\d+\\.\\d{3}秒）");
      driver.frame.button("applock.next").click();

      driver.waitForScreen(TokenWindow.CODE, WAIT);
      assertThat(driver.text("code.clockWarning")).contains("1分30秒進んでいます");
      try (TokenApp app = TokenApp.open(home(), options(Locale.JAPANESE, Clock.systemUTC()))) {
        Account account = app.account(null);
        String shown = "";
        String expected = "-";
        for (int i = 0; i < 3 && !shown.equals(expected); i++) {
          shown = driver.text("code.digits").replace(" ", "");
          expected = app.codeAt(account, Instant.now()).digits();
        }
        assertThat(shown)
            .as("the code of the server's time, not of the device's")
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void activateWhenPasswordWrongThenTheCommandLinesTextWithTheFiveTriesRule() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      open(Locale.JAPANESE);
      send(server.url(), FakeActivationServer.SERVICE_ID, FakeActivationServer.USER_ID, "11112222");
      waitForError();

      assertThat(driver.text("activation.error"))
          .isEqualTo(JA.get("problem.activation_failed"))
          .contains("利用開始パスワードを5回間違えるとトークン発行は無効になります");
      driver.frame.textBox("activation.password").requireEmpty();
      driver.frame.textBox("activation.serviceId").requireText(FakeActivationServer.SERVICE_ID);
      driver.frame.button("activation.send").requireEnabled();
      assertThat(Files.exists(home().vaultFile())).isFalse();
    }
  }

  @Test
  void activateWhenServerUnreachableOrRefusedOrIdsWrongThenSaysWhichInPlainWords()
      throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    open(Locale.ENGLISH);
    String unreachable = "http://127.0.0.1:" + closed;
    send(unreachable, "demo", "2915086876", "24681357");
    waitForError();
    assertThat(driver.text("activation.error"))
        .isEqualTo(EN.describe(new TokenException(Problem.UNREACHABLE, "", unreachable)));

    send("http://bank.example.jp", "demo", "2915086876", "24681357");
    waitForError();
    assertThat(driver.text("activation.error"))
        .startsWith("Refused: http://bank.example.jp uses plain HTTP");

    send("https://bank.example.jp", "demo bank!", "2915086876", "24681357");
    waitForError();
    assertThat(driver.text("activation.error")).isEqualTo(EN.get("problem.invalid_ids"));

    send("https://bank.example.jp", "demo", "2915086876", "12");
    waitForError();
    assertThat(driver.text("activation.error"))
        .isEqualTo(EN.get("problem.invalid_activation_password"));
  }

  @Test
  void appLockWhenPinsDifferOrNotSixToEightDigitsThenRefusedElseTheVaultTakesThePin()
      throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      open(Locale.JAPANESE);
      send(
          server.url(),
          FakeActivationServer.SERVICE_ID,
          FakeActivationServer.USER_ID,
          FakeActivationServer.PASSWORD);
      driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);

      pins("135792", "135793");
      assertThat(driver.text("applock.error")).isEqualTo(JA.get("gui.applock.mismatch"));
      pins("13579", "13579");
      assertThat(driver.text("applock.error")).isEqualTo("PIN は6～8桁の数字にしてください。");
      pins("abcdef", "abcdef");
      assertThat(driver.text("applock.error")).isEqualTo("PIN は6～8桁の数字にしてください。");
      assertThat(driver.screen()).isEqualTo(TokenWindow.APP_LOCK);

      pins("13572468", "13572468");
      driver.waitForScreen(TokenWindow.CODE, WAIT);
      assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.PIN);
      assertThat(driver.showing("code.lock")).isTrue();
      driver.frame.button("code.lock").requireText("ロック").click();
      driver.waitForScreen(TokenWindow.PIN, WAIT);
      driver.frame.textBox("pin.field").enterText("13572468");
      driver.frame.button("pin.unlock").click();
      driver.waitForScreen(TokenWindow.CODE, WAIT);
      assertThat(driver.text("code.service")).isEqualTo("Fake Bank");
    }
  }

  @Test
  void appLockWhenTheServiceRequiresItThenNextWaitsForAPinEvenAfterTheWindowIsClosed()
      throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      server.appLock = dev.ichie.activation.AppLock.REQUIRED;
      open(Locale.JAPANESE);
      send(
          server.url(),
          FakeActivationServer.SERVICE_ID,
          FakeActivationServer.USER_ID,
          FakeActivationServer.PASSWORD);
      driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
      assertThat(driver.text("applock.rule"))
          .isEqualTo(JA.get("gui.applock.required", "Fake Bank"));
      pins("", "");
      assertThat(driver.text("applock.error")).isEqualTo("PIN を入力してください。Fake Bankでは、アプリロックが必要です。");
      assertThat(driver.screen()).isEqualTo(TokenWindow.APP_LOCK);
      driver.close();

      // Closed on this screen: the next start comes back to it, without the activation's lines.
      open(Locale.ENGLISH);
      driver.waitForScreen(TokenWindow.APP_LOCK, WAIT);
      assertThat(driver.showing("applock.done")).isFalse();
      assertThat(driver.text("applock.rule"))
          .isEqualTo(
              "Fake Bank requires an app lock: choose a PIN and press Next."
                  + " Until then the app shows no one-time password.");
      pins("", "");
      assertThat(driver.screen()).isEqualTo(TokenWindow.APP_LOCK);
      pins("24681357", "24681357");
      driver.waitForScreen(TokenWindow.CODE, WAIT);
      assertThat(driver.text("code.digits")).matches("\\d{3} \\d{3}");
      assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.PIN);
    }
  }

  private void pins(String first, String second) {
    driver.frame.textBox("applock.pin").deleteText().enterText(first);
    driver.frame.textBox("applock.pinAgain").deleteText().enterText(second);
    driver.frame.button("applock.next").click();
  }

  @Test
  void codeWhenSeveralAccountsThenGroupedSwitchableCopiedAndFollowsTheClock() throws Exception {
    // The RFC 6238 Appendix B SHA-1 seed, 8 digits: 94287082 at T = 59 s, 14050471 at 1111111111.
    TestVaults.write(home(), "demo:1111", "other:2222");
    TestClock clock = new TestClock(Instant.ofEpochSecond(59), TOKYO);
    open(Locale.JAPANESE, clock);

    assertThat(driver.screen()).isEqualTo(TokenWindow.CODE);
    assertThat(driver.text("code.digits")).isEqualTo("9428 7082");
    assertThat(driver.text("code.service")).isEqualTo("Test Bank other");
    JProgressBar bar = driver.find("code.secondsLeft", JProgressBar.class);
    assertThat(driver.onEdt(bar::getString)).isEqualTo("残り1秒");
    assertThat(driver.onEdt(bar::getValue)).isEqualTo(1);
    assertThat(driver.showing("code.hint")).isFalse();

    @SuppressWarnings("unchecked")
    JComboBox<Account> accounts = driver.find("code.accounts", JComboBox.class);
    assertThat(driver.onEdt(accounts::getItemCount)).isEqualTo(2);
    driver.frame.comboBox("code.accounts").selectItem(0);
    assertThat(driver.text("code.service")).isEqualTo("Test Bank demo");
    assertThat(driver.text("code.user")).isEqualTo("ユーザーID 1111");

    clock.set(Instant.ofEpochSecond(1_111_111_111L));
    driver.waitUntil("the next code", WAIT, () -> driver.text("code.digits").equals("1405 0471"));
    assertThat(driver.onEdt(bar::getString)).isEqualTo("残り29秒");

    driver.frame.button("code.copy").requireText("コピー").click();
    driver.waitUntil("「コピーしました」", WAIT, () -> driver.text("code.copied").equals("コピーしました"));
    Object copied =
        Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor);
    assertThat(copied).isEqualTo("14050471");

    // 「アカウントを追加」 checks the date and time first, with the difference measured last.
    driver.frame.button("code.add").requireText("アカウントを追加").click();
    driver.waitForScreen(TokenWindow.CLOCK, WAIT);
    assertThat(driver.text("clock.offset")).startsWith("サーバーの時刻とのずれ: +0.000秒（Test Bank ");
    driver.frame.button("clock.measure").requireText("サーバーの時刻と比べる").click();
    driver.waitUntil(
        "the measurement's failure",
        WAIT,
        () -> driver.showing("clock.warning") && !driver.showing("clock.busy"));
    assertThat(driver.text("clock.warning"))
        .isEqualTo(JA.describe(new TokenException(Problem.UNREACHABLE, "", "http://127.0.0.1:1")));
    driver.frame.button("clock.next").click();
    driver.waitForScreen(TokenWindow.ACTIVATION, WAIT);
    driver.frame.button("activation.back").requireText("戻る").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(driver.text("code.service")).isEqualTo("Test Bank demo");
  }

  @Test
  void pinWhenWrongThenSaysSoAndFromTheThirdWrongPinWaitsLongerEachTime() throws Exception {
    TestVaults.write(home(), "demo:1111");
    try (TokenApp app = TokenApp.open(home(), options(Locale.JAPANESE, Clock.systemUTC()))) {
      app.setPin("24680246".toCharArray());
    }
    driver =
        WindowDriver.open(
            home(),
            options(Locale.JAPANESE, Clock.system(TOKYO)),
            new PinBackoff(3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    assertThat(driver.screen()).isEqualTo(TokenWindow.PIN);
    JTextField field = driver.find("pin.field", JTextField.class);
    JButton unlock = driver.find("pin.unlock", JButton.class);

    for (int wrong = 1; wrong <= 4; wrong++) {
      int n = wrong;
      driver.waitUntil("the PIN field enabled", WAIT, field::isEnabled);
      driver.frame.textBox("pin.field").enterText("1111111" + wrong);
      driver.frame.button("pin.unlock").click();
      driver.waitUntil(
          "wrong PIN " + n, WAIT, () -> !driver.showing("pin.busy") && driver.showing("pin.error"));
      assertThat(driver.text("pin.error")).isEqualTo("PIN が正しくありません。");
      if (wrong < 3) {
        assertThat(driver.showing("pin.wait")).isFalse();
        assertThat(driver.onEdt(field::isEnabled)).isTrue();
      } else {
        assertThat(driver.text("pin.wait"))
            .matches("PIN を" + wrong + "回続けて間違えました。あと[12]秒待ってから入力してください。");
        assertThat(driver.onEdt(field::isEnabled)).isFalse();
        assertThat(driver.onEdt(unlock::isEnabled)).isFalse();
      }
    }
    // Closed and opened again at once: the wait and the count go on (kept beside the vault).
    driver.close();
    long waitStart = System.nanoTime();
    driver =
        WindowDriver.open(
            home(),
            options(Locale.JAPANESE, Clock.system(TOKYO)),
            new PinBackoff(3, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    JTextField again = driver.find("pin.field", JTextField.class);
    assertThat(driver.onEdt(again::isEnabled)).as("still waiting after the restart").isFalse();
    assertThat(driver.text("pin.wait")).startsWith("PIN を4回続けて間違えました。");
    driver.waitUntil("the PIN field enabled", WAIT, again::isEnabled);
    assertThat(Duration.ofNanos(System.nanoTime() - waitStart))
        .as("the 4th wrong PIN's 2 s, less what passed before the restart")
        .isGreaterThan(Duration.ofMillis(200));
    assertThat(driver.showing("pin.wait")).isFalse();

    driver.frame.textBox("pin.field").enterText("24680246");
    driver.frame.button("pin.unlock").click();
    driver.waitForScreen(TokenWindow.CODE, WAIT);
    assertThat(driver.text("code.service")).isEqualTo("Test Bank demo");
    assertThat(home().directory().resolve("pin-wait")).as("a right PIN clears it").doesNotExist();
  }

  @Test
  void windowWhenEnglishThenEveryTextEnglish() {
    open(Locale.ENGLISH);
    assertThat(driver.window.frame().getTitle()).isEqualTo("Ichie token app");
    assertThat(driver.text("clock.title")).isEqualTo("Date and time");
    assertThat(driver.text("clock.intro")).isEqualTo(EN.get("gui.clock.intro"));
    driver.frame.button("clock.next").requireText("Next").click();
    driver.waitForScreen(TokenWindow.ACTIVATION, WAIT);
    driver.frame.button("activation.send").requireText("Send");
    driver.frame.button("activation.quit").requireText("Quit");
    assertThat(driver.accessibleName("activation.password")).isEqualTo("Activation password");
  }

  @Test
  void vaultWhenDamagedThenSaysSoAndChangesNothing() throws Exception {
    TestVaults.write(home(), "demo:1111");
    byte[] vault = Files.readAllBytes(home().vaultFile());
    byte[] damaged = vault.clone();
    damaged[damaged.length - 1] ^= 1;
    Files.write(home().vaultFile(), damaged);

    open(Locale.JAPANESE);
    assertThat(driver.screen()).isEqualTo(TokenWindow.PROBLEM);
    assertThat(driver.text("problem.message")).isEqualTo(JA.get("problem.vault_damaged"));
    assertThat(driver.text("problem.hint")).contains(home().directory().toString());
    driver.frame.button("problem.quit").click();
    driver.waitUntil("the window closed", WAIT, () -> !driver.window.frame().isDisplayable());
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(damaged);
  }
}

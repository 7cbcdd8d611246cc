package dev.ichie.token.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.token.FakeActivationServer;
import dev.ichie.token.TestVaults;
import dev.ichie.token.TokenHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in this JVM, with a scripted terminal. */
class CliTest {

  @TempDir Path temp;

  private TokenHome home() {
    return TokenHome.at(temp.resolve("home"));
  }

  private int run(FakeTerminal terminal, String... args) {
    return Cli.run(new CliContext(Clock.systemUTC(), Locale.ENGLISH, home(), terminal, null), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"activate", "code", "list", "remove", "lock", "time"})
  void helpWhenAskedOnEveryCommandThenShownInBothLanguages(String command) {
    FakeTerminal en = new FakeTerminal();
    assertThat(run(en, command, "--help")).isZero();
    assertThat(en.stdout()).startsWith("Usage: ichie-token " + command).contains("--help");
    // Every option has a description (an undescribed one ends its line after its name).
    assertThat(en.stdout())
        .doesNotContainPattern("(?m)^ {1,8}(-[a-zA-Z], )?--[\\w-]+(=\\S+)?\\s*$");

    FakeTerminal ja = new FakeTerminal();
    assertThat(run(ja, "--lang", "ja", command, "--help")).isZero();
    assertThat(ja.stdout()).startsWith("使い方: ichie-token " + command).contains("オプション:");
  }

  @Test
  void helpWhenRootThenListsCommandsAndExitCodes() {
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "--help")).isZero();
    assertThat(terminal.stdout())
        .contains("activate", "code", "list", "remove", "lock", "time")
        .contains("Exit codes:")
        .contains(" 2  activation failed")
        .contains(" 8  vault damaged");
  }

  @Test
  void versionWhenAskedThenPrinted() {
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "--version")).isZero();
    assertThat(terminal.stdout()).startsWith("ichie-token ");
  }

  @Test
  void runWhenNoCommandOrUnknownOptionThenUsageExit1() {
    assertThat(run(new FakeTerminal())).isEqualTo(ExitCodes.USAGE);
    assertThat(run(new FakeTerminal(), "code", "--bogus")).isEqualTo(ExitCodes.USAGE);
    FakeTerminal french = new FakeTerminal();
    assertThat(run(french, "--lang", "fr", "list")).isEqualTo(ExitCodes.USAGE);
    assertThat(french.stderr())
        .isEqualTo("Error: --lang must be ja or en." + System.lineSeparator());
    FakeTerminal none = new FakeTerminal();
    assertThat(run(none)).isEqualTo(ExitCodes.USAGE);
    assertThat(none.stderr()).containsOnlyOnce("Usage: ichie-token").contains("Name a command");
    assertThat(run(new FakeTerminal(), "activate", "--server", "https://x.example")).isEqualTo(1);
  }

  @Test
  void activateWhenNoConsoleAndNoPasswordStdinThenSaysSoAndExit1() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      FakeTerminal terminal = new FakeTerminal();
      int code =
          run(
              terminal,
              "activate",
              "--server",
              server.url(),
              "--service-id",
              "demo",
              "--user-id",
              FakeActivationServer.USER_ID);
      assertThat(code).isEqualTo(ExitCodes.USAGE);
      assertThat(terminal.stderr()).contains("no terminal").contains("--password-stdin");
      assertThat(server.requests).isEmpty();
    }
  }

  @Test
  void activateWhenPasswordWrongThenReportsRuleAndExit2() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      FakeTerminal terminal = new FakeTerminal().stdin("13572468");
      int code = activate(terminal, server, "--password-stdin");
      assertThat(code).isEqualTo(ExitCodes.ACTIVATION_FAILED);
      assertThat(terminal.stderr())
          .contains("Activation failed")
          .contains("After 5 wrong activation passwords the issuance is void");
      assertThat(Files.exists(home().vaultFile())).isFalse();
    }
  }

  @Test
  void activateWhenPasswordTypedOnConsoleThenStoredAndCodeShown() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      FakeTerminal terminal = new FakeTerminal().interactive(FakeActivationServer.PASSWORD);
      assertThat(activate(terminal, server, "--lang", "ja")).isZero();
      assertThat(terminal.prompts).containsExactly("利用開始パスワード: ");
      assertThat(terminal.stdout())
          .contains("設定が完了しました: Fake Bank（サービスID demo、ユーザーID 2915086876）")
          .contains("アプリロックについて");

      FakeTerminal code = new FakeTerminal();
      assertThat(run(code, "code")).isZero();
      assertThat(code.stdout()).matches("\\d{6}  \\(\\d{1,2} s left\\)\\R");
      FakeTerminal codeJa = new FakeTerminal();
      assertThat(run(codeJa, "--lang", "ja", "code", "demo")).isZero();
      assertThat(codeJa.stdout()).matches("\\d{6}（残り\\d{1,2}秒）\\R");
    }
  }

  @Test
  void activateWhenTheServiceRequiresTheAppLockThenCodesWaitForAPinThatCannotBeCleared()
      throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      server.appLock = dev.ichie.activation.AppLock.REQUIRED;
      FakeTerminal terminal = new FakeTerminal().stdin(FakeActivationServer.PASSWORD);
      assertThat(activate(terminal, server, "--password-stdin")).isZero();
      assertThat(terminal.stdout())
          .contains("Fake Bank requires one")
          .contains("ichie-token lock --set")
          .doesNotContain("with a PIN, nobody can see");

      FakeTerminal code = new FakeTerminal();
      assertThat(run(code, "code")).isEqualTo(ExitCodes.LOCKED);
      assertThat(code.stdout()).isEmpty();
      assertThat(code.stderr()).contains("Fake Bank requires an app lock");
      FakeTerminal codeJa = new FakeTerminal();
      assertThat(run(codeJa, "--lang", "ja", "code")).isEqualTo(ExitCodes.LOCKED);
      assertThat(codeJa.stderr()).contains("Fake Bankでは、アプリロック（PIN）の設定が必要です");
      FakeTerminal list = new FakeTerminal();
      assertThat(run(list, "list")).isZero();
      assertThat(list.stdout()).contains("App lock: off").contains("required by the service");

      assertThat(run(new FakeTerminal().stdin("246813"), "lock", "--set", "--pin-stdin")).isZero();
      FakeTerminal withPin = new FakeTerminal().stdin("246813");
      assertThat(run(withPin, "code", "--plain", "--pin-stdin")).isZero();
      assertThat(withPin.stdout()).matches("\\d{6}\\R");
      FakeTerminal clear = new FakeTerminal().stdin("246813");
      assertThat(run(clear, "lock", "--clear", "--pin-stdin")).isEqualTo(ExitCodes.LOCKED);
      assertThat(clear.stderr()).contains("the PIN cannot be turned off");
      FakeTerminal status = new FakeTerminal();
      assertThat(run(status, "lock")).isZero();
      assertThat(status.stdout()).contains("App lock: on");
    }
  }

  private int activate(FakeTerminal terminal, FakeActivationServer server, String... more) {
    String[] base = {
      "activate",
      "--server",
      server.url(),
      "--service-id",
      FakeActivationServer.SERVICE_ID,
      "--user-id",
      FakeActivationServer.USER_ID,
      "--device-label",
      "CLI test"
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return run(terminal, args);
  }

  @Test
  void activateWhenPlainHttpToAnotherHostThenRefusedExit10() {
    FakeTerminal terminal = new FakeTerminal().stdin("24681357");
    int code =
        run(
            terminal,
            "activate",
            "--server",
            "http://bank.example.jp",
            "--service-id",
            "demo",
            "--user-id",
            "1234",
            "--password-stdin");
    assertThat(code).isEqualTo(ExitCodes.INSECURE_REFUSED);
    assertThat(terminal.stderr()).contains("plain HTTP").contains("https://");
  }

  @Test
  void activateWhenInsecureFlagThenWarnsLoudlyFirst() {
    FakeTerminal terminal = new FakeTerminal().stdin("24681357");
    int code =
        run(
            terminal,
            "activate",
            "--server",
            "http://bank.example.jp",
            "--service-id",
            "demo",
            "--user-id",
            "not-digits",
            "--password-stdin",
            "--insecure-plain-http");
    assertThat(code).isEqualTo(ExitCodes.USAGE); // the bad user ID stops it before any connection
    assertThat(terminal.stderr()).startsWith("WARNING: http://bank.example.jp is plain HTTP");
  }

  @Test
  void codeWhenNoAccountsThenExit9() {
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "code")).isEqualTo(ExitCodes.NO_ACCOUNT);
    assertThat(terminal.stderr()).contains("no account yet");
  }

  @Test
  void codeWhenSeveralAccountsAndNoneNamedThenExit9() throws Exception {
    TestVaults.write(home(), "a:1", "b:2");
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "code")).isEqualTo(ExitCodes.NO_ACCOUNT);
    assertThat(terminal.stderr()).contains("More than one account").contains("list command");
    FakeTerminal unknown = new FakeTerminal();
    assertThat(run(unknown, "code", "c:3")).isEqualTo(ExitCodes.NO_ACCOUNT);
    assertThat(unknown.stderr()).contains("There is no account c:3.");
  }

  @Test
  void codeAtWhenGivenThenTheRfc6238Vector() throws Exception {
    TestVaults.write(home(), "a:1", "b:2");
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "code", "b", "--plain", "--at", "59")).isZero();
    assertThat(terminal.stdout()).isEqualTo("94287082" + System.lineSeparator());
  }

  @Test
  void codeWatchWhenCountedThenPrintsEachRefresh() throws Exception {
    TestVaults.write(home(), "a:1");
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "code", "--watch", "--watch-count", "2", "--plain")).isZero();
    assertThat(terminal.stdout().lines()).hasSize(2).allMatch(l -> l.matches("\\d{8}"));
  }

  @Test
  void listWhenAccountsThenShownInJapanese() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "--lang", "ja", "list")).isZero();
    assertThat(terminal.stdout())
        .contains("アプリロック: オフ")
        .contains("demo:1234")
        .contains("サービスID: demo")
        .contains("ユーザーID: 1234")
        .contains("トークン: HMAC-SHA1、8桁、30秒ごと");
    FakeTerminal plain = new FakeTerminal();
    assertThat(run(plain, "list", "--plain")).isZero();
    assertThat(plain.stdout()).isEqualTo("demo:1234" + System.lineSeparator());
  }

  @Test
  void removeWhenNoConsoleAndNoYesThenKeptAndExit1() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "remove", "demo:1234")).isEqualTo(ExitCodes.USAGE);
    assertThat(terminal.stderr()).contains("--yes");
    assertThat(listed()).contains("demo:1234");
  }

  @Test
  void removeWhenConsoleSaysNoThenKept() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal terminal = new FakeTerminal().interactive("no");
    assertThat(run(terminal, "remove", "1234")).isEqualTo(ExitCodes.USAGE);
    assertThat(terminal.stderr()).contains("stop using one-time passwords").contains("Nothing");
    assertThat(listed()).contains("demo:1234");
  }

  @Test
  void removeWhenConfirmedThenGone() throws Exception {
    TestVaults.write(home(), "demo:1234", "other:5");
    FakeTerminal terminal = new FakeTerminal().interactive("はい");
    assertThat(run(terminal, "--lang", "ja", "remove", "demo")).isZero();
    assertThat(terminal.stdout()).contains("demo:1234 を削除しました。");
    assertThat(listed()).doesNotContain("demo:1234").contains("other:5");
    assertThat(run(new FakeTerminal(), "remove", "other:5", "--yes")).isZero();
    assertThat(listed()).isEmpty();
  }

  private String listed() {
    FakeTerminal terminal = new FakeTerminal();
    run(terminal, "list", "--plain");
    return terminal.stdout();
  }

  @Test
  void lockWhenSetFromStdinThenEveryCommandNeedsThePin() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal set = new FakeTerminal().stdin("2718281");
    assertThat(run(set, "lock", "--set", "--pin-stdin")).isZero();
    assertThat(set.stdout()).contains("The app lock is on");

    FakeTerminal noPin = new FakeTerminal();
    assertThat(run(noPin, "code")).isEqualTo(ExitCodes.LOCKED);
    assertThat(noPin.stderr()).contains("locked").contains("--pin-stdin").contains("environment");

    FakeTerminal wrong = new FakeTerminal().stdin("2718282");
    assertThat(run(wrong, "code", "--pin-stdin")).isEqualTo(ExitCodes.LOCKED);
    assertThat(wrong.stderr()).contains("Wrong PIN.");

    FakeTerminal right = new FakeTerminal().stdin("2718281");
    assertThat(run(right, "code", "--plain", "--at", "59", "--pin-stdin")).isZero();
    assertThat(right.stdout()).startsWith("94287082");

    FakeTerminal status = new FakeTerminal();
    assertThat(run(status, "lock")).isZero();
    assertThat(status.stdout()).contains("App lock: on");
  }

  @Test
  void lockWhenConsoleThenThreeTriesAtThePin() throws Exception {
    TestVaults.write(home(), "demo:1234");
    assertThat(run(new FakeTerminal().stdin("2718281"), "lock", "--set", "--pin-stdin")).isZero();

    FakeTerminal third = new FakeTerminal().interactive("1", "2", "2718281");
    assertThat(run(third, "code", "--plain", "--at", "59")).isZero();
    assertThat(third.stderr().lines().filter("Wrong PIN."::equals)).hasSize(2);

    FakeTerminal never = new FakeTerminal().interactive("1", "2", "3", "2718281");
    assertThat(run(never, "code")).isEqualTo(ExitCodes.LOCKED);
    assertThat(never.console).containsExactly("2718281");
  }

  @Test
  void lockWhenChangedAndClearedThenOldPinsStopWorking() throws Exception {
    TestVaults.write(home(), "demo:1234");
    assertThat(run(new FakeTerminal().stdin("111111"), "lock", "--set", "--pin-stdin")).isZero();
    assertThat(run(new FakeTerminal().stdin("111111", "222222"), "lock", "--change", "--pin-stdin"))
        .isZero();
    assertThat(run(new FakeTerminal().stdin("111111"), "list", "--pin-stdin"))
        .isEqualTo(ExitCodes.LOCKED);
    assertThat(run(new FakeTerminal().stdin("222222"), "lock", "--clear", "--pin-stdin")).isZero();
    assertThat(run(new FakeTerminal(), "list")).isZero();
    FakeTerminal again = new FakeTerminal();
    assertThat(run(again, "lock", "--clear")).isEqualTo(ExitCodes.USAGE);
    assertThat(again.stderr()).contains("The app lock is off");
  }

  @Test
  void lockWhenConsolePinsDifferThenNothingChanged() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal terminal = new FakeTerminal().interactive("111111", "111112");
    assertThat(run(terminal, "lock", "--set")).isEqualTo(ExitCodes.USAGE);
    assertThat(terminal.stderr()).contains("differ");
    assertThat(run(new FakeTerminal(), "list")).isZero();
  }

  @Test
  void lockWhenPinTooShortThenExit1() throws Exception {
    TestVaults.write(home(), "demo:1234");
    FakeTerminal terminal = new FakeTerminal().stdin("12345");
    assertThat(run(terminal, "lock", "--set", "--pin-stdin")).isEqualTo(ExitCodes.USAGE);
    assertThat(terminal.stderr()).contains("6 to 64 characters");
  }

  @Test
  void anyCommandWhenVaultDamagedThenExit8WithPathAndNoReset() throws Exception {
    TestVaults.write(home(), "demo:1234");
    byte[] vault = Files.readAllBytes(home().vaultFile());
    vault[vault.length - 3] ^= 0x10;
    Files.write(home().vaultFile(), vault);

    FakeTerminal terminal = new FakeTerminal();
    assertThat(run(terminal, "code")).isEqualTo(ExitCodes.VAULT_DAMAGED);
    assertThat(terminal.stderr())
        .contains("cannot be read")
        .contains("Nothing was changed or reset")
        .contains(home().directory().toString());
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(vault);
  }

  @Test
  void timeWhenServerAnswersThenOffsetShownAndKept() throws Exception {
    try (FakeActivationServer server = new FakeActivationServer()) {
      assertThat(
              activate(
                  new FakeTerminal().stdin(FakeActivationServer.PASSWORD),
                  server,
                  "--password-stdin"))
          .isZero();
      FakeTerminal terminal = new FakeTerminal();
      assertThat(run(terminal, "time")).isZero();
      assertThat(terminal.stdout())
          .contains("Device clock compared with " + server.url())
          .contains("clock is right");
    }
  }
}

package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.browser.Browser;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Passkeys in web banking, in Chromium with a CDP virtual authenticator (ctap2, internal, resident
 * key, user verification): registered after a login with the code, a usernameless login with no
 * password, a transfer approved by an assertion bound to it, rename and removal; and the same
 * authenticator on another origin gets nothing in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Import(TestConfig.class)
class NetbankPasskeyBrowserTest {

  static final int PORT = freePort();
  static final Actor BANK = new Actor(Actor.Type.SYSTEM, "test", null);

  @DynamicPropertySource
  static void localhost(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("ichie.services.demo.passkeys.rp-id", () -> "localhost");
    registry.add("ichie.services.demo.passkeys.origins[0]", () -> "http://localhost:" + PORT);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  static void waitForPath(Browser b, String path) {
    new WebDriverWait(b.driver(), Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .withMessage(() -> path + " after the passkey, not " + b.path())
        .until(d -> b.path().equals(path));
  }

  long balance(String customerId) {
    return customers.accounts(customerId).stream().mapToLong(BankCustomers.Account::balance).sum();
  }

  final Totp totp = new Totp(TotpParameters.DEFAULT);

  /** The labels the test clicks by, in each language (the Japanese ones are the screens' own). */
  static final Map<String, Map<String, String>> LABELS =
      Map.of(
          "ja",
          Map.ofEntries(
              Map.entry("loginId", "ログインID"),
              Map.entry("password", "ログインパスワード"),
              Map.entry("submit", "ログイン"),
              Map.entry("code", "ワンタイムパスワード"),
              Map.entry("execute", "実行"),
              Map.entry("label", "パスキーの名前"),
              Map.entry("confirm", "確認用パスワード"),
              Map.entry("register", "パスキーを登録"),
              Map.entry("registered", "パスキーを登録しました。"),
              Map.entry("device", "この端末のみ"),
              Map.entry("none", "登録されたパスキーはありません"),
              Map.entry("logout", "ログアウト"),
              Map.entry("passkeyLogin", "パスキーでログイン"),
              Map.entry("failed", "パスキーで確認できませんでした"),
              Map.entry("payeeBank", "振込先金融機関"),
              Map.entry("payeeBranch", "支店"),
              Map.entry("payeeNumber", "振込先口座番号（7桁）"),
              Map.entry("payeeName", "受取人名"),
              Map.entry("amount", "金額（円）"),
              Map.entry("approve", "パスキーで承認"),
              Map.entry("rename", "名前を変更"),
              Map.entry("renamed", "パスキーの名前を変更しました。"),
              Map.entry("remove", "削除"),
              Map.entry("removeWithPasskey", "パスキーで確認して削除"),
              Map.entry("removed", "パスキーを削除しました。")),
          "en",
          Map.ofEntries(
              Map.entry("loginId", "Login ID"),
              Map.entry("password", "Login password"),
              Map.entry("submit", "Log in"),
              Map.entry("code", "One-time password"),
              Map.entry("execute", "Execute"),
              Map.entry("label", "Name of the passkey"),
              Map.entry("confirm", "Confirmation password"),
              Map.entry("register", "Register a passkey"),
              Map.entry("registered", "The passkey is registered."),
              Map.entry("device", "this device only"),
              Map.entry("none", "You have no passkey yet."),
              Map.entry("logout", "Log out"),
              Map.entry("passkeyLogin", "Log in with a passkey"),
              Map.entry("failed", "The passkey could not be checked"),
              Map.entry("payeeBank", "Payee bank"),
              Map.entry("payeeBranch", "Branch"),
              Map.entry("payeeNumber", "Payee account number (7 digits)"),
              Map.entry("payeeName", "Payee name"),
              Map.entry("amount", "Amount (yen)"),
              Map.entry("approve", "Approve with a passkey"),
              Map.entry("rename", "Rename"),
              Map.entry("renamed", "The passkey is renamed."),
              Map.entry("remove", "Remove"),
              Map.entry("removeWithPasskey", "Confirm with a passkey and remove"),
              Map.entry("removed", "The passkey is removed.")));

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ja", "en"})
  void
      passkeyWhenRegisteredAfterCodeLoginThenLogsInStepsUpATransferIsRenamedAndRemovedButNothingFromAnotherOrigin(
          String lang) throws Exception {
    Map<String, String> t = LABELS.get(lang);
    String query = "ja".equals(lang) ? "" : "?lang=en";
    clock.set(TestConfig.START);
    String id = "NP" + lang + System.nanoTime() % 100_000;
    String loginId = "np" + id.toLowerCase();
    customers.create(id, loginId, "鈴木 一郎", "np-pass-2026", "np-kakunin", "N" + id, 10_000);
    String tokenId =
        issuance.issue("demo", id, "np@example.jp", "50738291", BANK).status().tokenId();
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(tokenId, secret, "c", "phone", BANK);
    codes.startUse("demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK);
    clock.advance(Duration.ofSeconds(30));

    try (Browser b = Browser.start(PORT, lang, "localhost")) {
      b.driver().executeCdpCommand("WebAuthn.enable", Map.of());
      b.driver()
          .executeCdpCommand(
              "WebAuthn.addVirtualAuthenticator",
              Map.of(
                  "options",
                  Map.of(
                      "protocol",
                      "ctap2",
                      "transport",
                      "internal",
                      "hasResidentKey",
                      true,
                      "hasUserVerification",
                      true,
                      "isUserVerified",
                      true,
                      "automaticPresenceSimulation",
                      true)))
          .get("authenticatorId");
      b.open("/netbank/login" + query);
      // The login page as a customer sees it (the authenticator holds no passkey yet).
      b.screenshot(
          "netbank-21-passkey-login" + ("ja".equals(lang) ? "" : "-en"), "ja".equals(lang));
      b.type(t.get("loginId"), loginId)
          .type(t.get("password"), "np-pass-2026")
          .clickButton(t.get("submit"))
          .type(t.get("code"), UsedSecrets.add(totp.generate(secret, clock.instant())))
          .clickButton(t.get("execute"));
      assertThat(b.path()).isEqualTo("/netbank/");

      b.open("/netbank/passkeys")
          .type(t.get("label"), "iPhone")
          .type(t.get("confirm"), "np-kakunin");
      b.pressButton(t.get("register"));
      b.waitForText(t.get("registered"));
      b.screenshot("netbank-20-passkeys" + ("ja".equals(lang) ? "" : "-en"), "ja".equals(lang));
      assertThat(b.main()).contains(t.get("device")).doesNotContain(t.get("none"));
      assertThat(
              b.driver()
                  .findElement(By.cssSelector("#passkey-1 input[name=label]"))
                  .getDomProperty("value"))
          .isEqualTo("iPhone");

      b.clickButton(t.get("logout"));

      // Usernameless: no login ID typed, no password; the passkey names the customer.
      b.open("/netbank/login");
      b.pressButton(t.get("passkeyLogin"));
      waitForPath(b, "/netbank/");
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isNotEmpty();

      // A transfer stepped up by an assertion bound to its payee and amount.
      long before = balance(id);
      b.open("/netbank/transfer")
          .type(t.get("payeeBank"), "いちえ銀行")
          .type(t.get("payeeBranch"), "本店")
          .type(t.get("payeeNumber"), "7654321")
          .type(t.get("payeeName"), "ヤマダ タロウ")
          .type(t.get("amount"), "3000");
      b.screenshot(
          "netbank-22-transfer-passkey" + ("ja".equals(lang) ? "" : "-en"), "ja".equals(lang));
      b.pressButton(t.get("approve"));
      waitForPath(b, "/netbank/transfer/done");
      assertThat(b.main()).contains("7654321").contains("3,000");
      assertThat(balance(id)).isEqualTo(before - 3000);

      // The same authenticator on another origin (127.0.0.1, while the rpId is localhost), as a
      // relaying site would serve the same page: the browser makes no assertion the server takes.
      b.clickButton(t.get("logout"));
      b.driver().get("http://127.0.0.1:" + PORT + "/netbank/login" + query);
      b.pressButton(t.get("passkeyLogin"));
      b.waitForText(t.get("failed"));
      assertThat(b.driver().getCurrentUrl()).contains("/netbank/login");
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isEmpty();

      // Back on the bank's origin: autofill. In the login ID field the page asks with conditional
      // mediation, which the virtual authenticator answers at once (a customer picks the passkey
      // from the field's list). Then rename the passkey, and remove it with a fresh assertion.
      b.open("/netbank/login");
      b.field(t.get("loginId")).click();
      waitForPath(b, "/netbank/");
      b.open("/netbank/passkeys");
      var name = b.driver().findElement(By.cssSelector("#passkey-1 input[name=label]"));
      name.clear();
      name.sendKeys("iPhone 17");
      b.clickButton(t.get("rename"));
      assertThat(b.main()).contains(t.get("renamed"));
      assertThat(
              b.driver()
                  .findElement(By.cssSelector("#passkey-1 input[name=label]"))
                  .getDomProperty("value"))
          .isEqualTo("iPhone 17");
      b.driver().findElement(By.cssSelector("#passkey-1 summary")).click();
      b.screenshot(
          "netbank-23-passkey-remove" + ("ja".equals(lang) ? "" : "-en"), "ja".equals(lang));
      b.pressButton(t.get("removeWithPasskey"));
      assertThat(b.waitForText(t.get("removed"))).contains(t.get("none"));
      b.clickButton(t.get("logout"));

      // Removed: the passkey the authenticator still offers logs nobody in any more.
      b.open("/netbank/login");
      b.field(t.get("loginId")).click();
      b.waitForText(t.get("failed"));
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isEmpty();
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'np@example.jp'"
                        + " AND kind = 'LOGIN'")
                .query(Long.class)
                .single())
        .as("a mail for every login")
        .isGreaterThanOrEqualTo(3);
  }
}

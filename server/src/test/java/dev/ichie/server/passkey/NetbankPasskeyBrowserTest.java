package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.Browser;
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
 * key, user verification): registered after a login with the code, then a login with the login ID
 * and the passkey, no password; and the same passkey from another origin gets nothing in.
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
              Map.entry("failed", "パスキーで確認できませんでした")),
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
              Map.entry("failed", "The passkey could not be checked")));

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ja", "en"})
  void passkeyWhenRegisteredAfterCodeLoginThenLogsInWithoutPasswordAndNotFromAnotherOrigin(
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
                      "protocol", "ctap2",
                      "transport", "internal",
                      "hasResidentKey", true,
                      "hasUserVerification", true,
                      "isUserVerified", true,
                      "automaticPresenceSimulation", true)));
      b.open("/netbank/login" + query)
          .type(t.get("loginId"), loginId)
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
      assertThat(b.main())
          .contains("iPhone")
          .contains(t.get("device"))
          .doesNotContain(t.get("none"));

      b.clickButton(t.get("logout"));
      b.open("/netbank/login").type(t.get("loginId"), loginId);
      b.screenshot(
          "netbank-21-passkey-login" + ("ja".equals(lang) ? "" : "-en"), "ja".equals(lang));
      b.pressButton(t.get("passkeyLogin"));
      new WebDriverWait(b.driver(), Duration.ofSeconds(15))
          .withMessage(() -> "the top page after the passkey, not " + b.path() + ": " + b.main())
          .until(d -> b.path().equals("/netbank/"));
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isNotEmpty();
      b.clickButton(t.get("logout"));
    }

    // The same kind of page on another origin (127.0.0.1, while the rpId is localhost), as a
    // relaying site would serve it: the browser gives it no assertion for this passkey, and the
    // customer is not logged in.
    try (Browser b = Browser.start(PORT, lang)) {
      b.driver().executeCdpCommand("WebAuthn.enable", Map.of());
      b.open("/netbank/login" + query).type(t.get("loginId"), loginId);
      b.pressButton(t.get("passkeyLogin"));
      b.waitForText(t.get("failed"));
      assertThat(b.path()).startsWith("/netbank/login");
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isEmpty();
    }
  }
}

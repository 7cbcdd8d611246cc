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
import org.junit.jupiter.api.Test;
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

  @Test
  void passkeyWhenRegisteredAfterCodeLoginThenLogsInWithoutPasswordAndNotFromAnotherOrigin()
      throws Exception {
    clock.set(TestConfig.START);
    String id = "NP" + System.nanoTime() % 100_000;
    String loginId = "np" + id.toLowerCase();
    customers.create(id, loginId, "鈴木 一郎", "np-pass-2026", "np-kakunin", "N" + id, 10_000);
    String tokenId =
        issuance.issue("demo", id, "np@example.jp", "50738291", BANK).status().tokenId();
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(tokenId, secret, "c", "phone", BANK);
    codes.startUse("demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK);
    clock.advance(Duration.ofSeconds(30));

    try (Browser b = Browser.start(PORT, "ja", "localhost")) {
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
      b.open("/netbank/login")
          .type("ログインID", loginId)
          .type("ログインパスワード", "np-pass-2026")
          .clickButton("ログイン")
          .type("ワンタイムパスワード", UsedSecrets.add(totp.generate(secret, clock.instant())))
          .clickButton("実行");
      assertThat(b.path()).isEqualTo("/netbank/");

      b.open("/netbank/passkeys").type("パスキーの名前", "iPhone").type("確認用パスワード", "np-kakunin");
      b.pressButton("パスキーを登録");
      b.waitForText("パスキーを登録しました。");
      assertThat(b.main()).contains("iPhone").contains("この端末のみ").doesNotContain("登録されたパスキーはありません");

      b.clickButton("ログアウト");
      b.open("/netbank/login").type("ログインID", loginId);
      b.pressButton("パスキーでログイン");
      new WebDriverWait(b.driver(), Duration.ofSeconds(15))
          .withMessage(() -> "the top page after the passkey, not " + b.path() + ": " + b.main())
          .until(d -> b.path().equals("/netbank/"));
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isNotEmpty();
      b.clickButton("ログアウト");
    }

    // The same kind of page on another origin (127.0.0.1, while the rpId is localhost), as a
    // relaying site would serve it: the browser gives it no assertion for this passkey, and the
    // customer is not logged in.
    try (Browser b = Browser.start(PORT, "ja")) {
      b.driver().executeCdpCommand("WebAuthn.enable", Map.of());
      b.open("/netbank/login").type("ログインID", loginId);
      b.pressButton("パスキーでログイン");
      b.waitForText("パスキーで確認できませんでした");
      assertThat(b.path()).startsWith("/netbank/login");
      assertThat(b.driver().findElements(By.cssSelector("form.logout"))).isEmpty();
    }
  }
}

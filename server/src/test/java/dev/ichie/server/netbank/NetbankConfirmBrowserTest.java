package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.Confirmation;
import dev.ichie.browser.Browser;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.TestTokenApp;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 取引認証 in Chromium, in Japanese and English, the token app played from the protocol: the transfer
 * form sends the transfer to the app; the waiting page shows every field and, once the app
 * approves, makes the transfer by itself; a rejection in the app cancels the next one; the offline
 * code approves a third.
 */
@ServerTest
class NetbankConfirmBrowserTest {

  @LocalServerPort int port;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;

  final Totp totp = new Totp(TotpParameters.DEFAULT);

  long balance(String id) {
    return customers.accounts(id).get(0).balance();
  }

  private void fill(Browser b, Ui ui, String confirm, String yen) {
    b.type(ui.t("transfer.payeeBank"), "みなと銀行")
        .type(ui.t("transfer.payeeBranch"), "本店")
        .type(ui.t("transfer.payeeNumber"), "7000123")
        .type(ui.t("transfer.payeeName"), "スズキ イチロウ")
        .type(ui.t("transfer.amount"), yen)
        .type(ui.t("confirm.password"), confirm);
    new Select(b.driver().findElement(By.id("payeeAccountType"))).selectByValue("CURRENT");
  }

  /** From the top page: 「振込」, the form filled, 「実行」, then the waiting page. */
  private String sendToApp(Browser b, Ui ui, String confirm, String yen) {
    b.clickLink(ui.t("action.back"));
    b.waitFor(ui.t("top.title"));
    b.clickLink(ui.t("top.transfer"));
    b.waitFor(ui.t("transfer.title"));
    fill(b, ui, confirm, yen);
    b.clickButton(ui.t("action.execute"));
    return b.waitFor(ui.t("transfer.confirm.title"));
  }

  private JsonNode pending(TestTokenApp app) {
    clock.advance(Duration.ofSeconds(1));
    JsonNode list = app.poll(app.now()).json().get("confirmations");
    assertThat(list.size()).isEqualTo(1);
    return list.get(0);
  }

  private static List<Confirmation.Field> fields(JsonNode c) {
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : c.get("fields")) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    return fields;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ja", "en"})
  void transferWhenApprovedRejectedOrCodedThenMadeCancelledMade(String lang) {
    clock.set(TestConfig.START);
    Ui ui = "ja".equals(lang) ? Ui.JA : Ui.EN;
    String suffix = "ja".equals(lang) ? "" : "-en";
    boolean docs = "ja".equals(lang);
    String id = "CB" + lang + (System.nanoTime() % 100_000);
    String loginId = "cb" + id.toLowerCase();
    String password = UsedSecrets.add("login-pass-" + new SecureRandom().nextInt(1_000_000));
    String confirm = UsedSecrets.add("confirm-" + new SecureRandom().nextInt(1_000_000));
    customers.create(
        id,
        loginId,
        "試験 次郎",
        password,
        confirm,
        ("ja".equals(lang) ? "51" : "52") + "00001",
        500_000);
    var issued =
        issuance.issue(
            "demo", id, id + "@example.jp", "50738291", new Actor(Actor.Type.CUSTOMER, id, null));
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(
        issued.status().tokenId(), secret, "cred-" + id, "phone", Actor.SYSTEM);
    codes.startUse(
        "demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), Actor.SYSTEM);
    clock.advance(Duration.ofSeconds(30));
    TestTokenApp app =
        new TestTokenApp(
            new Http(port),
            clock,
            id,
            issued.status().userId(),
            "cred-" + id,
            secret.bytes(SecretAccess.get()));
    assertThat(app.enrol().status()).isEqualTo(200);

    try (Browser b = Browser.start(port, lang)) {
      b.open("/netbank/login?lang=" + lang);
      b.type(ui.t("login.loginId"), loginId)
          .type(ui.t("login.password"), password)
          .clickButton(ui.t("login.submit"));
      b.waitFor(ui.t("loginOtp.title"));
      b.type(ui.t("otp.code"), UsedSecrets.add(totp.generate(secret, clock.instant())));
      b.clickButton(ui.t("action.execute"));
      b.waitFor(ui.t("top.title"));

      // Approved in the app: the waiting page makes the transfer by itself.
      b.clickLink(ui.t("top.transfer"));
      b.waitFor(ui.t("transfer.title"));
      assertThat(b.driver().findElements(By.id("code"))).as("no code field").isEmpty();
      fill(b, ui, confirm, "30000");
      b.clickButton(ui.t("action.execute"));
      String waiting = b.waitFor(ui.t("transfer.confirm.title"));
      assertThat(waiting)
          .contains(ui.t("transfer.confirm.instruction"))
          .contains(ui.t("transfer.field.payeeBank"))
          .contains(ui.t("transfer.field.payeeAccountType"))
          .contains("みなと銀行")
          .contains("当座")
          .contains("7000123")
          .contains(ui.money(30_000));
      b.screenshot("netbank-24-transfer-confirm" + suffix, docs);
      JsonNode c = pending(app);
      assertThat(
              app.decide(c.get("confirmationId").asString(), fields(c), "APPROVE", app.key)
                  .status())
          .isEqualTo(200);
      assertThat(b.waitFor(ui.t("transferDone.title"))).contains(ui.money(470_000));
      assertThat(balance(id)).isEqualTo(470_000);

      // Rejected in the app: cancelled, and said so.
      sendToApp(b, ui, confirm, "200000");
      c = pending(app);
      app.decide(c.get("confirmationId").asString(), fields(c), "REJECT", app.key);
      assertThat(b.waitFor(ui.t("transfer.rejected.title")))
          .contains(ui.t("transfer.rejected.contact"))
          .contains(ui.money(200_000));
      b.screenshot("netbank-25-transfer-rejected" + suffix, docs);
      assertThat(balance(id)).isEqualTo(470_000);

      // The app cannot connect: the offline code over the account number and the amount.
      sendToApp(b, ui, confirm, "12000");
      b.driver().findElement(By.cssSelector("#offline summary")).click();
      b.type(ui.t("transfer.offline.code"), app.offlineCode("7000123", 12_000));
      b.screenshot("netbank-26-transfer-offline" + suffix, docs);
      b.click(b.driver().findElement(By.id("offline-submit")));
      assertThat(b.waitFor(ui.t("transferDone.title"))).contains(ui.money(458_000));
      assertThat(balance(id)).isEqualTo(458_000);
    }
  }
}

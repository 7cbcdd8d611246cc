package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.Confirmation;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.TestTokenApp;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A web-banking customer whose token is in use, and the token app played from the protocol of
 * CONFIRMATION.md, for the 取引認証 tests of web banking.
 */
abstract class TransferConfirmFixture {

  static final AtomicInteger IDS = new AtomicInteger();
  static final String PAYEE_NUMBER = "7000123";

  @LocalServerPort int port;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;

  String id;
  String loginId;
  String mail;
  final String password = UsedSecrets.add("login-pass-" + new SecureRandom().nextInt(1_000_000));
  final String confirm = UsedSecrets.add("confirm-" + new SecureRandom().nextInt(1_000_000));
  final Totp totp = new Totp(TotpParameters.DEFAULT);
  Secret secret;
  WebClient web;
  TestTokenApp app;

  @BeforeEach
  void customerWithTokenAndDeviceKey() {
    clock.set(TestConfig.START);
    int n = IDS.incrementAndGet();
    id = "T" + (System.nanoTime() % 100_000) + n;
    loginId = "tx" + id.toLowerCase();
    mail = "tx" + n + "@example.jp";
    customers.create(
        id, loginId, "試験 花子", password, confirm, "6" + String.format("%06d", n), 500_000);
    var issued =
        issuance.issue("demo", id, mail, "50738291", new Actor(Actor.Type.CUSTOMER, id, null));
    secret = Secret.random(new SecureRandom(), 20);
    String credentialId = "cred-" + id;
    activations.completeActivation(
        issued.status().tokenId(), secret, credentialId, "phone", Actor.SYSTEM);
    codes.startUse(
        "demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), Actor.SYSTEM);
    clock.advance(Duration.ofSeconds(30));
    app =
        new TestTokenApp(
            new Http(port),
            clock,
            id,
            issued.status().userId(),
            credentialId,
            secret.bytes(SecretAccess.get()));
    web = new WebClient(port);
  }

  void login() {
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", password);
    WebClient.Page top =
        web.post(
            "/netbank/login/otp", "code", UsedSecrets.add(totp.generate(secret, clock.instant())));
    assertThat(top.location()).isEqualTo("/netbank/");
    clock.advance(Duration.ofSeconds(30));
  }

  long balance() {
    return customers.accounts(id).get(0).balance();
  }

  static String requestKey(WebClient.Page page) {
    return page.body().replaceAll("(?s).*name=\"requestKey\" value=\"([^\"]+)\".*", "$1");
  }

  /** Fills the transfer form and sends it with the confirmation password and no code. */
  WebClient.Page transfer(String key, String number, String yen, String... more) {
    List<String> f =
        new ArrayList<>(
            List.of(
                "requestKey",
                key,
                "accountId",
                customers.accounts(id).get(0).id(),
                "payeeBank",
                "みなと銀行",
                "payeeBranch",
                "本店",
                "payeeAccountType",
                "CURRENT",
                "payeeNumber",
                number,
                "payeeName",
                "スズキ イチロウ",
                "amount",
                yen,
                "confirmPassword",
                confirm));
    f.addAll(List.of(more));
    return web.post("/netbank/transfer", f.toArray(String[]::new));
  }

  /** The one pending confirmation, as the app's poll gives it. */
  JsonNode pending() {
    clock.advance(Duration.ofSeconds(1));
    Http.Answer polled = app.poll(app.now());
    assertThat(polled.status()).as(polled.body()).isEqualTo(200);
    JsonNode list = polled.json().get("confirmations");
    assertThat(list.size()).isEqualTo(1);
    return list.get(0);
  }

  static List<Confirmation.Field> fields(JsonNode c) {
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : c.get("fields")) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    return fields;
  }

  /** Logged in, the device key registered, a transfer of 30,000 yen sent to the app. */
  String waitingTransfer() {
    assertThat(app.enrol().status()).isEqualTo(200);
    login();
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body())
        .as("取引認証 instead of the code: no code field")
        .doesNotContain("id=\"code\"")
        .contains("お振込みの内容がトークンアプリに届きます");
    String key = requestKey(form);
    WebClient.Page sent = transfer(key, PAYEE_NUMBER, "３０,０００");
    assertThat(sent.location()).as(sent.body()).isEqualTo("/netbank/transfer/confirm");
    return key;
  }
}

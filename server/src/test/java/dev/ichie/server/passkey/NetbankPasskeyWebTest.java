package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Passkeys in web banking over HTTP, with a software authenticator in place of the browser: the
 * usernameless login and its limit, a transfer's bound assertion presented for another amount,
 * removal with the confirmation password and a fresh code, rename of someone else's passkey, and
 * the mail of every login.
 */
@ServerTest
class NetbankPasskeyWebTest {

  static final AtomicInteger IDS = new AtomicInteger();
  static final Actor BANK = new Actor(Actor.Type.SYSTEM, "test", null);
  static final Pattern REQUEST_KEY = Pattern.compile("name=\"requestKey\" value=\"([^\"]+)\"");

  @LocalServerPort int port;
  @Autowired BankCustomers customers;
  @Autowired PasskeyCeremonies ceremonies;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;

  final ObjectMapper json = new ObjectMapper();
  final Totp totp = new Totp(TotpParameters.DEFAULT);
  String id;
  String loginId;
  String mail;
  final String password = UsedSecrets.add("pw-pass-" + new SecureRandom().nextInt(1_000_000));
  final String confirm = UsedSecrets.add("pw-conf-" + new SecureRandom().nextInt(1_000_000));
  SoftAuthenticator phone;
  WebClient web;

  @BeforeEach
  void customerWithPasskey() throws Exception {
    clock.set(TestConfig.START);
    int n = IDS.incrementAndGet();
    id = "PW" + (System.nanoTime() % 100_000) + n;
    loginId = "pw" + id.toLowerCase();
    mail = "pw-" + id.toLowerCase() + "@example.jp";
    customers.create(id, loginId, "試験 花子", password, confirm, "W" + id, 500_000);
    phone = new SoftAuthenticator();
    register(phone, "iPhone");
    web = new WebClient(port);
  }

  void register(SoftAuthenticator a, String label) throws Exception {
    Subject subject = new Subject("demo", id);
    PasskeyCeremonies.CreationOptions o = ceremonies.startRegistration(subject, loginId).get();
    a.userHandle = Base64.getUrlDecoder().decode(o.userHandle());
    assertThat(
            ceremonies.finishRegistration(
                o.challengeId(),
                subject,
                a.register(new SoftAuthenticator.Ceremony(o.challenge(), "create")),
                label,
                BANK))
        .isEqualTo(PasskeyCeremonies.Registration.OK);
    clock.advance(Duration.ofSeconds(1));
  }

  Secret activeToken() {
    var o = issuance.issue("demo", id, mail, "50738291", BANK);
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(o.status().tokenId(), secret, "c", "p", BANK);
    codes.startUse("demo", id, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK);
    clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  String sign(SoftAuthenticator a, JsonNode options) throws Exception {
    a.counter++;
    return a.assertion(
        new SoftAuthenticator.Ceremony(
            options.get("publicKey").get("challenge").asString(), "get"));
  }

  WebClient.Page passkeyLogin(SoftAuthenticator a, String typedLoginId) throws Exception {
    web.get("/netbank/login");
    WebClient.Page options = web.postJson("/netbank/login/passkey/options", "{}");
    assertThat(options.status()).as(options.body()).isEqualTo(200);
    JsonNode o = json.readTree(options.body());
    assertThat(o.get("publicKey").get("allowCredentials").isEmpty()).isTrue();
    return web.postJson(
        "/netbank/login/passkey",
        "{\"loginId\":%s,\"challengeId\":\"%s\",\"credential\":%s}"
            .formatted(
                typedLoginId == null ? "null" : "\"" + typedLoginId + "\"",
                o.get("challengeId").asString(),
                sign(a, o)));
  }

  long balance() {
    return customers.accounts(id).stream().mapToLong(BankCustomers.Account::balance).sum();
  }

  long mails(String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND kind = ?")
        .params(mail, kind)
        .query(Long.class)
        .single();
  }

  @Test
  void loginWhenPasswordOfACustomerWithOnlyAPasskeyThenLedToThePasskeyNotLoggedIn() {
    web.get("/netbank/login");
    WebClient.Page p = web.post("/netbank/login", "loginId", loginId, "password", password);
    assertThat(p.location()).isEqualTo("/netbank/login");
    assertThat(p.body()).contains("パスキーでのログインが必要です");
    assertThat(web.get("/netbank/").location()).isEqualTo("/netbank/login");
  }

  @Test
  void passkeyLoginWhenUsernamelessThenLoggedInAndWhenAnotherLoginIdTypedThenRefused()
      throws Exception {
    WebClient.Page wrongId = passkeyLogin(phone, "someone-else");
    assertThat(wrongId.status()).isEqualTo(401);
    assertThat(web.get("/netbank/").location()).isEqualTo("/netbank/login");
    WebClient.Page ok = passkeyLogin(phone, null);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(web.get("/netbank/").location()).isEqualTo("/netbank/");
  }

  @Test
  void loginOptionsWhenTooManyFromOneAddressThenRefusedUntilTheNextMinute() {
    // A window of its own: the other tests' logins come from the same address.
    clock.set(TestConfig.START.plus(Duration.ofDays(1)));
    web.get("/netbank/login");
    int ok = 0;
    int status = 200;
    while (status == 200 && ok <= 40) {
      status = web.postJson("/netbank/login/passkey/options", "{}").status();
      if (status == 200) {
        ok++;
      }
    }
    assertThat(status).isEqualTo(429);
    assertThat(ok).isLessThanOrEqualTo(30);
    clock.advance(Duration.ofMinutes(1));
    assertThat(web.postJson("/netbank/login/passkey/options", "{}").status()).isEqualTo(200);
  }

  @Test
  void transferWhenBoundAssertionIsPresentedForAnotherAmountThenRefusedAndNoMoneyMoves()
      throws Exception {
    assertThat(passkeyLogin(phone, null).status()).isEqualTo(200);
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body()).contains("パスキーで承認");
    Matcher key = REQUEST_KEY.matcher(form.body());
    assertThat(key.find()).isTrue();
    String account = customers.accounts(id).get(0).id();
    String[] fields = {
      "requestKey",
      key.group(1),
      "accountId",
      account,
      "payeeBank",
      "いちえ銀行 本店",
      "payeeBranch",
      "本店",
      "payeeAccountType",
      "ORDINARY",
      "payeeNumber",
      "7654321",
      "payeeName",
      "ヤマダ タロウ",
      "amount",
      "3000"
    };
    WebClient.Page options = web.post("/netbank/transfer/passkey-options", fields);
    assertThat(options.status()).as(options.body()).isEqualTo(200);
    JsonNode o = json.readTree(options.body());
    String signed = sign(phone, o);
    long before = balance();

    String[] other = fields.clone();
    other[11] = "300000";
    WebClient.Page refused =
        web.post(
            "/netbank/transfer",
            concat(
                other,
                "passkeyChallenge",
                o.get("challengeId").asString(),
                "passkeyCredential",
                signed));
    assertThat(refused.location()).isEqualTo("/netbank/transfer");
    assertThat(refused.body()).contains("パスキーで確認できませんでした");
    assertThat(balance()).as("no money moved").isEqualTo(before);

    WebClient.Page again = web.post("/netbank/transfer/passkey-options", fields);
    JsonNode o2 = json.readTree(again.body());
    WebClient.Page done =
        web.post(
            "/netbank/transfer",
            concat(
                fields,
                "passkeyChallenge",
                o2.get("challengeId").asString(),
                "passkeyCredential",
                sign(phone, o2)));
    assertThat(done.location()).isEqualTo("/netbank/transfer/done");
    assertThat(balance()).isEqualTo(before - 3000);

    WebClient.Page badForm = web.post("/netbank/transfer/passkey-options", "amount", "x");
    assertThat(badForm.status()).isEqualTo(400);
    assertThat(badForm.body()).contains("message");
  }

  @Test
  void removeWhenConfirmationPasswordAndAFreshCodeThenRemovedAndMailedAndLoginsMailed()
      throws Exception {
    Secret secret = activeToken();
    web.get("/netbank/login");
    web.post("/netbank/login", "loginId", loginId, "password", password);
    WebClient.Page top =
        web.post(
            "/netbank/login/otp", "code", UsedSecrets.add(totp.generate(secret, clock.instant())));
    assertThat(top.location()).isEqualTo("/netbank/");
    assertThat(mails("LOGIN")).as("a mail for the login").isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    String passkey = ceremonies.list(new Subject("demo", id)).get(0).id();
    web.get("/netbank/passkeys");

    WebClient.Page wrong =
        web.post(
            "/netbank/passkeys/" + passkey + "/remove",
            "confirmPassword",
            confirm,
            "code",
            "000000");
    assertThat(wrong.body()).contains("ワンタイムパスワードが正しくありません");
    assertThat(ceremonies.list(new Subject("demo", id))).hasSize(1);

    WebClient.Page removed =
        web.post(
            "/netbank/passkeys/" + passkey + "/remove",
            "confirmPassword",
            confirm,
            "code",
            UsedSecrets.add(totp.generate(secret, clock.instant())));
    assertThat(removed.body()).contains("パスキーを削除しました");
    assertThat(ceremonies.list(new Subject("demo", id))).isEmpty();
    assertThat(mails("PASSKEY_REMOVED")).isEqualTo(1);
  }

  @Test
  void renameWhenAnotherCustomersPasskeyThenRefusedAndTheirNameKept() throws Exception {
    assertThat(passkeyLogin(phone, null).status()).isEqualTo(200);
    String mine = ceremonies.list(new Subject("demo", id)).get(0).id();
    String myId = id;
    WebClient mySession = web;
    customerWithPasskey();
    String theirs = ceremonies.list(new Subject("demo", id)).get(0).id();
    assertThat(theirs).isNotEqualTo(mine);
    // Back to the first customer's session.
    id = myId;
    web = mySession;
    web.get("/netbank/passkeys");
    WebClient.Page refused =
        web.post("/netbank/passkeys/" + theirs + "/rename", "label", "mine now");
    assertThat(refused.body()).contains("パスキーの名前は1〜40文字");
    WebClient.Page renamed = web.post("/netbank/passkeys/" + mine + "/rename", "label", "Pixel");
    assertThat(renamed.body()).contains("パスキーの名前を変更しました");
    assertThat(ceremonies.list(new Subject("demo", myId)).get(0).label()).isEqualTo("Pixel");
  }

  static String[] concat(String[] a, String... b) {
    String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}

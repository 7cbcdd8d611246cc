package dev.ichie.server.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.browser.Browser;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.activation.TokenApp;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.mail.MailOutbox;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The branch console (F8) in headless Chromium at a branch PC's size, clicked through by its
 * Japanese labels, with the customer in a second (phone-sized) browser at web banking: a customer
 * locks their token with wrong codes, a teller finds them and files an unlock request, cannot
 * decide it, a supervisor approves it and the customer logs in with the same app; a lost phone
 * reset under dual control, with the next-day rule kept or waived; the administrator's page with a
 * new staff member setting up their token; no console for a customer or a staff member without
 * their code. The staff are the demo staff of the development defaults, each setting up their own
 * token with the token app (over HTTP) before their first login.
 *
 * <p>{@code -Dichie.screenshots=true} writes the console's screenshots to docs/images; they always
 * go to target/screenshots.
 */
@ServerTest
@TestPropertySource(properties = "ichie.branch.demo-staff=true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BranchConsoleBrowserTest {

  static final Duration STEP = Duration.ofSeconds(30);
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final String TELLER = "teller";
  static final String SUPERVISOR = "supervisor";
  static final String ADMIN = "admin";
  static final String ADMIN2 = "admin2";

  /** The demo staff's passwords (README.md gives them). */
  static final Map<String, String> PASSWORDS =
      Map.of(
          TELLER,
          "teller-pass-2026",
          SUPERVISOR,
          "supervisor-pass-2026",
          ADMIN,
          "admin-pass-2026",
          ADMIN2,
          "admin2-pass-2026");

  /** The secrets of the staff tokens set up so far, by server port and staff ID. */
  static final Map<String, Secret> STAFF_SECRETS = new ConcurrentHashMap<>();

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired TokenIssuance issuance;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired BankCustomers customers;
  @Autowired StaffAccounts staff;
  @Autowired MailOutbox outbox;

  final Totp totp = new Totp(TotpParameters.DEFAULT);

  /** A web-banking customer and what they type. */
  record Customer(
      String ref, String loginId, String name, String password, String confirm, String mail) {}

  @Test
  @Order(1)
  void unlockWhenTokenLockedByWrongCodesThenTellerFilesSupervisorApprovesAndTheSameAppWorks()
      throws Exception {
    Customer c = customer("NB0101", "yamada", "山田 太郎", "1110101");
    Secret app = activeToken(c);
    String userId = queries.status("demo", c.ref()).status().userId();

    // The customer locks their token with five wrong codes at the web-banking login.
    try (Browser phone = Browser.start(port, "ja")) {
      netbankLogin(phone, c);
      phone.waitFor("ワンタイムパスワード");
      for (int i = 0; i < 5; i++) {
        phone.type("ワンタイムパスワード", wrongCode(app)).clickButton("実行");
      }
      assertThat(phone.waitForText("ロックされています")).contains("お取引口座のある支店までご連絡ください");
      assertThat(phone.heading()).isEqualTo("ログイン");
    }
    assertThat(state(c)).isEqualTo(TokenState.LOCKED);

    long id;
    try (Browser teller = Browser.desktop(port, "ja")) {
      // The teller logs in: password, then the code of their own token.
      staffLogin(teller, TELLER, true);
      assertThat(teller.script("return [window.innerWidth, document.documentElement.scrollWidth];"))
          .as("a branch PC's width, and nothing wider")
          .isEqualTo(List.of((long) Browser.DESKTOP_WIDTH, (long) Browser.DESKTOP_WIDTH));

      // Found by login ID and by ユーザーID.
      search(teller, c.loginId());
      assertThat(resultRefs(teller)).containsExactly(c.ref());
      assertThat(teller.main()).contains(c.name());
      teller.screenshot("branch-03-search-results", true);
      search(teller, userId);
      assertThat(resultRefs(teller)).containsExactly(c.ref());

      // The customer's page: the token is locked, no wrong codes left.
      teller.clickLink(c.ref());
      teller.waitFor("お客様情報");
      assertThat(teller.text("token-state")).isEqualTo("ロックされています。");
      assertThat(teller.definition("ロックまでの残り誤り回数")).isEqualTo("0");
      assertThat(teller.definition("トークンアプリの端末")).isEqualTo("Test phone");
      assertThat(teller.definition("ユーザーID")).isEqualTo(userId);
      assertThat(trail(teller)).contains("TOKEN_LOCKED|インターネットバンキング " + c.loginId());
      teller.screenshot("branch-04-customer-locked", true);

      // The unlock request, with the reason and how the identity was checked (to be chosen).
      assertThat(new Select(teller.field("本人確認の方法")).getFirstSelectedOption().getText())
          .isEqualTo("選択してください");
      fileRequest(
          teller,
          "UNLOCK_TOKEN",
          false,
          "DRIVERS_LICENSE",
          "免許証番号 末尾 4821",
          "お客様から電話。ワンタイムパスワードを5回間違えてロック。");
      String filed = teller.waitForText("依頼番号");
      id = requestId(filed);
      assertThat(filed).contains("依頼番号 " + id + " を受け付けました。ご本人以外の役席が承認します。");
      assertThat(requestRow(teller, c.ref()))
          .contains("トークンのロック解除", "お客様から電話", "運転免許証", "承認待ち", TELLER);
      teller.screenshot("branch-05-request-filed", true);

      // On the console the teller sees their own request, with no button to decide it...
      teller.clickLink("戻る");
      teller.waitFor("支店端末");
      WebElement row = teller.driver().findElement(By.id("request-" + id));
      assertThat(row.getText()).contains("トークンのロック解除", TELLER, "ご自身の依頼");
      assertThat(row.findElements(By.tagName("button"))).isEmpty();
      teller.screenshot("branch-06-console-pending", true);

      // ...and approving it anyway (a form posted from the teller's session) is refused.
      postFromPage(teller, "/branch/requests/" + id + "/approve");
      assertThat(teller.waitForText("依頼を判断できるのは役席だけです。")).contains("承認待ちの依頼");
      assertThat(teller.driver().findElements(By.id("request-" + id))).hasSize(1);
      assertThat(state(c)).as("still locked").isEqualTo(TokenState.LOCKED);
      teller.screenshot("branch-teller-refused", false);
    }

    try (Browser supervisor = Browser.desktop(port, "ja")) {
      staffLogin(supervisor, SUPERVISOR, false);
      WebElement row = supervisor.driver().findElement(By.id("request-" + id));
      assertThat(row.getText())
          .as("the customer and the requester by name")
          .contains(
              c.ref(), c.name() + " 様", "トークンのロック解除", "窓口 花子", TELLER, "運転免許証", "免許証番号 末尾 4821");
      assertThat(row.findElements(By.tagName("button")))
          .extracting(WebElement::getText)
          .containsExactly("承認", "却下");
      supervisor.screenshot("branch-07-supervisor-pending", true);
      supervisor.click(row.findElement(By.xpath(".//button[normalize-space(.)='承認']")));
      assertThat(supervisor.waitFor("承認の確認"))
          .as("承認 asks once more, with the request in full")
          .contains(c.name(), "トークンのロック解除", "運転免許証", "窓口 花子");
      assertThat(state(c)).as("nothing done before 「承認する」").isEqualTo(TokenState.LOCKED);
      supervisor.screenshot("branch-07b-approve-confirm", true);
      supervisor.clickButton("承認する");
      assertThat(supervisor.waitForText("依頼を承認し、処理しました。")).contains("承認待ちの依頼");
      assertThat(supervisor.driver().findElements(By.id("request-" + id))).isEmpty();
      assertThat(state(c)).isEqualTo(TokenState.ACTIVE);
      supervisor.screenshot("branch-08-approved", true);

      // The customer's page: active again, and every step in the trail with its staff member.
      supervisor.open("/branch/customers/" + c.ref());
      supervisor.waitFor("お客様情報");
      assertThat(supervisor.text("token-state")).isEqualTo("ご利用中です。");
      assertThat(requestRow(supervisor, c.ref()))
          .contains("トークンのロック解除", "承認済み", TELLER, SUPERVISOR, "完了");
      assertThat(trail(supervisor))
          .contains(
              "TOKEN_LOCKED|インターネットバンキング " + c.loginId(),
              "STAFF_VIEW|支店 " + TELLER,
              "RECOVERY_REQUESTED|支店 " + TELLER,
              "RECOVERY_APPROVED|支店 " + TELLER + "|NOT_SUPERVISOR",
              "RECOVERY_APPROVED|支店 " + SUPERVISOR + "|OK",
              "TOKEN_UNLOCKED|支店 " + SUPERVISOR,
              "STAFF_VIEW|支店 " + SUPERVISOR);
      supervisor.screenshot("branch-09-customer-unlocked", true);

      // The staff actions log.
      supervisor.clickLink("職員の操作記録");
      supervisor.waitFor("職員の操作記録");
      assertThat(staffLog(supervisor))
          .contains(
              TELLER + "|STAFF_LOGIN_PASSWORD|OK|",
              TELLER + "|STAFF_SEARCH|OK|",
              TELLER + "|STAFF_VIEW|OK|" + c.ref(),
              TELLER + "|RECOVERY_REQUESTED|OK|" + c.ref(),
              TELLER + "|RECOVERY_APPROVED|NOT_SUPERVISOR|" + c.ref(),
              SUPERVISOR + "|RECOVERY_APPROVED|OK|" + c.ref(),
              SUPERVISOR + "|TOKEN_UNLOCKED|OK|" + c.ref(),
              SUPERVISOR + "|STAFF_VIEW|OK|" + c.ref());
      assertThat(supervisor.main())
          .containsPattern("依頼 \\d+（トークンのロック解除）")
          .contains("利用中に変更", "1件該当");
      supervisor.screenshot("branch-10-staff-log", true);
    }
    assertThat(outbox.newest(100))
        .anyMatch(m -> m.recipient().equals(c.mail()) && m.kind().equals("UNLOCKED"));

    // The customer logs in with a code of the same app.
    try (Browser phone = Browser.start(port, "ja")) {
      netbankLogin(phone, c);
      phone.waitFor("ワンタイムパスワード");
      clock.advance(STEP);
      phone.type("ワンタイムパスワード", code(app)).clickButton("実行");
      assertThat(phone.waitFor("トップページ")).contains("ワンタイムパスワードをご利用中です");
    }
  }

  @Test
  @Order(2)
  void resetWhenPhoneLostThenPasswordAloneAndNewTokenTheNextDayOrAtOnceWhenWaived()
      throws Exception {
    Customer kept = customer("NB0102", "suzuki", "鈴木 花子", "1110102");
    Customer waived = customer("NB0103", "tanaka", "田中 一郎", "1110103");
    activeToken(kept);
    activeToken(waived);

    List<Long> ids = new ArrayList<>();
    try (Browser teller = Browser.desktop(port, "ja")) {
      staffLogin(teller, TELLER, false);
      // Found by name and by mail address.
      search(teller, kept.name());
      assertThat(resultRefs(teller)).containsExactly(kept.ref());
      teller.clickLink(kept.ref());
      teller.waitFor("お客様情報");
      fileRequest(teller, "RESET_TOKEN", false, "MY_NUMBER_CARD", "", "携帯電話を紛失。来店され本人確認済み。");
      ids.add(requestId(teller.waitForText("依頼番号")));
      teller.screenshot("branch-reset-filed", false);

      search(teller, waived.mail());
      assertThat(resultRefs(teller)).containsExactly(waived.ref());
      teller.clickLink(waived.ref());
      teller.waitFor("お客様情報");
      fileRequest(teller, "RESET_TOKEN", true, "PASSPORT", "", "携帯電話の故障。本日中の再発行を希望。");
      ids.add(requestId(teller.waitForText("依頼番号")));
    }

    try (Browser supervisor = Browser.desktop(port, "ja")) {
      staffLogin(supervisor, SUPERVISOR, false);
      for (long id : ids) {
        WebElement row = supervisor.driver().findElement(By.id("request-" + id));
        assertThat(row.getText()).contains("トークンのリセット", TELLER);
        supervisor.click(row.findElement(By.xpath(".//button[normalize-space(.)='承認']")));
        supervisor.waitFor("承認の確認");
        supervisor.clickButton("承認する");
        supervisor.waitForText("依頼を承認し、処理しました。");
      }
      assertThat(state(kept)).as("revoked: no open token").isNull();
      assertThat(state(waived)).isNull();
      supervisor.open("/branch/customers/" + kept.ref());
      supervisor.waitFor("お客様情報");
      assertThat(supervisor.text("token-state")).isEqualTo("トークンは発行されていません。");
      assertThat(trail(supervisor))
          .contains(
              "RECOVERY_REQUESTED|支店 " + TELLER,
              "RECOVERY_APPROVED|支店 " + SUPERVISOR + "|OK",
              "TOKEN_RESET|支店 " + SUPERVISOR);
      supervisor.screenshot("branch-customer-reset", false);
    }

    // The rule waived by the request: the password alone logs in, and a new token the same day.
    try (Browser phone = Browser.start(port, "ja")) {
      netbankLogin(phone, waived);
      phone.waitFor("トップページ");
      phone.clickLink("ワンタイムパスワード申請");
      phone.waitFor("ワンタイムパスワード申請");
      assertThat(phone.text("token-state")).isEqualTo("トークンは発行されていません。");
      assertThat(phone.main()).doesNotContain("から新しいトークンを発行できます");
      phone.clickLink("トークン発行");
      phone.waitFor("トークン発行");
      issue(phone, waived);
      assertThat(state(waived)).isEqualTo(TokenState.ISSUED);
    }

    // The rule kept: the password alone logs in; a new token is refused today, with the rule...
    Instant nextDay = nextTokyoMidnight(clock.instant());
    String from = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(nextDay.atZone(TOKYO));
    try (Browser phone = Browser.start(port, "ja")) {
      netbankLogin(phone, kept);
      phone.waitFor("トップページ");
      phone.clickLink("ワンタイムパスワード申請");
      phone.waitFor("ワンタイムパスワード申請");
      assertThat(phone.text("token-state")).isEqualTo("トークンは発行されていません。");
      assertThat(phone.main()).contains(from + "から新しいトークンを発行できます。");
      assertThat(phone.hasLink("トークン発行")).as("not offered the same day").isFalse();
      phone.open("/netbank/otp/issue");
      assertThat(phone.waitForText("新しいトークンは翌日から発行できます。")).contains(from + "から新しいトークンを発行できます。");
      assertThat(phone.heading()).isEqualTo("ワンタイムパスワード申請");
      assertThat(state(kept)).isNull();
      phone.screenshot("branch-netbank-reissue-refused", false);

      // ...and allowed once 00:00 Tokyo has passed.
      clock.set(nextDay.plusSeconds(10));
      phone.open("/netbank/otp");
      phone.waitFor("ワンタイムパスワード申請");
      phone.clickLink("トークン発行");
      phone.waitFor("トークン発行");
      issue(phone, kept);
      assertThat(state(kept)).isEqualTo(TokenState.ISSUED);
    }
  }

  @Test
  @Order(3)
  void staffPageWhenOneAdministratorRequestsAndAnotherApprovesThenTheNewcomerSetsUpTheirOwnToken()
      throws Exception {
    String newcomer = "yakuseki2";
    String activation = UsedSecrets.add("48260937");
    String first;
    try (Browser admin = Browser.desktop(port, "ja")) {
      staffLogin(admin, ADMIN, false);
      assertThat(admin.path()).isEqualTo("/branch/staff");
      assertThat(admin.status("/branch/")).as("no customers for an administrator").isEqualTo(403);
      admin
          .type("職員ID", newcomer)
          .type("氏名", "役席 三郎")
          .type("所属", "本店")
          .type("メールアドレス", newcomer + "@branch.ichie.invalid")
          .type("理由", "4月の人事異動");
      new Select(admin.field("権限")).selectByValue("SUPERVISOR");
      admin.clickButton("作成を依頼");
      assertThat(admin.waitForText("依頼を受け付けました。別の管理者の承認を待っています。"))
          .contains("初期パスワードの前半です。本人に直接渡してください：", "表示はこの一度だけ");
      first = UsedSecrets.add(admin.text("password-half"));
      assertThat(first).matches("[A-Z2-9]{8}");
      assertThat(staff.find(newcomer)).as("nothing until another approves").isEmpty();
      admin.screenshot("branch-11-admin-staff", true);
      admin.open("/branch/staff");
      assertThat(admin.waitFor("職員アカウント")).doesNotContain(first).contains("別の管理者が決裁します");
    }

    String second;
    try (Browser admin2 = Browser.desktop(port, "ja")) {
      staffLogin(admin2, ADMIN2, false);
      WebElement row =
          admin2
              .driver()
              .findElement(
                  By.xpath(
                      "//table[@id='staff-pending']/tbody/tr[td[2][contains(., '"
                          + newcomer
                          + "')]]"));
      assertThat(row.getText()).contains("アカウント作成", "役席", "4月の人事異動", ADMIN);
      admin2.click(row.findElement(By.xpath(".//button[normalize-space(.)='承認']")));
      assertThat(admin2.waitForText("依頼を承認し、実行しました。")).contains("初期パスワードの後半です。");
      second = UsedSecrets.add(admin2.text("password-half"));
      assertThat(staffRow(admin2, newcomer).getText()).contains("役席", "トークンは発行されていません");
      admin2.screenshot("branch-11b-admin-approve", true);
    }

    try (Browser b = Browser.desktop(port, "ja")) {
      b.open("/branch/login");
      b.waitFor("職員ログイン");
      b.type("職員ID", newcomer).type("ログインパスワード", first + second).clickButton("ログイン");
      assertThat(b.waitFor("職員用ワンタイムパスワード")).contains("最初にご自身のパスワードを設定してください");
      assertThat(b.driver().findElements(By.id("user-id"))).as("no user ID yet").isEmpty();
      assertThat(b.status("/branch/")).as("no console before the code").isEqualTo(403);
      String own = UsedSecrets.add("yakuseki2-own-2026");
      b.type("渡されたパスワード", first + second)
          .type("新しいパスワード", own)
          .type("新しいパスワード（確認）", own)
          .clickButton("パスワードを変更");
      assertThat(b.waitForText("職員用トークンを発行します。")).doesNotContain("ユーザーID");
      b.type("利用開始パスワード（4～8桁）", activation).type("利用開始パスワード（確認）", activation);
      b.screenshot("branch-12-code-enrol", true);
      b.clickButton("トークンを発行");
      assertThat(b.waitForText("ご自身で決めた利用開始パスワード")).contains("サービスID");
      String userId = b.text("user-id");
      assertThat(userId).isEqualTo(queries.status("staff", newcomer).status().userId());
      assertThat(b.text("service-id")).isEqualTo("staff");
      b.screenshot("branch-12-code-setup", true);
      TokenApp.Run run = new TokenApp(new Http(port)).activate("staff", userId, activation);
      assertThat(run.m2Verified()).isTrue();
      Secret secret = Secret.of(run.secret());
      b.clickLink("再表示");
      assertThat(b.waitFor("職員用ワンタイムパスワード")).contains("利用を開始してください");
      clock.advance(STEP);
      b.type("ワンタイムパスワード", code(secret)).clickButton("実行");
      b.waitFor("支店端末");
      assertThat(b.main()).contains("承認待ちの依頼");
      assertThat(b.status("/branch/staff")).as("not the administrator's page").isEqualTo(403);
    }
  }

  @Test
  @Order(4)
  void consoleWhenCustomerSessionOrStaffWithoutCodeThenForbidden() {
    Customer c = customer("NB0104", "kimura", "木村 花", "1110104");
    List<String> pages =
        List.of(
            "/branch/", "/branch/customers?q=yamada", "/branch/customers/NB0101", "/branch/audit");
    try (Browser phone = Browser.start(port, "ja")) {
      netbankLogin(phone, c);
      phone.waitFor("トップページ");
      for (String page : pages) {
        assertThat(phone.status(page)).as("a customer at %s", page).isEqualTo(403);
      }
      assertThat(phone.status("/branch/staff")).isEqualTo(403);
      phone.open("/branch/");
      assertThat(phone.heading()).isEqualTo("エラー");
    }
    try (Browser b = Browser.desktop(port, "ja")) {
      b.open("/branch/");
      assertThat(b.path()).as("anonymous: to the login").isEqualTo("/branch/login");
      b.type("職員ID", TELLER).type("ログインパスワード", PASSWORDS.get(TELLER)).clickButton("ログイン");
      b.waitFor("職員用ワンタイムパスワード");
      for (String page : pages) {
        assertThat(b.status(page)).as("staff without the code at %s", page).isEqualTo(403);
      }
      assertThat(b.status("/branch/staff")).isEqualTo(403);
      b.open("/branch/audit");
      assertThat(b.heading()).isEqualTo("エラー");
    }
  }

  // Staff ----------------------------------------------------------------------------------------

  /**
   * Logs a demo staff member in at the branch console with their password and their own code; with
   * {@code shots}, the login and code screens for the docs.
   */
  private void staffLogin(Browser b, String loginId, boolean shots) throws Exception {
    Secret secret = staffSecret(loginId);
    clock.advance(STEP);
    b.open("/branch/login");
    b.waitFor("職員ログイン");
    b.type("職員ID", loginId).type("ログインパスワード", PASSWORDS.get(loginId));
    if (shots) {
      b.screenshot("branch-01-login", true);
    }
    b.clickButton("ログイン");
    assertThat(b.waitFor("職員用ワンタイムパスワード")).contains("ご自身のトークンアプリのワンタイムパスワードを入力してください。");
    assertThat(b.hasLink("職員の操作記録")).as("no console link before the code").isFalse();
    b.type("ワンタイムパスワード", code(secret));
    if (shots) {
      b.screenshot("branch-02-code", true);
    }
    b.clickButton("実行");
    String home = loginId.startsWith(ADMIN) ? "職員アカウント" : "支店端末";
    b.waitFor(home);
    assertThat(b.driver().findElement(By.cssSelector(".who")).getText())
        .contains(staff.find(loginId).orElseThrow().name());
  }

  /**
   * The secret of a demo staff member's token, set up with the token app and started on first use
   * (a new staff member's first login, which starts it, is in the staff page's test).
   */
  private Secret staffSecret(String loginId) throws Exception {
    String key = port + ":" + loginId;
    Secret known = STAFF_SECRETS.get(key);
    if (known != null) {
      return known;
    }
    UsedSecrets.add(PASSWORDS.get(loginId));
    var status = queries.status("staff", loginId).status();
    assertThat(status.state()).isEqualTo(TokenState.ISSUED);
    TokenApp.Run run =
        new TokenApp(new Http(port))
            .activate(
                "staff", status.userId(), UsedSecrets.add(DemoStaff.DEMO_ACTIVATION_PASSWORD));
    assertThat(run.m2Verified()).isTrue();
    Secret secret = Secret.of(run.secret());
    clock.advance(STEP);
    Actor self = new Actor(Actor.Type.STAFF, loginId, "127.0.0.1");
    assertThat(codes.startUse("staff", loginId, code(secret), self).result()).isEqualTo(Result.OK);
    STAFF_SECRETS.put(key, secret);
    return secret;
  }

  private static void search(Browser b, String q) {
    b.open("/branch/");
    b.waitFor("支店端末");
    b.type("お客様：ログインID、ユーザーID、氏名またはメールアドレス", q).clickButton("検索");
    assertThat(b.waitFor("検索結果")).contains("「" + q + "」のお客様");
  }

  private static List<String> resultRefs(Browser b) {
    return b.driver().findElements(By.cssSelector("main table tbody tr td:first-child")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static void fileRequest(
      Browser b, String action, boolean waive, String identity, String note, String reason) {
    new Select(b.field("処理")).selectByValue(action);
    if (waive) {
      b.driver().findElement(By.id("waiveNextDay")).click();
    }
    new Select(b.field("本人確認の方法")).selectByValue(identity);
    b.type("本人確認の補足（書類番号の末尾など）", note).type("理由", reason);
    b.clickButton("依頼する");
  }

  private static long requestId(String page) {
    var m = java.util.regex.Pattern.compile("依頼番号 (\\d+) を受け付けました").matcher(page);
    assertThat(m.find()).as("a request number in %s", page).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The newest row of the customer page's recovery requests. */
  private static String requestRow(Browser b, String ref) {
    return b.driver()
        .findElement(
            By.xpath("//h2[normalize-space(.)='回復依頼']/following-sibling::table[1]/tbody/tr[1]"))
        .getText();
  }

  /** The customer page's trail as "event|actor|outcome" per row. */
  private static List<String> trail(Browser b) {
    List<String> rows = new ArrayList<>();
    for (WebElement tr :
        b.driver()
            .findElements(
                By.xpath("//h2[normalize-space(.)='操作履歴']/following-sibling::table[1]/tbody/tr"))) {
      List<WebElement> td = tr.findElements(By.tagName("td"));
      // The page names each event and outcome in words; its code is kept in an attribute.
      assertThat(td.get(1).getText()).doesNotMatch("[A-Z_]{4,}");
      String event = td.get(1).getDomAttribute("data-event");
      String actor = td.get(3).getText();
      rows.add(event + "|" + actor);
      rows.add(event + "|" + actor + "|" + td.get(2).getDomAttribute("data-outcome"));
    }
    return rows;
  }

  /** The staff actions log as "staff|event|outcome|customer" per row. */
  private static List<String> staffLog(Browser b) {
    List<String> rows = new ArrayList<>();
    for (WebElement tr : b.driver().findElements(By.cssSelector("main table tbody tr"))) {
      List<WebElement> td = tr.findElements(By.tagName("td"));
      assertThat(td.get(2).getText()).doesNotMatch("[A-Z_]{4,}");
      assertThat(td.get(5).getText()).as("the detail in words").doesNotMatch(".*[A-Z_]{4,}.*");
      rows.add(
          td.get(1).getText()
              + "|"
              + td.get(2).getDomAttribute("data-event")
              + "|"
              + td.get(3).getDomAttribute("data-outcome")
              + "|"
              + td.get(4).getText());
    }
    return rows;
  }

  private static WebElement staffRow(Browser b, String loginId) {
    return b.driver()
        .findElement(
            By.xpath("//main//table/tbody/tr[td[1][normalize-space(.)='" + loginId + "']]"));
  }

  /**
   * Posts a form from the page shown to a path, with the page's CSRF token, as a crafted request
   * from the same session would, and waits for the answer.
   */
  private static void postFromPage(Browser b, String path) {
    WebElement button =
        (WebElement)
            b.script(
                "const f = document.createElement('form');"
                    + "f.method = 'post'; f.action = arguments[0];"
                    + "const t = document.createElement('input');"
                    + "t.type = 'hidden'; t.name = '_csrf';"
                    + "t.value = document.querySelector('input[name=_csrf]').value;"
                    + "const s = document.createElement('button'); s.type = 'submit';"
                    + "f.append(t, s); document.body.append(f); return s;",
                path);
    b.click(button);
  }

  // Customers ------------------------------------------------------------------------------------

  private Customer customer(String ref, String loginId, String name, String account) {
    Customer c =
        new Customer(
            ref,
            loginId,
            name,
            UsedSecrets.add(loginId + "-pass-2026"),
            UsedSecrets.add(loginId + "-kakunin"),
            loginId + "@mobile.example.jp");
    assertThat(customers.create(ref, loginId, name, c.password(), c.confirm(), account, 500_000))
        .isTrue();
    return c;
  }

  /** Issues, activates (the token app over HTTP) and starts a token: it is ACTIVE. */
  private Secret activeToken(Customer c) throws Exception {
    String activation = UsedSecrets.add("61829374");
    var issued = issuance.issue("demo", c.ref(), c.mail(), activation, Actor.SYSTEM);
    assertThat(issued.result()).isEqualTo(Result.OK);
    TokenApp.Run run =
        new TokenApp(new Http(port)).activate("demo", issued.status().userId(), activation);
    assertThat(run.m2Verified()).isTrue();
    Secret secret = Secret.of(run.secret());
    clock.advance(STEP);
    assertThat(codes.startUse("demo", c.ref(), code(secret), Actor.SYSTEM).result())
        .isEqualTo(Result.OK);
    clock.advance(STEP);
    return secret;
  }

  private static void netbankLogin(Browser b, Customer c) {
    b.open("/netbank/login");
    b.waitFor("ログイン");
    b.type("ログインID", c.loginId()).type("ログインパスワード", c.password()).clickButton("ログイン");
  }

  private static void issue(Browser b, Customer c) {
    b.type("携帯電話メールアドレス", c.mail())
        .type("利用開始パスワード", UsedSecrets.add("37195028"))
        .type("確認用パスワード", c.confirm())
        .clickButton("発行");
    b.waitFor("トークン発行完了");
  }

  private TokenState state(Customer c) {
    return queries.status("demo", c.ref()).status().state();
  }

  private static Instant nextTokyoMidnight(Instant now) {
    LocalDate today = now.atZone(TOKYO).toLocalDate();
    return today.plusDays(1).atStartOfDay(TOKYO).toInstant();
  }

  private String code(Secret secret) {
    return UsedSecrets.add(totp.generate(secret, clock.instant()));
  }

  /** A code that is none of those the verifier's window would take now. */
  private String wrongCode(Secret secret) {
    long step = totp.step(clock.instant());
    List<String> window = new ArrayList<>();
    for (long s = step - 2; s <= step + 2; s++) {
      window.add(totp.generateAtStep(secret, s));
    }
    for (int n = 123456; ; n = (n + 111_111) % 1_000_000) {
      String candidate = String.format(Locale.ROOT, "%06d", n);
      if (!window.contains(candidate)) {
        return UsedSecrets.add(candidate);
      }
    }
  }
}

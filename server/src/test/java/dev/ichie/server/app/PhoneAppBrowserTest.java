package dev.ichie.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.Confirmation;
import dev.ichie.browser.Browser;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.confirm.Confirmations;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The phone app (PHONE.md) in Chromium at a phone's size, against the server: activation from the
 * app's own screens with the activation password, 「アプリロックについて」 with a PIN, its code starting use
 * (F3) and logging in (F4), a code shown offline that the server then accepts, 取引認証 approved in the
 * app, keys that no script can export, and an app whose storage was cleared.
 */
@ServerTest
class PhoneAppBrowserTest {

  static final AtomicInteger IDS = new AtomicInteger();
  static final String ACTIVATION_PASSWORD = "50738291";
  static final String PIN = "602718";

  @LocalServerPort int port;
  @Autowired BankCustomers customers;
  @Autowired TokenIssuance issuance;
  @Autowired CodeCheck codes;
  @Autowired Confirmations confirmations;
  @Autowired TestClock clock;

  @BeforeEach
  void start() {
    clock.set(TestConfig.START);
  }

  /** A customer of web banking with an issued token; its user ID. */
  private String issued(String serviceId, String id) {
    int n = IDS.incrementAndGet();
    customers.create(
        id,
        "ph" + id.toLowerCase(),
        "電話 花子",
        UsedSecrets.add("login-pass-" + n),
        UsedSecrets.add("confirm-" + n),
        "5" + String.format("%06d", n),
        500_000);
    var issued =
        issuance.issue(
            serviceId,
            id,
            "phone" + n + "@example.jp",
            UsedSecrets.add(ACTIVATION_PASSWORD),
            new Actor(Actor.Type.CUSTOMER, id, null));
    assertThat(issued.result()).isEqualTo(Result.OK);
    return issued.status().userId();
  }

  private static String code(Browser b) {
    WebElement shown =
        new WebDriverWait(b.driver(), Duration.ofSeconds(10))
            .until(d -> d.findElement(By.cssSelector("p.code[data-code]")));
    return UsedSecrets.add(shown.getDomAttribute("data-code"));
  }

  private static void activate(Browser b, String serviceId, String userId, boolean shots) {
    b.open("/app/phone/");
    b.waitFor("トークンがありません");
    shot(b, "phone-app-01-empty", shots);
    b.pressButton("次へ");
    b.waitFor("日時の確認");
    new WebDriverWait(b.driver(), Duration.ofSeconds(5))
        .until(d -> !b.text("device-time").isEmpty());
    shot(b, "phone-app-02-clock", shots);
    b.pressButton("次へ");
    b.waitFor("トークンアプリの設定");
    b.type("サービスID", serviceId).type("ユーザーID", userId);
    b.type("利用開始パスワード", ACTIVATION_PASSWORD);
    shot(b, "phone-app-03-activation", shots);
    b.pressButton("送信");
    b.waitFor("アプリロックについて");
  }

  private static void shot(Browser b, String name, boolean shots) {
    if (shots) {
      b.screenshot(name, true);
    }
  }

  @Test
  void phoneWhenActivatedThenItsCodesStartUseLogInWorkOfflineAndItApprovesATransfer()
      throws Exception {
    String id = "P" + (System.nanoTime() % 100_000) + IDS.get();
    String userId = issued("demo", id);
    try (Browser b = Browser.start(port, "ja")) {
      activate(b, "demo", userId, true);
      assertThat(b.text("applock-done")).contains("サービスID demo", "ユーザーID " + userId);
      // The demo service requires the app lock: 「次へ」 without a PIN asks for one.
      b.pressButton("次へ");
      assertThat(b.text("applock-error")).contains("アプリロックの設定が必要です");
      b.type("PIN（6～8桁の数字）", PIN).type("PIN（確認のため、もう一度）", "602719");
      b.pressButton("次へ");
      assertThat(b.text("applock-error")).isEqualTo("2回入力した PIN が一致しません。もう一度入力してください。");
      b.type("PIN（6～8桁の数字）", PIN).type("PIN（確認のため、もう一度）", PIN);
      b.screenshot("phone-app-04-applock", true);
      b.pressButton("次へ");
      b.waitFor("ワンタイムパスワード");
      code(b);
      b.screenshot("phone-app-05-code", true);

      // F3: the app's code starts use of the token.
      assertThat(codes.startUse("demo", id, code(b), Actor.SYSTEM).result()).isEqualTo(Result.OK);

      // F4: the next code, after the app is opened again and unlocked with the PIN.
      clock.advance(Duration.ofSeconds(30));
      b.open("/app/phone/");
      b.waitFor("アプリロック");
      b.type("PIN", "000000").pressButton("ロック解除");
      new WebDriverWait(b.driver(), Duration.ofSeconds(20))
          .until(d -> b.text("pin-error").equals("PIN が違います。"));
      b.screenshot("phone-app-06-pin", true);
      b.type("PIN", PIN).pressButton("ロック解除");
      b.waitFor("ワンタイムパスワード");
      assertThat(codes.verify("demo", id, code(b), Actor.SYSTEM).result()).isEqualTo(Result.OK);

      // Offline: the installed app opens from its service worker and shows a code.
      new WebDriverWait(b.driver(), Duration.ofSeconds(10))
          .until(
              d -> Boolean.TRUE.equals(b.script("return !!navigator.serviceWorker.controller;")));
      // The next step's time, measured once more while online; offline the app keeps that offset.
      clock.advance(Duration.ofSeconds(30));
      b.pressButton("時刻を合わせる");
      b.waitFor("ワンタイムパスワード");
      b.driver().executeCdpCommand("Network.enable", Map.of());
      b.driver()
          .executeCdpCommand(
              "Network.emulateNetworkConditions",
              Map.of(
                  "offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
      b.open("/app/phone/");
      b.waitFor("アプリロック");
      assertThat(b.status("/api/app/v1/time")).as("the network is cut").isEqualTo(-1);
      b.type("PIN", PIN).pressButton("ロック解除");
      b.waitFor("ワンタイムパスワード");
      String offlineCode = code(b);
      b.driver()
          .executeCdpCommand(
              "Network.emulateNetworkConditions",
              Map.of(
                  "offline",
                  false,
                  "latency",
                  0,
                  "downloadThroughput",
                  -1,
                  "uploadThroughput",
                  -1));
      assertThat(codes.verify("demo", id, offlineCode, Actor.SYSTEM).result())
          .as("the code shown offline")
          .isEqualTo(Result.OK);

      // 取引認証: the bank asks, the app shows every field and signs the approval.
      Subject subject = new Subject("demo", id);
      List<Confirmation.Field> fields =
          List.of(
              new Confirmation.Field("payeeBank", "みなと銀行"),
              new Confirmation.Field("payeeBranch", "本店"),
              new Confirmation.Field("payeeAccountType", "普通"),
              new Confirmation.Field("payeeAccountNumber", "7000123"),
              new Confirmation.Field("payeeName", "スズキ イチロウ"),
              new Confirmation.Field("amount", "50000"),
              new Confirmation.Field("currency", "JPY"));
      var created = confirmations.create(subject, "TRANSFER", fields, Actor.SYSTEM);
      assertThat(created.online()).as("the app registered its device key at activation").isTrue();
      b.pressButton("取引認証");
      b.waitFor("取引認証");
      new WebDriverWait(b.driver(), Duration.ofSeconds(15))
          .until(d -> !d.findElements(By.id("approve")).isEmpty());
      assertThat(b.definition("振込先金融機関")).isEqualTo("みなと銀行");
      assertThat(b.definition("口座番号")).isEqualTo("7000123");
      assertThat(b.definition("受取人名")).isEqualTo("スズキ イチロウ");
      assertThat(b.definition("金額")).isEqualTo("50,000円");
      b.screenshot("phone-app-07-confirm", true);
      b.pressButton("承認");
      new WebDriverWait(b.driver(), Duration.ofSeconds(10))
          .until(d -> b.text("confirm-result").startsWith("承認しました"));
      assertThat(confirmations.find(subject, created.id()).orElseThrow().state())
          .isEqualTo("APPROVED");

      // The offline 取引認証番号 over the payee's account number and the amount.
      var second = confirmations.create(subject, "TRANSFER", fields, Actor.SYSTEM);
      b.type("振込先の口座番号（7桁）", "７０００１２３").type("金額（円）", "¥50,000");
      b.pressButton("取引認証番号を表示");
      String ocra =
          new WebDriverWait(b.driver(), Duration.ofSeconds(10))
              .until(d -> d.findElement(By.id("offline-code")))
              .getDomAttribute("data-code");
      b.screenshot("phone-app-08-offline-code", true);
      assertThat(confirmations.code(subject, second.id(), ocra, Actor.SYSTEM))
          .isEqualTo(Confirmations.Outcome.APPROVED);

      // A second account (another service), under the same PIN: two cards, each its own code.
      String second2 = "P" + (System.nanoTime() % 100_000) + IDS.get();
      String otherUser = issued("other", second2);
      b.open("/app/phone/");
      b.waitFor("アプリロック");
      b.type("PIN", PIN).pressButton("ロック解除");
      b.waitFor("ワンタイムパスワード");
      b.pressButton("アカウントを追加");
      b.waitFor("日時の確認");
      b.pressButton("次へ");
      b.waitFor("トークンアプリの設定");
      b.type("サービスID", "other").type("ユーザーID", otherUser);
      b.type("利用開始パスワード", ACTIVATION_PASSWORD).pressButton("送信");
      b.waitFor("アプリロックについて");
      assertThat(b.text("applock-rule")).isEqualTo("アプリロックはオンです。このアカウントも同じ PIN で保護されます。");
      b.pressButton("次へ");
      b.waitFor("ワンタイムパスワード");
      List<WebElement> cards =
          new WebDriverWait(b.driver(), Duration.ofSeconds(10))
              .until(
                  d -> {
                    List<WebElement> shown = d.findElements(By.cssSelector("p.code[data-code]"));
                    return shown.size() == 2 ? shown : null;
                  });
      assertThat(cards.get(0).getDomAttribute("data-code")).hasSize(6);
      String otherCode = UsedSecrets.add(cards.get(1).getDomAttribute("data-code"));
      assertThat(otherCode).as("service other: 8 digits").hasSize(8);
      b.screenshot("phone-app-11-two-accounts", true);
      assertThat(codes.startUse("other", second2, otherCode, Actor.SYSTEM).result())
          .isEqualTo(Result.OK);

      // What is stored is sealed under the PIN: no key object, no secret, in IndexedDB.
      Object stored = b.driver().executeAsyncScript(STORED);
      assertThat(String.valueOf(stored)).contains("sealed").doesNotContain("CryptoKey");
    }
  }

  @Test
  void phoneWhenNoAppLockThenKeysAreStoredButNotExportableAndClearedStorageSaysIssueAgain()
      throws Exception {
    String id = "Q" + (System.nanoTime() % 100_000) + IDS.get();
    String userId = issued("other", id);
    try (Browser b = Browser.start(port, "ja")) {
      activate(b, "other", userId, false);
      assertThat(b.text("applock-rule")).contains("PIN の設定は任意です");
      b.pressButton("次へ");
      b.waitFor("ワンタイムパスワード");
      // Service "other": SHA-256, 8 digits, 60 s, shown in halves.
      assertThat(code(b)).hasSize(8);
      assertThat(b.driver().findElement(By.cssSelector("p.code")).getText())
          .matches("\\d{4} \\d{4}");
      assertThat(String.valueOf(b.script("return document.body.innerText;")))
          .as("no empty value shown as a word")
          .doesNotContainPattern("\\b(null|undefined|NaN)\\b");
      assertThat(codes.startUse("other", id, code(b), Actor.SYSTEM).result()).isEqualTo(Result.OK);

      Object export = b.driver().executeAsyncScript(EXPORT);
      assertThat(String.valueOf(export)).isEqualTo("3 keys, 0 exported");

      b.driver().executeAsyncScript(CLEAR);
      b.open("/app/phone/");
      assertThat(b.waitFor("トークンがありません")).contains("翌日以降にトークン発行からやり直してください");
      b.screenshot("phone-app-09-cleared", true);
      assertThat(b.driver().executeAsyncScript(EXPORT)).isEqualTo("0 keys, 0 exported");
    }
  }

  @Test
  void phoneWhenEnglishThenTheSameStepsInEnglishAndAWrongPasswordIsSaidClearly() throws Exception {
    String id = "E" + (System.nanoTime() % 100_000) + IDS.get();
    String userId = issued("other", id);
    try (Browser b = Browser.start(port, "en")) {
      toEnglishActivationForm(b, userId, "11112222");
      b.pressButton("Send");
      new WebDriverWait(b.driver(), Duration.ofSeconds(20))
          .until(d -> b.text("activation-error").startsWith("The token could not be set up."));
      b.screenshot("phone-app-en-activation-error", true);
      b.type("Activation password", ACTIVATION_PASSWORD).pressButton("Send");
      b.waitFor("About the app lock");
      b.pressButton("Next");
      b.waitFor("One-time password");
      assertThat(codes.startUse("other", id, code(b), Actor.SYSTEM).result()).isEqualTo(Result.OK);
      b.screenshot("phone-app-en-code", true);

      Subject subject = new Subject("other", id);
      var created =
          confirmations.create(
              subject,
              "TRANSFER",
              List.of(
                  new Confirmation.Field("payeeBank", "Minato Bank"),
                  new Confirmation.Field("payeeBranch", "Head office"),
                  new Confirmation.Field("payeeAccountType", "普通"),
                  new Confirmation.Field("payeeAccountNumber", "7000456"),
                  new Confirmation.Field("payeeName", "SUZUKI ICHIRO"),
                  new Confirmation.Field("amount", "120000"),
                  new Confirmation.Field("currency", "JPY")),
              Actor.SYSTEM);
      b.pressButton("Transaction authentication");
      new WebDriverWait(b.driver(), Duration.ofSeconds(15))
          .until(d -> !d.findElements(By.id("reject")).isEmpty());
      assertThat(b.definition("Payee name")).isEqualTo("SUZUKI ICHIRO");
      assertThat(b.definition("Amount")).isEqualTo("¥120,000");
      b.screenshot("phone-app-en-confirm", true);
      b.pressButton("Reject");
      new WebDriverWait(b.driver(), Duration.ofSeconds(10))
          .until(d -> b.text("confirm-result").startsWith("Rejected."));
      assertThat(confirmations.find(subject, created.id()).orElseThrow().state())
          .isEqualTo("REJECTED");
    }
  }

  @Test
  void phoneWhenTheSessionExpiresOrTheServerCannotProveItselfThenEachIsSaidAndNothingIsKept() {
    String id = "X" + (System.nanoTime() % 100_000) + IDS.get();
    String userId = issued("other", id);
    try (Browser b = Browser.start(port, "ja")) {
      b.driver()
          .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", NETWORK));
      toActivationForm(b, "other", userId);
      // The phone waits between the two requests longer than the session lives (5 minutes).
      b.script("window.ichieMode = 'hold';");
      b.pressButton("送信");
      new WebDriverWait(b.driver(), Duration.ofSeconds(20))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      b.script("return typeof window.ichieRelease === 'function';")));
      clock.advance(Duration.ofMinutes(6));
      b.script("window.ichieMode = null; window.ichieRelease();");
      new WebDriverWait(b.driver(), Duration.ofSeconds(20))
          .until(
              d -> b.text("activation-error").equals("時間がかかりすぎたため、設定を完了できませんでした。もう一度「送信」してください。"));
      b.screenshot("phone-app-10-expired", true);
      assertThat(b.driver().executeAsyncScript(STORED)).as("nothing kept").isEqualTo("[]");
      // 「送信」 again: a new session, and the token is set up.
      b.type("利用開始パスワード", ACTIVATION_PASSWORD).pressButton("送信");
      b.waitFor("アプリロックについて");
    }

    String other = "Y" + (System.nanoTime() % 100_000) + IDS.get();
    String otherUser = issued("other", other);
    try (Browser b = Browser.start(port, "en")) {
      b.driver()
          .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", NETWORK));
      toEnglishActivationForm(b, otherUser, ACTIVATION_PASSWORD);
      // Something between the phone and the bank answers in the bank's place: it cannot prove
      // that it knows the verifier, so the app keeps nothing and says so.
      b.script("window.ichieMode = 'forge';");
      b.pressButton("Send");
      new WebDriverWait(b.driver(), Duration.ofSeconds(20))
          .until(
              d ->
                  b.text("activation-error")
                      .equals(
                          "The server could not prove it is the bank's. Setup was stopped. Open the app again from the mail's link."));
      b.screenshot("phone-app-en-untrusted", true);
      assertThat(b.driver().executeAsyncScript(STORED)).as("nothing kept").isEqualTo("[]");
    }
  }

  /** The English app up to its filled activation form, for service "other". */
  private static void toEnglishActivationForm(Browser b, String userId, String password) {
    b.open("/app/phone/");
    b.waitFor("No token");
    b.pressButton("Next");
    b.waitFor("Check the date and time");
    b.pressButton("Next");
    b.waitFor("Set up the token app");
    b.type("Service ID", "other").type("User ID", userId).type("Activation password", password);
  }

  private static void toActivationForm(Browser b, String serviceId, String userId) {
    b.open("/app/phone/");
    b.waitFor("トークンがありません");
    b.pressButton("次へ");
    b.waitFor("日時の確認");
    b.pressButton("次へ");
    b.waitFor("トークンアプリの設定");
    b.type("サービスID", serviceId).type("ユーザーID", userId).type("利用開始パスワード", ACTIVATION_PASSWORD);
  }

  /**
   * The network as the test makes it, before the app's scripts run: with {@code ichieMode} "hold",
   * the activation's second request waits until {@code ichieRelease()}; with "forge", its answer
   * carries another server proof (M2), as from a server that does not hold the verifier.
   */
  private static final String NETWORK =
      """
      (() => {
        const real = window.fetch.bind(window);
        window.fetch = async (input, init) => {
          const url = typeof input === 'string' ? input : input.url;
          if (!url.endsWith('/api/activation/v1/finish') || !window.ichieMode) return real(input, init);
          if (window.ichieMode === 'hold') {
            await new Promise((release) => { window.ichieRelease = release; });
            return real(input, init);
          }
          const answer = await real(input, init);
          const body = await answer.json();
          body.M2 = body.M2.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
          return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
        };
      })();
      """;

  /** Every stored account, as JSON of its fields' types. */
  private static final String STORED =
      """
      const done = arguments[arguments.length - 1];
      const r = indexedDB.open('ichie-token');
      r.onsuccess = () => {
        const all = r.result.transaction('accounts').objectStore('accounts').getAll();
        all.onsuccess = () => done(JSON.stringify(all.result.map(a => Object.fromEntries(
          Object.entries(a).map(([k, v]) => [k, v instanceof CryptoKey ? 'CryptoKey'
            : (v && typeof v === 'object' ? Object.keys(v).map(x => v[x] instanceof CryptoKey ? 'CryptoKey' : x) : typeof v)])))));
      };
      """;

  /** Tries to export every stored key, in every format. */
  private static final String EXPORT =
      """
      const done = arguments[arguments.length - 1];
      const r = indexedDB.open('ichie-token');
      r.onsuccess = () => {
        const all = r.result.transaction('accounts').objectStore('accounts').getAll();
        all.onsuccess = async () => {
          const keys = all.result.flatMap(a => Object.values(a.keys || {})).filter(k => k instanceof CryptoKey);
          let exported = 0;
          for (const k of keys) for (const f of ['raw', 'jwk', 'pkcs8']) {
            try { await crypto.subtle.exportKey(f, k); exported++; } catch (e) { /* refused */ }
          }
          done(keys.length + ' keys, ' + exported + ' exported');
        };
      };
      """;

  /** What clearing the site's data does: storage, caches and the service worker gone. */
  private static final String CLEAR =
      """
      const done = arguments[arguments.length - 1];
      (async () => {
        for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
        for (const name of await caches.keys()) await caches.delete(name);
        localStorage.clear();
        await new Promise(res => { const d = indexedDB.deleteDatabase('ichie-token'); d.onsuccess = d.onerror = d.onblocked = res; });
      })().then(() => done('cleared'));
      """;
}

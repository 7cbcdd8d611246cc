package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end with real processes: the server's Boot jar on 127.0.0.1 and a free port, in a
 * temporary working directory (its H2 database and vault key store land there); the token app's
 * shaded jar as separate processes, each with its own ICHIE_TOKEN_HOME; tokens issued, started and
 * verified through the server's REST API. The last test stops the server, reads the token secret
 * the server holds from its database and vault, and compares oathtool's codes with the app's.
 *
 * <p>Runs in the {@code integration-test} phase, after {@code package} has built
 * token/target/ichie-token.jar; needs server/target/ichie-server.jar (the reactor builds the server
 * first) and /usr/bin/oathtool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenAppE2ETest {

  private static final String API_KEY = "demo-api-key-change-me";
  private static final String RIGHT = "24681357";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Path work;
  private Path tokenJar;
  private DemoServer server;
  private String userA;

  @BeforeAll
  void startServer() throws Exception {
    tokenJar = jar("ichie.token.jar", "target/ichie-token.jar", "./mvnw package -pl token");
    work = Files.createTempDirectory("ichie-e2e-");
    server = DemoServer.start(work);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void activateWhenPasswordRightThenCodesAcceptedAtStartOfUseThenVerifiedThenReplayRefused()
      throws Exception {
    JsonNode issued = issue("e2e-a", RIGHT);
    userA = issued.get("userId").asString();
    // The development outbox names the bank as the site does, with named states and local times.
    String outbox = server.page("/dev/mail", "ja");
    assertThat(outbox)
        .contains("<h2>【いちえ銀行】")
        .containsPattern("宛先 e2e-a@example\\.jp、(送信待ち|送信中|送信済み)、作成 [0-9-]+ [0-9:]+ Asia/Tokyo")
        .doesNotContain("Ichie Demo Bank", "PENDING");
    assertThat(server.page("/dev/mail", "en"))
        .containsPattern("To e2e-a@example\\.jp, (waiting to be sent|being sent|sent), written ");
    Path home = work.resolve("home-a");

    Run activated =
        app(
            home,
            Map.of(),
            RIGHT + "\n",
            "--lang",
            "en",
            "activate",
            "--server",
            base(),
            "--service-id",
            "demo",
            "--user-id",
            userA,
            "--password-stdin",
            "--device-label",
            "E2E phone",
            // Version 1, as an app from before 取引認証: its key is registered later (Order 4).
            "--protocol-version",
            "1");

    assertThat(activated.exit).as(activated.toString()).isZero();
    assertThat(activated.out).contains("Activated: いちえ銀行 (service ID demo, user ID " + userA + ")");
    assertThat(activated.err).doesNotContain("Warning");
    // The demo service requires the app lock (the default): no code until a PIN is set.
    assertThat(activated.out).contains("About the app lock: いちえ銀行 requires one.");
    Run noPin = app(home, Map.of(), "", "--lang", "en", "code", "--plain");
    assertThat(noPin.exit).as(noPin.toString()).isEqualTo(7);
    assertThat(noPin.out).isEmpty();
    assertThat(noPin.err).contains("いちえ銀行 requires an app lock");
    setPin(home, Map.of());
    JsonNode status = api("GET", "/api/v1/customers/e2e-a/token", null);
    assertThat(status.get("state").asString()).isEqualTo("ACTIVATED");
    assertThat(status.get("deviceLabel").asString()).isEqualTo("E2E phone");

    awayFromStepEnd();
    long step = Instant.now().getEpochSecond() / 30;
    Run first = locked(home, Map.of(), "code", "--plain");
    assertThat(first.exit).as(first.toString()).isZero();
    String code = first.out.strip();
    assertThat(code).matches("\\d{6}");
    JsonNode started = api("POST", "/api/v1/customers/e2e-a/token/start", code(code));
    assertThat(started.get("result").asString()).isEqualTo("OK");
    assertThat(started.get("state").asString()).isEqualTo("ACTIVE");

    // The next step's code, without waiting 30 s: the server accepts the current step ±1.
    Run next = locked(home, Map.of(), "code", "--plain", "--at", Long.toString((step + 1) * 30));
    String nextCode = next.out.strip();
    assertThat(
            api("POST", "/api/v1/customers/e2e-a/token/verify", code(nextCode))
                .get("result")
                .asString())
        .isEqualTo("OK");
    assertThat(
            api("POST", "/api/v1/customers/e2e-a/token/verify", code(nextCode))
                .get("result")
                .asString())
        .isEqualTo("REPLAYED");
  }

  @Test
  @Order(2)
  void activateWhenPasswordWrongFiveTimesThenRuleReportedAndIssuanceVoid() throws Exception {
    String user = issue("e2e-b", "13572468").get("userId").asString();
    Path home = work.resolve("home-b");
    for (int attempt = 1; attempt <= 5; attempt++) {
      String lang = attempt == 1 ? "ja" : "en";
      Run wrong =
          app(
              home,
              Map.of(),
              "8642" + attempt + "\n",
              "--lang",
              lang,
              "activate",
              "--server",
              base(),
              "--service-id",
              "demo",
              "--user-id",
              user,
              "--password-stdin");
      assertThat(wrong.exit).as(wrong.toString()).isEqualTo(2);
      if (attempt == 1) {
        assertThat(wrong.err)
            .contains("トークンの設定ができませんでした")
            .contains("利用開始パスワードを5回間違えるとトークン発行は無効になります");
      } else {
        assertThat(wrong.err)
            .contains("Activation failed")
            .contains("After 5 wrong activation passwords the issuance is void")
            .contains("issue a token again in web banking");
      }
    }
    Run right =
        app(
            home,
            Map.of(),
            "13572468\n",
            "--lang",
            "en",
            "activate",
            "--server",
            base(),
            "--service-id",
            "demo",
            "--user-id",
            user,
            "--password-stdin");
    assertThat(right.exit).as(right.toString()).isEqualTo(2);
    assertThat(Files.exists(home.resolve(TokenHome.VAULT_FILE))).isFalse();

    JsonNode status = api("GET", "/api/v1/customers/e2e-b/token", null);
    assertThat(status.get("state").isNull()).as(status.toString()).isTrue();
    JsonNode audit = api("GET", "/api/v1/customers/e2e-b/audit", null);
    List<String> events = new ArrayList<>();
    audit.get("events").forEach(e -> events.add(e.get("event").asString()));
    assertThat(events).contains("TOKEN_VOID");
  }

  @Test
  @Order(3)
  void activateWhenDeviceClock90sAheadThenWarnsAndCodesStillAccepted() throws Exception {
    String user = issue("e2e-c", RIGHT).get("userId").asString();
    Path home = work.resolve("home-c");
    Map<String, String> skew = Map.of("ICHIE_TOKEN_CLOCK_SKEW_SECONDS", "90");

    Run activated =
        app(
            home,
            skew,
            RIGHT + "\n",
            "--lang",
            "ja",
            "activate",
            "--server",
            base(),
            "--service-id",
            "demo",
            "--user-id",
            user,
            "--password-stdin");

    assertThat(activated.exit).as(activated.toString()).isZero();
    assertThat(activated.err).contains("警告").contains("1分30秒進んでいます").contains("日時が正しくないと、正常に動作しない");
    setPin(home, skew);
    awayFromStepEnd();
    Run code = locked(home, skew, "code", "--plain");
    assertThat(code.exit).as(code.toString()).isZero();
    assertThat(
            api("POST", "/api/v1/customers/e2e-c/token/start", code(code.out.strip()))
                .get("result")
                .asString())
        .isEqualTo("OK");
  }

  private static final String TRANSFER =
      "{\"kind\":\"TRANSFER\",\"fields\":[{\"name\":\"payeeBank\",\"value\":\"いちえ銀行\"},"
          + "{\"name\":\"payeeBranch\",\"value\":\"本店\"},"
          + "{\"name\":\"payeeAccountType\",\"value\":\"普通\"},"
          + "{\"name\":\"payeeAccountNumber\",\"value\":\"1234567\"},"
          + "{\"name\":\"payeeName\",\"value\":\"ヤマダ タロウ\"},"
          + "{\"name\":\"amount\",\"value\":\"%d\"},"
          + "{\"name\":\"currency\",\"value\":\"JPY\"}]}";

  private String confirmation(long amount, boolean online) throws Exception {
    JsonNode created =
        apiJson("POST", "/api/v1/customers/e2e-a/confirmations", TRANSFER.formatted(amount));
    assertThat(created.get("result").asString()).as(created.toString()).isEqualTo("OK");
    assertThat(created.get("online").asBoolean()).isEqualTo(online);
    return created.get("confirmationId").asString();
  }

  private String state(String id) throws Exception {
    return apiJson("GET", "/api/v1/customers/e2e-a/confirmations/" + id, null)
        .get("state")
        .asString();
  }

  @Test
  @Order(4)
  void confirmWhenTheAppApprovesRejectsOrShowsTheOfflineCodeThenTheServerDecidesAsShown()
      throws Exception {
    assertThat(userA).as("the first test activated customer e2e-a").isNotNull();
    Path home = work.resolve("home-a");
    // Made before the app had a device key: only the offline code can confirm it.
    String offline = confirmation(50_000, false);

    // The upgrade: a token activated without a device key registers one on first use.
    Run first = locked(home, Map.of(), "--lang", "en", "confirm", "--approve");
    assertThat(first.exit).as(first.toString()).isZero();
    assertThat(first.err).contains("Registering this device's key").contains("registered");
    assertThat(first.out).contains("No transaction is waiting");

    String online = confirmation(50_000, true);
    Run approved = locked(home, Map.of(), "--lang", "en", "confirm", "--approve");
    assertThat(approved.exit).as(approved.toString()).isZero();
    assertThat(approved.out)
        .contains("Payee bank: いちえ銀行")
        .contains("Branch: 本店")
        .contains("Account type: 普通")
        .contains("Account number: 1234567")
        .contains("Payee name: ヤマダ タロウ")
        .contains("Amount: 50,000 yen")
        .contains("Approved.");
    assertThat(state(online)).isEqualTo("APPROVED");

    String rejected = confirmation(8_000, true);
    Run no = locked(home, Map.of(), "--lang", "ja", "confirm", "--reject");
    assertThat(no.exit).as(no.toString()).isZero();
    assertThat(no.out).contains("振込先金融機関: いちえ銀行").contains("金額: 8,000円").contains("否認しました");
    assertThat(state(rejected)).isEqualTo("REJECTED");

    // The offline code, typed as a customer would (full-width digits, a comma).
    Run wrong =
        locked(
            home,
            Map.of(),
            "confirm",
            "--offline",
            "--account-number",
            "１２３４５６７",
            "--amount",
            "5,000");
    Run right =
        locked(
            home,
            Map.of(),
            "confirm",
            "--offline",
            "--account-number",
            "１２３４５６７",
            "--amount",
            "50,000");
    assertThat(right.exit).as(right.toString()).isZero();
    assertThat(right.out).contains("11234567000000050000");
    String wrongCode = wrong.out.replaceAll("(?s).*(\\d{8})\\s*$", "$1");
    String rightCode = right.out.replaceAll("(?s).*(\\d{8})\\s*$", "$1");
    String path = "/api/v1/customers/e2e-a/confirmations/" + offline + "/code";
    assertThat(apiJson("POST", path, "{\"code\":\"" + wrongCode + "\"}").get("result").asString())
        .as("the code for another amount")
        .isEqualTo("WRONG_CODE");
    assertThat(apiJson("POST", path, "{\"code\":\"" + rightCode + "\"}").get("result").asString())
        .isEqualTo("OK");
    assertThat(state(offline)).isEqualTo("APPROVED");
  }

  @Test
  @Order(5)
  void webBankingTransferWhenApprovedInTheAppThenMadeOnceRejectedThenCancelledOfflineThenMade()
      throws Exception {
    // The demo customer hanako issues a token in web banking (F1), the app activates it (F2, in
    // protocol version 2: with its device key), the customer starts use with the app's code (F3).
    NetbankSession web = new NetbankSession(base());
    web.get("/netbank/login");
    assertThat(web.post("/netbank/login", "loginId", "hanako", "password", "hanako-pass-2026"))
        .extracting(NetbankSession.Page::path)
        .isEqualTo("/netbank/");
    web.get("/netbank/otp/issue");
    NetbankSession.Page issued =
        web.post(
            "/netbank/otp/issue",
            "mobileMail",
            "hanako@example.jp",
            "activationPassword",
            RIGHT,
            "confirmPassword",
            "hanako-kakunin");
    String userId = issued.text("user-id");
    Path home = work.resolve("home-hanako");
    Run activated =
        app(
            home,
            Map.of(),
            RIGHT + "\n",
            "activate",
            "--server",
            base(),
            "--service-id",
            "demo",
            "--user-id",
            userId,
            "--password-stdin");
    assertThat(activated.exit).as(activated.toString()).isZero();
    setPin(home, Map.of());
    awayFromStepEnd();
    String code = locked(home, Map.of(), "code", "--plain").out.strip();
    web.get("/netbank/otp/start");
    assertThat(web.post("/netbank/otp/start", "code", code).path()).isEqualTo("/netbank/otp");
    Run key = locked(home, Map.of(), "--lang", "en", "confirm", "--approve");
    assertThat(key.exit).as(key.toString()).isZero();
    assertThat(key.err).as("registered at activation already").doesNotContain("Registering");
    assertThat(key.out).contains("No transaction is waiting");

    // Approved in the app: made once, with the fields the app showed.
    NetbankSession.Page waiting = transfer(web, "30000");
    assertThat(waiting.body()).contains("トークンアプリで取引内容をご確認のうえ、承認してください");
    Run approved = locked(home, Map.of(), "--lang", "ja", "confirm", "--approve");
    assertThat(approved.out)
        .as(approved.toString())
        .contains("振込先金融機関: みなと銀行")
        .contains("支店: 本店")
        .contains("科目: 当座")
        .contains("口座番号: 7000123")
        .contains("受取人名: スズキ イチロウ")
        .contains("金額: 30,000円")
        .contains("承認しました");
    String requestKey = waiting.input("requestKey");
    NetbankSession.Page done = web.post("/netbank/transfer/confirm", "requestKey", requestKey);
    assertThat(done.path()).as(done.body()).isEqualTo("/netbank/transfer/done");
    web.post("/netbank/transfer/confirm", "requestKey", requestKey);
    assertThat(web.get("/netbank/").body()).as("made once").contains("800,000円");

    // Rejected in the app: cancelled, and said so.
    waiting = transfer(web, "50000");
    Run rejected = locked(home, Map.of(), "--lang", "ja", "confirm", "--reject");
    assertThat(rejected.out).contains("金額: 50,000円").contains("否認しました");
    NetbankSession.Page cancelled =
        web.post("/netbank/transfer/confirm", "requestKey", waiting.input("requestKey"));
    assertThat(cancelled.body()).contains("お心当たりのない取引の場合は、すぐに銀行へご連絡ください");
    assertThat(web.get("/netbank/").body()).contains("800,000円");

    // The app offline: its 取引認証番号 for the account number and the amount as typed.
    waiting = transfer(web, "12000");
    Run offline =
        locked(
            home,
            Map.of(),
            "confirm",
            "--offline",
            "--account-number",
            "７０００１２３",
            "--amount",
            "12,000");
    String offlineCode = offline.out.replaceAll("(?s).*(\\d{8})\\s*$", "$1");
    NetbankSession.Page coded =
        web.post(
            "/netbank/transfer/confirm/code",
            "requestKey",
            waiting.input("requestKey"),
            "code",
            offlineCode);
    assertThat(coded.path()).as(coded.body()).isEqualTo("/netbank/transfer/done");
    assertThat(web.get("/netbank/").body()).contains("788,000円");
  }

  /** Sends a transfer to みなと銀行 本店 当座 7000123 from hanako's account; the app must approve. */
  private static NetbankSession.Page transfer(NetbankSession web, String yen) throws Exception {
    NetbankSession.Page form = web.get("/netbank/transfer");
    NetbankSession.Page waiting =
        web.post(
            "/netbank/transfer",
            "requestKey",
            form.input("requestKey"),
            "accountId",
            "7654321",
            "payeeBank",
            "みなと銀行",
            "payeeBranch",
            "本店",
            "payeeAccountType",
            "CURRENT",
            "payeeNumber",
            "7000123",
            "payeeName",
            "スズキ イチロウ",
            "amount",
            yen,
            "confirmPassword",
            "hanako-kakunin");
    assertThat(waiting.path()).as(waiting.body()).isEqualTo("/netbank/transfer/confirm");
    return waiting;
  }

  @Test
  @Order(6)
  void codesWhenComparedWithOathtoolOnTheServersSecretThenEqual() throws Exception {
    assertThat(userA).as("the first test activated customer e2e-a").isNotNull();
    Path oathtool = Path.of("/usr/bin/oathtool");
    assertThat(Files.isExecutable(oathtool))
        .as("oathtool is needed (apt-get install oathtool; .ci/run installs it)")
        .isTrue();
    stopServer(); // H2 keeps its file locked while the server runs
    String base32 = serverSecretBase32("e2e-a");

    for (long at :
        new long[] {59, 1_111_111_109L, 2_000_000_000L, Instant.now().getEpochSecond()}) {
      Process oath =
          new ProcessBuilder(oathtool.toString(), "--totp", "-b", "-N", "@" + at, base32)
              .redirectErrorStream(true)
              .start();
      String expected = new String(oath.getInputStream().readAllBytes()).strip();
      assertThat(oath.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(expected).matches("\\d{6}");
      Run app =
          locked(
              work.resolve("home-a"),
              Map.of(),
              "code",
              "demo:" + userA,
              "--plain",
              "--at",
              Long.toString(at));
      assertThat(app.out.strip()).as("code at " + at).isEqualTo(expected);
    }
  }

  /** Reads token.secret_ciphertext and decrypts it as the server's vault does. */
  private String serverSecretBase32(String customerRef) throws Exception {
    String id;
    byte[] sealed;
    int version;
    try (Connection db =
            DriverManager.getConnection(
                "jdbc:h2:file:" + work.resolve("data/ichie") + ";IFEXISTS=TRUE", "sa", "");
        PreparedStatement query =
            db.prepareStatement(
                "SELECT t.id, t.secret_ciphertext, t.secret_key_version FROM token t"
                    + " JOIN customer c ON c.id = t.customer_id"
                    + " WHERE c.customer_ref = ? AND t.state = 'ACTIVE'")) {
      query.setString(1, customerRef);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("an active token of " + customerRef).isTrue();
        id = row.getString(1);
        sealed = row.getBytes(2);
        version = row.getInt(3);
      }
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    char[] password = "ichie-dev-only".toCharArray();
    try (InputStream in = Files.newInputStream(work.resolve("data/vault.p12"))) {
      keys.load(in, password);
    }
    SecretKey key = (SecretKey) keys.getKey("vault-v" + version, password);
    byte[] text = ("token:" + id + ":v").getBytes(StandardCharsets.UTF_8);
    byte[] aad = ByteBuffer.allocate(text.length + 4).put(text).putInt(version).array();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
    cipher.updateAAD(aad);
    byte[] secret = cipher.doFinal(sealed, 12, sealed.length - 12);
    assertThat(secret).hasSize(20);
    return dev.ichie.otp.Base32.encodeUnpadded(secret);
  }

  // --- helpers ---

  private record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** The app lock's PIN of every home here. */
  private static final String PIN = "86420975";

  /** Sets the PIN the demo service requires; every command after gives it on standard input. */
  private void setPin(Path home, Map<String, String> env) throws Exception {
    Run set = app(home, env, PIN + "\n", "--lang", "en", "lock", "--set", "--pin-stdin");
    assertThat(set.exit).as(set.toString()).isZero();
  }

  /** A command on a home with the app lock: the PIN on standard input. */
  private Run locked(Path home, Map<String, String> env, String... args) throws Exception {
    String[] withPin = java.util.Arrays.copyOf(args, args.length + 1);
    withPin[args.length] = "--pin-stdin";
    return app(home, env, PIN + "\n", withPin);
  }

  private Run app(Path home, Map<String, String> env, String stdin, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-jar",
                tokenJar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.remove("ICHIE_TOKEN_CLOCK_SKEW_SECONDS");
    environment.put("ICHIE_TOKEN_HOME", home.toString());
    environment.putAll(env);
    Process process = builder.start();
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("ichie-token " + String.join(" ", args) + " did not finish");
    }
    return new Run(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e + ")";
          }
        });
  }

  private JsonNode issue(String customer, String password) throws Exception {
    Map<String, String> body = new HashMap<>();
    body.put("mobileMail", customer + "@example.jp");
    body.put("activationPassword", password);
    JsonNode issued = api("POST", "/api/v1/customers/" + customer + "/token", body);
    assertThat(issued.get("result").asString()).as(issued.toString()).isEqualTo("OK");
    return issued;
  }

  private static Map<String, String> code(String code) {
    return Map.of("code", code);
  }

  private JsonNode api(String method, String path, Map<String, String> body) throws Exception {
    return apiJson(method, path, body == null ? null : JSON.writeValueAsString(body));
  }

  private JsonNode apiJson(String method, String path, String json) throws Exception {
    return server.send(method, path, json);
  }

  private String base() {
    return server.url();
  }

  /** Waits, if needed, so that the next few seconds stay inside one 30-second step. */
  private static void awayFromStepEnd() throws InterruptedException {
    long intoStep = Instant.now().toEpochMilli() % 30_000;
    if (intoStep > 22_000) {
      Thread.sleep(30_000 - intoStep + 200);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path jar(String property, String fallback, String build) {
    Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      fail(
          path + " is missing: build it first (" + build + "), or run ./mvnw verify from the root");
    }
    return path;
  }
}

package dev.ichie.server.activation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.AppLock;
import dev.ichie.otp.Base32;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.vault.Vault;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The activation endpoint over real HTTP, driven by the activation library's app role. */
@ServerTest
class ActivationEndpointTest {

  static final Actor BANK = new Actor(Actor.Type.API_CLIENT, "test", null);

  @LocalServerPort int port;
  @Autowired TokenIssuance issuance;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired TestClock clock;
  @Autowired Vault vault;
  @Autowired JdbcClient jdbc;

  Http http;
  TokenApp app;
  String customer;
  String password;

  @BeforeEach
  void setUp() {
    clock.set(TestConfig.START);
    http = new Http(port);
    app = new TokenApp(http);
    customer = "act-" + System.nanoTime();
    password = UsedSecrets.add("58203716");
  }

  String issue() {
    var o = issuance.issue("demo", customer, "jiro@example.jp", password, BANK);
    assertThat(o.result()).isEqualTo(Result.OK);
    return o.status().userId();
  }

  @Test
  void activationWhenRightPasswordThenSameSecretOnBothSidesAndNeverOnTheWire() throws Exception {
    String userId = issue();
    TokenApp.Run run = app.activate("demo", userId, password);
    assertThat(run.finish().status()).as(run.finish().body()).isEqualTo(200);
    assertThat(run.m2Verified()).isTrue();
    assertThat(run.finished().digits()).isEqualTo(6);
    assertThat(run.finished().period()).isEqualTo(30);
    assertThat(run.finished().serviceName()).isEqualTo("デモ銀行");
    // No setting: the app lock is required.
    assertThat(run.finished().appLock()).isEqualTo(AppLock.REQUIRED);
    assertThat(run.finish().body()).contains("\"appLock\":\"REQUIRED\"");

    var status = queries.status("demo", customer).status();
    assertThat(status.state()).isEqualTo(TokenState.ACTIVATED);
    byte[] serverSecret =
        vault.decrypt(
            "token",
            status.tokenId(),
            jdbc.sql("SELECT secret_key_version FROM token WHERE id = ?")
                .param(status.tokenId())
                .query(Integer.class)
                .single(),
            jdbc.sql("SELECT secret_ciphertext FROM token WHERE id = ?")
                .param(status.tokenId())
                .query(byte[].class)
                .single());
    assertThat(serverSecret).hasSize(20).isEqualTo(run.secret());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM token WHERE id = ? AND srp_verifier IS NULL")
                .param(status.tokenId())
                .query(Long.class)
                .single())
        .as("the verifier is deleted at activation")
        .isEqualTo(1);

    String wire = String.join("\n", http.recordedBodies());
    for (String form :
        List.of(
            HexFormat.of().formatHex(serverSecret),
            Base64.getEncoder().withoutPadding().encodeToString(serverSecret),
            Base64.getUrlEncoder().withoutPadding().encodeToString(serverSecret),
            Base32.encodeUnpadded(serverSecret))) {
      UsedSecrets.add(form);
      assertThat(wire.toLowerCase(Locale.ROOT)).doesNotContain(form.toLowerCase(Locale.ROOT));
    }
    assertThat(wire).doesNotContain(password);

    // The app's secret makes codes the service accepts.
    Totp totp = new Totp(TotpParameters.DEFAULT);
    String code = UsedSecrets.add(totp.generate(Secret.of(run.secret()), clock.instant()));
    assertThat(codes.startUse("demo", customer, code, BANK).result()).isEqualTo(Result.OK);
  }

  @Test
  void finishWhenTheServiceLeavesTheAppLockToTheCustomerThenTheAnswerSaysNothingOfIt()
      throws Exception {
    var o = issuance.issue("other", customer, "jiro@example.jp", password, BANK);
    assertThat(o.result()).isEqualTo(Result.OK);
    TokenApp.Run run = app.activate("other", o.status().userId(), password);
    assertThat(run.finish().status()).as(run.finish().body()).isEqualTo(200);
    assertThat(run.finished().appLock()).isEqualTo(AppLock.OPTIONAL);
    assertThat(run.finish().body()).doesNotContain("appLock");
  }

  @Test
  void activationWhenFiveWrongPasswordsThenVoidAndSixthRightOneFails() throws Exception {
    String userId = issue();
    for (int i = 0; i < 5; i++) {
      TokenApp.Run wrong = app.activate("demo", userId, "9182736" + i);
      assertThat(wrong.finish().status()).isEqualTo(403);
      assertThat(wrong.finish().json().get("error").asString()).isEqualTo("ACTIVATION_FAILED");
      assertThat(wrong.m2Verified()).isFalse();
    }
    assertThat(queries.status("demo", customer).status().state()).as("VOID has ended").isNull();
    TokenApp.Run right = app.activate("demo", userId, password);
    assertThat(right.start().status()).as("start answers the same shape").isEqualTo(200);
    assertThat(right.finish().status()).isEqualTo(403);
    assertThat(right.finish().json().get("error").asString()).isEqualTo("ACTIVATION_FAILED");
    assertThat(queries.auditTrail("demo", customer, 100).orElseThrow())
        .extracting(e -> e.event())
        .containsSubsequence("ACTIVATION_FAILED", "ACTIVATION_FAILED", "TOKEN_VOID");
  }

  static byte[] deviceKey() {
    return dev.ichie.server.support.TestTokenApp.newKey().getPublic().getEncoded();
  }

  long deviceKeys(String tokenId, String state) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM device_key d JOIN credential c ON c.id = d.id"
                + " WHERE d.token_id = ? AND c.state = ?")
        .params(tokenId, state)
        .query(Long.class)
        .single();
  }

  @Test
  void activationWhenVersion2WithRightProofThenDeviceKeyStoredWithTheTokenAndInUseFromStart()
      throws Exception {
    String userId = issue();
    byte[] key = deviceKey();
    TokenApp.Run run = app.activate("demo", userId, password, 2, 2, key, false);
    assertThat(run.finish().status()).as(run.finish().body()).isEqualTo(200);
    assertThat(run.start().json().get("version").asInt()).isEqualTo(2);
    assertThat(run.finish().json().get("version").asInt()).isEqualTo(2);
    assertThat(run.finish().json().get("deviceKey").asString()).isEqualTo("REGISTERED");
    assertThat(run.m2Verified()).isTrue();
    String tokenId = queries.status("demo", customer).status().tokenId();
    assertThat(
            jdbc.sql("SELECT public_key FROM device_key WHERE token_id = ?")
                .param(tokenId)
                .query(byte[].class)
                .single())
        .isEqualTo(key);
    assertThat(deviceKeys(tokenId, "ACTIVATED"))
        .as("pending with its token: no 取引認証 before the start of use")
        .isEqualTo(1);
    Totp totp = new Totp(TotpParameters.DEFAULT);
    String code = UsedSecrets.add(totp.generate(Secret.of(run.secret()), clock.instant()));
    assertThat(codes.startUse("demo", customer, code, BANK).result()).isEqualTo(Result.OK);
    assertThat(deviceKeys(tokenId, "ACTIVE")).isEqualTo(1);
  }

  @Test
  void activationWhenVersion2WithWrongProofOrKeyThenBadDeviceKeyNothingStoredAttemptSpent()
      throws Exception {
    String userId = issue();
    TokenApp.Run wrongProof = app.activate("demo", userId, password, 2, 2, deviceKey(), true);
    assertThat(wrongProof.finish().status()).isEqualTo(400);
    assertThat(wrongProof.finish().json().get("error").asString()).isEqualTo("BAD_DEVICE_KEY");
    byte[] notP256 = deviceKey();
    notP256[notP256.length - 1] ^= 1; // the point is no longer on the curve
    TokenApp.Run badKey = app.activate("demo", userId, password, 2, 2, notP256, false);
    assertThat(badKey.finish().json().get("error").asString()).isEqualTo("BAD_DEVICE_KEY");
    var status = queries.status("demo", customer).status();
    assertThat(status.state()).as("still waiting for its app").isEqualTo(TokenState.ISSUED);
    assertThat(
            jdbc.sql("SELECT activation_attempts_left FROM token WHERE id = ?")
                .param(status.tokenId())
                .query(Integer.class)
                .single())
        .as("each spent as a wrong password is")
        .isEqualTo(3);
    assertThat(deviceKeys(status.tokenId(), "ACTIVATED") + deviceKeys(status.tokenId(), "ACTIVE"))
        .isZero();
    assertThat(queries.auditTrail("demo", customer, 100).orElseThrow())
        .extracting(e -> e.outcome())
        .contains("BAD_DEVICE_KEY");

    TokenApp.Run mixed = app.activate("demo", userId, password, 2, 1, null, false);
    assertThat(mixed.finish().status()).isEqualTo(400);
    assertThat(mixed.finish().json().get("error").asString())
        .as("a finish must speak its start's version")
        .isEqualTo("MALFORMED");
    TokenApp.Run v1 = app.activate("demo", userId, password);
    assertThat(v1.finish().status()).as("version 1 still works").isEqualTo(200);
    assertThat(v1.finish().json().has("deviceKey")).isFalse();
    assertThat(deviceKeys(status.tokenId(), "ACTIVATED")).isZero();
  }

  @Test
  void finishWhenRightOrWrongThenTheSealedPrivateValueIsDeleted() throws Exception {
    String userId = issue();
    TokenApp.Run wrong = app.activate("demo", userId, "91827364");
    TokenApp.Run right = app.activate("demo", userId, password);
    assertThat(right.m2Verified()).isTrue();
    for (TokenApp.Run run : List.of(wrong, right)) {
      assertThat(
              jdbc.sql("SELECT server_private FROM activation_session WHERE id = ?")
                  .param(run.started().activationId())
                  .query(byte[].class)
                  .single())
          .as("b is kept only from start to finish")
          .isEmpty();
    }
  }

  @Test
  void issuanceWhenStoredThenTheVerifierIsSealedAndOnlyTheVaultOpensIt() throws Exception {
    String userId = issue();
    String tokenId = queries.status("demo", customer).status().tokenId();
    var row =
        jdbc.sql("SELECT srp_salt, srp_verifier, srp_key_version FROM token WHERE id = ?")
            .param(tokenId)
            .query(
                (rs, n) ->
                    new Object[] {
                      rs.getBytes("srp_salt"),
                      rs.getBytes("srp_verifier"),
                      rs.getInt("srp_key_version")
                    })
            .single();
    byte[] expected =
        dev.ichie.activation.ActivationVerifiers.create("demo", userId, password, (byte[]) row[0])
            .verifier();
    byte[] stored = (byte[]) row[1];
    assertThat(stored).as("not the verifier itself").isNotEqualTo(expected);
    assertThat(
            java.util.Collections.indexOfSubList(
                java.util.Arrays.asList(box(stored)), java.util.Arrays.asList(box(expected))))
        .as("nor does it contain it")
        .isEqualTo(-1);
    assertThat(vault.decrypt("verifier", tokenId, (Integer) row[2], stored)).isEqualTo(expected);
    assertThat(app.activate("demo", userId, password).m2Verified()).isTrue();
  }

  private static Byte[] box(byte[] b) {
    Byte[] out = new Byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i];
    }
    return out;
  }

  @Test
  void finishWhenNoIssuanceThenActivationFailedAndRecordedEvenForTheLongestUserId()
      throws Exception {
    for (String userId : List.of("1234567890", "9".repeat(32))) {
      TokenApp.Run run = app.activate("demo", userId, password);
      assertThat(run.start().status()).isEqualTo(200);
      assertThat(run.finish().status()).as(run.finish().body()).isEqualTo(403);
      assertThat(run.finish().json().get("error").asString()).isEqualTo("ACTIVATION_FAILED");
    }
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE event = 'ACTIVATION_FAILED'"
                        + " AND outcome = 'NO_ISSUANCE' AND occurred_at >= ?")
                .param(java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void activationWhenSecondRunAfterSuccessThenFails() throws Exception {
    String userId = issue();
    assertThat(app.activate("demo", userId, password).m2Verified()).isTrue();
    TokenApp.Run again = app.activate("demo", userId, password);
    assertThat(again.finish().status()).isEqualTo(403);
  }

  @Test
  void startWhenUnknownUserThenSameShapeAndStableSalt() throws Exception {
    String known = issue();
    TokenApp.Run live = app.activate("demo", known, password);
    String unknownUser = "1000000000";
    TokenApp.Run first = app.activate("demo", unknownUser, password);
    TokenApp.Run second = app.activate("demo", unknownUser, password);
    TokenApp.Run noService = app.activate("nope", unknownUser, password);
    for (TokenApp.Run r : List.of(live, first, second, noService)) {
      assertThat(r.start().status()).isEqualTo(200);
      JsonNode body = r.start().json();
      assertThat(body.propertyNames())
          .containsExactlyInAnyOrder("version", "activationId", "salt", "B", "serverTime");
      assertThat(body.get("salt").asString()).hasSize(43);
      assertThat(body.get("B").asString()).hasSize(342);
    }
    assertThat(first.started().salt()).isEqualTo(second.started().salt());
    assertThat(first.started().B()).isNotEqualTo(second.started().B());
    assertThat(first.finish().status()).isEqualTo(403);
    assertThat(first.finish().json().get("error").asString()).isEqualTo("ACTIVATION_FAILED");
    assertThat(noService.finish().status()).isEqualTo(403);
  }

  @Test
  void finishWhenReplayedOrLateThenSessionExpired() throws Exception {
    String userId = issue();
    dev.ichie.activation.AppSession session =
        dev.ichie.activation.AppSession.start(
            "demo", userId, password, new java.security.SecureRandom());
    Http.Answer start =
        http.postBytes(
            "/api/activation/v1/start",
            dev.ichie.activation.ActivationJson.write(
                new dev.ichie.activation.StartRequest("demo", userId, session.A())));
    var started = dev.ichie.activation.ActivationJson.readStartResponse(start.body().getBytes());
    byte[] m1 = session.respond(started.salt(), started.B());
    byte[] finish =
        dev.ichie.activation.ActivationJson.write(
            new dev.ichie.activation.FinishRequest(started.activationId(), m1, "phone"));
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    Http.Answer late = http.postBytes("/api/activation/v1/finish", finish);
    assertThat(late.status()).isEqualTo(410);
    assertThat(late.json().get("error").asString()).isEqualTo("SESSION_EXPIRED");
    assertThat(queries.status("demo", customer).status().activationAttemptsLeft())
        .as("a late finish spends no attempt")
        .isEqualTo(5);

    clock.set(TestConfig.START);
    TokenApp.Run run = app.activate("demo", userId, password);
    assertThat(run.finish().status()).isEqualTo(200);
    Http.Answer replay =
        http.postBytes(
            "/api/activation/v1/finish",
            dev.ichie.activation.ActivationJson.write(
                new dev.ichie.activation.FinishRequest(
                    run.started().activationId(), new byte[32], "phone")));
    assertThat(replay.status()).isEqualTo(410);
  }

  @Test
  void startWhenMalformedThen400WithCodeAndNothingChanges() {
    String userId = issue();
    String zeroA = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);
    record Case(String body, int status, String error) {}
    for (Case c :
        List.of(
            new Case("{", 400, "MALFORMED"),
            new Case("{\"version\":3,\"serviceId\":\"demo\"}", 400, "UNSUPPORTED_VERSION"),
            new Case(
                "{\"version\":\"1\",\"serviceId\":\"demo\",\"userId\":\""
                    + userId
                    + "\",\"A\":\""
                    + zeroA
                    + "\"}",
                400,
                "MALFORMED"),
            new Case(
                "{\"version\":1,\"serviceId\":\"demo\",\"userId\":\""
                    + userId
                    + "\",\"A\":\""
                    + zeroA
                    + "\"}",
                400,
                "MALFORMED"),
            new Case(
                "{\"version\":1,\"serviceId\":\"demo\",\"userId\":\""
                    + userId
                    + "\",\"A\":\"AAAA\"}",
                400,
                "MALFORMED"),
            new Case(
                "{\"version\":1,\"serviceId\":\"demo\",\"userId\":\"" + userId + "\"}",
                400,
                "MALFORMED"))) {
      Http.Answer a = http.post("/api/activation/v1/start", c.body(), "Accept-Language", "en");
      assertThat(a.status()).as(c.body()).isEqualTo(c.status());
      assertThat(a.json().get("error").asString()).as(c.body()).isEqualTo(c.error());
      assertThat(a.json().get("message").asString()).isNotBlank();
    }
    Http.Answer wrongType =
        http.post("/api/activation/v1/start", "{}", "Content-Type", "text/plain");
    assertThat(wrongType.status()).isEqualTo(415);
    assertThat(wrongType.json().get("error").asString()).isEqualTo("MALFORMED");
    assertThat(queries.status("demo", customer).status().activationAttemptsLeft()).isEqualTo(5);
  }

  @Test
  void errorsWhenAcceptLanguageThenInThatLanguage() throws Exception {
    TokenApp.Run unknown = app.activate("demo", "1000000000", password);
    assertThat(unknown.finish().json().get("message").asString()).contains("Activation failed");
    Http.Answer ja = http.post("/api/activation/v1/start", "{", "Accept-Language", "ja");
    assertThat(ja.json().get("message").asString()).contains("形式");
    Http.Answer none = http.post("/api/activation/v1/start", "{");
    assertThat(none.json().get("message").asString()).as("Japanese by default").contains("形式");
  }
}

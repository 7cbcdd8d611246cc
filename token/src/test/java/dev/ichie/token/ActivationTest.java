package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app role of the activation protocol against {@link FakeActivationServer}. */
class ActivationTest {

  @TempDir Path temp;
  private FakeActivationServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeActivationServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private TokenHome home() {
    return TokenHome.at(temp.resolve("home"));
  }

  private ActivationRequest request(String url) throws TokenException {
    return ActivationRequest.of(
        ServerEndpoint.of(url, null, false),
        FakeActivationServer.SERVICE_ID,
        FakeActivationServer.USER_ID,
        "Test phone");
  }

  private TokenException activateExpectingFailure(String password) throws Exception {
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      return org.junit.jupiter.api.Assertions.assertThrows(
          TokenException.class, () -> app.activate(request(server.url()), password.toCharArray()));
    }
  }

  @Test
  void activateWhenPasswordRightThenStoresAccountWithTheServersSecret() throws Exception {
    ActivationResult result;
    try (TokenApp app =
        TokenApp.open(home(), TokenAppOptions.defaults().withLocale(Locale.JAPANESE))) {
      result = app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray());
    }

    Account account = result.account();
    assertThat(account.name()).isEqualTo("demo:2915086876");
    assertThat(account.serviceName()).isEqualTo("Fake Bank");
    assertThat(account.credentialId()).isEqualTo(FakeActivationServer.CREDENTIAL_ID);
    assertThat(account.parameters()).isEqualTo(TotpParameters.DEFAULT);
    assertThat(result.clock().clockOff()).isFalse();
    assertThat(server.acceptLanguages).containsOnly("ja");
    assertThat(server.deviceLabels).containsExactly("Test phone");
    Instant at = Instant.parse("2026-11-26T12:34:56Z");
    String serverCode = new Totp(TotpParameters.DEFAULT).generate(Secret.of(server.secret), at);
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      assertThat(app.codeAt(app.account(null), at).digits()).isEqualTo(serverCode);
    }
  }

  @Test
  void activateWhenTheServiceRequiresTheAppLockThenNoCodeUntilAPinAndThePinStays()
      throws Exception {
    server.appLock = dev.ichie.activation.AppLock.REQUIRED;
    Instant at = Instant.parse("2026-11-26T12:34:56Z");
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      assertThat(app.appLockMissing()).isFalse();
      Account account =
          app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray())
              .account();
      assertThat(account.appLockRequired()).isTrue();
      assertThat(app.appLockMissing()).isTrue();
      assertThatThrownBy(() -> app.codeAt(account, at))
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> {
                assertThat(e.problem()).isEqualTo(Problem.APP_LOCK_REQUIRED);
                assertThat(e.arguments()).containsExactly("Fake Bank");
              });
      assertThatThrownBy(() -> app.offlineCode(account, "1234567", "50000"))
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.APP_LOCK_REQUIRED));
    }
    // Closed before a PIN was set: the rule came back from the vault with the account.
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      assertThat(app.appLockMissing()).isTrue();
      assertThatThrownBy(() -> app.code(app.account(null)))
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.APP_LOCK_REQUIRED));
      app.setPin("135790".toCharArray());
      assertThat(app.appLockMissing()).isFalse();
    }
    String serverCode = new Totp(TotpParameters.DEFAULT).generate(Secret.of(server.secret), at);
    try (TokenApp app =
        TokenApp.unlock(home(), TokenAppOptions.defaults(), "135790".toCharArray())) {
      assertThat(app.codeAt(app.account(null), at).digits()).isEqualTo(serverCode);
      assertThatThrownBy(app::clearPin)
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.APP_LOCK_REQUIRED));
    }
    assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.PIN);
  }

  @Test
  void activateWhenTheServerSaysNothingOfTheAppLockThenOptionalAndThePinMayBeCleared()
      throws Exception {
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      Account account =
          app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray())
              .account();
      assertThat(account.appLockRequired()).isFalse();
      assertThat(app.appLockMissing()).isFalse();
      app.codeAt(account, Instant.parse("2026-11-26T12:34:56Z"));
      app.setPin("135790".toCharArray());
      app.clearPin();
    }
    assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.KEY_FILE);
  }

  @Test
  void activateWhenM2WrongThenRefusedAndNothingStored() throws Exception {
    server.corruptM2 = true;

    TokenException e = activateExpectingFailure(FakeActivationServer.PASSWORD);

    assertThat(e.problem()).isEqualTo(Problem.SERVER_NOT_VERIFIED);
    assertThat(Files.exists(home().vaultFile())).isFalse();
    assertThat(Files.exists(home().keyFile())).isFalse();
    assertThat(Texts.of(Locale.ENGLISH).describe(e))
        .contains("could not prove")
        .contains("Nothing was stored");
  }

  @Test
  void activateWhenM2WrongThenExistingAccountsUntouched() throws Exception {
    Fixtures.writeVault(home(), java.util.List.of(Fixtures.entry("other", "1")));
    byte[] before = Files.readAllBytes(home().vaultFile());
    server.corruptM2 = true;

    assertThat(activateExpectingFailure(FakeActivationServer.PASSWORD).problem())
        .isEqualTo(Problem.SERVER_NOT_VERIFIED);
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(before);
  }

  @Test
  void activateWhenPasswordWrongThenActivationFailedWithTheRule() throws Exception {
    TokenException e = activateExpectingFailure("13572468");

    assertThat(e.problem()).isEqualTo(Problem.ACTIVATION_FAILED);
    assertThat(Files.exists(home().vaultFile())).isFalse();
    assertThat(Texts.of(Locale.ENGLISH).describe(e))
        .contains("After 5 wrong activation passwords the issuance is void")
        .contains("issue a token again in web banking");
    assertThat(Texts.of(Locale.JAPANESE).describe(e))
        .contains("利用開始パスワードを5回間違えるとトークン発行は無効")
        .contains("再度トークン発行");
  }

  @Test
  void activateWhenSessionExpiredThenSessionExpired() throws Exception {
    server.finishStatus = 410;

    assertThat(activateExpectingFailure(FakeActivationServer.PASSWORD).problem())
        .isEqualTo(Problem.SESSION_EXPIRED);
  }

  @Test
  void activateWhenRateLimitedThenTellsTheSecondsToWait() throws Exception {
    server.startStatus = 429;
    server.retryAfter = "42";

    TokenException e = activateExpectingFailure(FakeActivationServer.PASSWORD);

    assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED);
    assertThat(Texts.of(Locale.ENGLISH).describe(e)).contains("wait 42 seconds");
    assertThat(Texts.of(Locale.JAPANESE).describe(e)).contains("42秒待って");
  }

  @Test
  void activateWhenRateLimitedWithoutRetryAfterThenSaysWaitAWhile() throws Exception {
    server.startStatus = 429;

    TokenException e = activateExpectingFailure(FakeActivationServer.PASSWORD);

    assertThat(Texts.of(Locale.ENGLISH).describe(e)).contains("wait a while");
  }

  @Test
  void activateWhenServerSaysMalformedThenProtocolError() throws Exception {
    server.startStatus = 400;

    assertThat(activateExpectingFailure(FakeActivationServer.PASSWORD).problem())
        .isEqualTo(Problem.PROTOCOL_ERROR);
  }

  @Test
  void activateWhenServerAnswersHtml500ThenProtocolError() throws Exception {
    server.startStatus = 500;
    server.errorBody = "<html>oops</html>";

    TokenException e = activateExpectingFailure(FakeActivationServer.PASSWORD);

    assertThat(e.problem()).isEqualTo(Problem.PROTOCOL_ERROR);
    assertThat(Texts.of(Locale.ENGLISH).describe(e)).contains("HTTP 500");
  }

  @Test
  void activateWhenNothingListensThenUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      assertThatThrownBy(
              () ->
                  app.activate(
                      request("http://127.0.0.1:" + port),
                      FakeActivationServer.PASSWORD.toCharArray()))
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE));
    }
  }

  @Test
  void activateWhenPasswordNotFourToEightDigitsThenRefusedBeforeAnyRequest() throws Exception {
    assertThat(activateExpectingFailure("12a4").problem())
        .isEqualTo(Problem.INVALID_ACTIVATION_PASSWORD);
    assertThat(activateExpectingFailure("123").problem())
        .isEqualTo(Problem.INVALID_ACTIVATION_PASSWORD);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void activateWhenDeviceClock90sAheadThenWarnsAndCodesAreStillTheServers() throws Exception {
    Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90));
    ActivationResult result;
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults().withClock(skewed))) {
      result = app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray());
      assertThat(result.clock().clockOff()).isTrue();
      assertThat(result.clock().deviceAhead()).isTrue();
      assertThat(result.clock().offset().toMillis()).isCloseTo(-90_000L, within(2_000L));

      Instant trueNow = Instant.now();
      Code code = app.code(result.account());
      Totp totp = new Totp(TotpParameters.DEFAULT);
      assertThat(code.step()).isBetween(totp.step(trueNow) - 1, totp.step(trueNow) + 1);
      assertThat(code.digits())
          .isEqualTo(totp.generateAtStep(Secret.of(server.secret), code.step()));
    }
    assertThat(
            Texts.of(Locale.JAPANESE)
                .get(
                    "clock.off.ahead", Texts.of(Locale.JAPANESE).duration(result.clock().offset())))
        .contains("日時が正しくないと、正常に動作しない")
        .contains("1分30秒");
  }

  @Test
  void checkClockWhenDeviceClockMovedThenMeasuresAndStoresTheNewOffset() throws Exception {
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray());
    }
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-120));
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults().withClock(behind))) {
      ClockCheck check = app.checkClock(app.account(null));
      // The Date header has one-second resolution.
      assertThat(check.offset().toMillis()).isCloseTo(120_000L, within(1_600L));
      assertThat(check.clockOff()).isTrue();
      assertThat(check.deviceAhead()).isFalse();
    }
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      assertThat(app.account(null).clockOffset().toMillis()).isCloseTo(120_000L, within(1_600L));
    }
    assertThat(server.requests).containsExactly("start", "finish");
  }

  @Test
  void activateWhenSameAccountAgainThenReplacesIt() throws Exception {
    try (TokenApp app = TokenApp.open(home(), TokenAppOptions.defaults())) {
      app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray());
      app.activate(request(server.url()), FakeActivationServer.PASSWORD.toCharArray());
      assertThat(app.accounts()).hasSize(1);
    }
  }
}

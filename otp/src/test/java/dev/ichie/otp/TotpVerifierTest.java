package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.otp.Verification.Accepted;
import dev.ichie.otp.Verification.Reason;
import dev.ichie.otp.Verification.Refused;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {

  private static final Secret SECRET = TotpTest.rfc6238Seed(HmacAlgorithm.SHA1);
  private static final Totp TOTP = new Totp(TotpParameters.DEFAULT);
  private static final TotpVerifier VERIFIER = new TotpVerifier(TotpParameters.DEFAULT, 1, 1);

  /** 2023-11-14T22:13:20Z, inside step 56666666. */
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

  private static final long STEP = 56_666_666;

  private static String codeAt(long step) {
    return TOTP.generateAtStep(SECRET, step);
  }

  private static Verification verify(String code, long drift, long lastAccepted) {
    return VERIFIER.verify(SECRET, code, NOW, drift, lastAccepted);
  }

  @Test
  void verifyWhenCodeOfCurrentStepThenAcceptedWithNoDrift() {
    Verification result = verify(codeAt(STEP), 0, TotpVerifier.NO_STEP);

    assertThat(result).isEqualTo(new Accepted(STEP, 0));
    assertThat(result.accepted()).isTrue();
  }

  @Test
  void verifyWhenCodeOneStepBeforeOrAfterThenAcceptedReportingDrift() {
    assertThat(verify(codeAt(STEP - 1), 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP - 1, -1));
    assertThat(verify(codeAt(STEP + 1), 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP + 1, 1));
  }

  @Test
  void verifyWhenCodeTwoStepsAwayThenWrong() {
    assertThat(verify(codeAt(STEP - 2), 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.WRONG));
    assertThat(verify(codeAt(STEP + 2), 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.WRONG));
    assertThat(verify(codeAt(STEP + 2), 0, TotpVerifier.NO_STEP).accepted()).isFalse();
  }

  @Test
  void verifyWhenDriftKnownThenWindowIsCentredOnIt() {
    // The token's clock runs 5 steps ahead: the window is STEP+4 .. STEP+6.
    assertThat(verify(codeAt(STEP + 4), 5, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP + 4, 4));
    assertThat(verify(codeAt(STEP + 6), 5, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP + 6, 6));
    assertThat(verify(codeAt(STEP + 5), 5, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP + 5, 5));
    assertThat(verify(codeAt(STEP), 5, TotpVerifier.NO_STEP)).isEqualTo(new Refused(Reason.WRONG));
    assertThat(verify(codeAt(STEP + 7), 5, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.WRONG));
    assertThat(verify(codeAt(STEP - 3), -2, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(STEP - 3, -3));
  }

  @Test
  void verifyWhenCodeReusedThenRefused() {
    String code = codeAt(STEP);
    Accepted first = (Accepted) verify(code, 0, TotpVerifier.NO_STEP);

    assertThat(verify(code, first.drift(), first.step())).isEqualTo(new Refused(Reason.REPLAYED));
  }

  @Test
  void verifyWhenCodeFromStepBeforeLastAcceptedThenRefused() {
    assertThat(verify(codeAt(STEP - 1), 0, STEP)).isEqualTo(new Refused(Reason.REPLAYED));
    assertThat(verify(codeAt(STEP), 0, STEP + 1)).isEqualTo(new Refused(Reason.REPLAYED));
  }

  @Test
  void verifyWhenCodeAfterLastAcceptedThenAccepted() {
    assertThat(verify(codeAt(STEP + 1), 0, STEP)).isEqualTo(new Accepted(STEP + 1, 1));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "", "12345", "1234567", "１２３４５６", // full-width digits
        "١٢٣٤٥٦", // Arabic-Indic digits
        "۱۲۳۴۵۶", // extended Arabic-Indic digits
        "१२३४५६", // Devanagari digits
        "12345a", "12 456", " 12345", "+12345", "-12345", "12345/", "12345:",
      })
  void verifyWhenCodeNotSixAsciiDigitsThenMalformed(String code) {
    assertThat(verify(code, 0, TotpVerifier.NO_STEP)).isEqualTo(new Refused(Reason.MALFORMED));
  }

  @Test
  void verifyWhenCodeHasLeadingZerosThenComparesAllDigits() {
    // Step 36 has the code 003784 (RFC 4226 secret; confirmed with oathtool).
    Instant time = Instant.ofEpochSecond(36 * 30);

    assertThat(VERIFIER.verify(SECRET, "003784", time, 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(36, 0));
    assertThat(VERIFIER.verify(SECRET, "3784", time, 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.MALFORMED));
    assertThat(VERIFIER.verify(SECRET, "103784", time, 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.WRONG));
  }

  @Test
  void verifyWhenTwoStepsShareTheCodeThenPrefersTheHighestFreshStep() {
    // Steps 57017782 and 57017784 both have 882938 (checked with oathtool); 57017783 does not.
    Instant now = Instant.ofEpochSecond(57_017_783L * 30);

    assertThat(VERIFIER.verify(SECRET, "882938", now, 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(57_017_784, 1));
    assertThat(VERIFIER.verify(SECRET, "882938", now, 0, 57_017_782))
        .isEqualTo(new Accepted(57_017_784, 1));
    assertThat(VERIFIER.verify(SECRET, "882938", now, 0, 57_017_783))
        .isEqualTo(new Accepted(57_017_784, 1));
    assertThat(VERIFIER.verify(SECRET, "882938", now, 0, 57_017_784))
        .isEqualTo(new Refused(Reason.REPLAYED));
  }

  @Test
  void verifyWhenWindowReachesBeforeEpochThenSkipsNegativeSteps() {
    assertThat(VERIFIER.verify(SECRET, codeAt(0), Instant.EPOCH, 0, TotpVerifier.NO_STEP))
        .isEqualTo(new Accepted(0, 0));
    assertThat(VERIFIER.verify(SECRET, codeAt(0), Instant.EPOCH, -5, TotpVerifier.NO_STEP))
        .isEqualTo(new Refused(Reason.WRONG));
  }

  @Test
  void verifyWhenOtherParametersThenUsesThem() {
    TotpParameters parameters = new TotpParameters(HmacAlgorithm.SHA512, 8, Duration.ofSeconds(60));
    Secret secret = TotpTest.rfc6238Seed(HmacAlgorithm.SHA512);
    TotpVerifier verifier = new TotpVerifier(parameters, 2, 0);
    Totp totp = new Totp(parameters);
    long step = totp.step(NOW);

    assertThat(verifier.verify(secret, totp.generateAtStep(secret, step - 2), NOW, 0, -1))
        .isEqualTo(new Accepted(step - 2, -2));
    assertThat(verifier.verify(secret, totp.generateAtStep(secret, step + 1), NOW, 0, -1))
        .isEqualTo(new Refused(Reason.WRONG));
    assertThat(verifier.verify(secret, "123456", NOW, 0, -1))
        .isEqualTo(new Refused(Reason.MALFORMED));
  }

  @Test
  void constructorWhenWindowOutOfRangeThenFailsWithExactMessages() {
    assertThatThrownBy(() -> new TotpVerifier(TotpParameters.DEFAULT, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stepsBefore must be between 0 and 10, was -1");
    assertThatThrownBy(() -> new TotpVerifier(TotpParameters.DEFAULT, 1, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stepsAfter must be between 0 and 10, was 11");
    assertThatThrownBy(() -> new TotpVerifier(null, 1, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("parameters must not be null");
  }

  @Test
  void verifyWhenDriftOverflowsThenFails() {
    assertThatThrownBy(() -> verify("123456", Long.MAX_VALUE, TotpVerifier.NO_STEP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drift 9223372036854775807 is out of range");
  }

  @Test
  void verifyWhenTimeBeforeEpochThenFails() {
    assertThatThrownBy(
            () ->
                VERIFIER.verify(
                    SECRET, "123456", Instant.ofEpochSecond(-30), 0, TotpVerifier.NO_STEP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time must not be before 1970-01-01T00:00:00Z, was 1969-12-31T23:59:30Z");
  }

  @Test
  void refusedWhenReasonNullThenFails() {
    assertThatThrownBy(() -> new Refused(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason must not be null");
  }

  @Test
  void accessorsWhenMadeThenReturnWindow() {
    assertThat(VERIFIER.parameters()).isEqualTo(TotpParameters.DEFAULT);
    assertThat(VERIFIER.stepsBefore()).isEqualTo(1);
    assertThat(VERIFIER.stepsAfter()).isEqualTo(1);
  }
}

package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class TotpTest {

  /** The seeds of RFC 6238 Appendix B, one per HMAC function. */
  static Secret rfc6238Seed(HmacAlgorithm algorithm) {
    String seed =
        switch (algorithm) {
          case SHA1 -> "12345678901234567890";
          case SHA256 -> "12345678901234567890123456789012";
          case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
    return Secret.of(seed.getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest(name = "{0} s, {4}: {3}")
  @CsvFileSource(resources = "/dev/ichie/otp/rfc6238-appendix-b.csv", delimiter = '|')
  void generateWhenRfc6238AppendixBThenMatches(
      long seconds, String utc, String stepHex, String expected, HmacAlgorithm mode) {
    Instant time = Instant.ofEpochSecond(seconds);
    Totp totp = new Totp(new TotpParameters(mode, 8, Duration.ofSeconds(30)));

    assertThat(time)
        .isEqualTo(
            LocalDateTime.parse(utc, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC));
    assertThat(totp.step(time)).isEqualTo(Long.parseLong(stepHex, 16));
    assertThat(totp.generate(rfc6238Seed(mode), time)).isEqualTo(expected);
    assertThat(totp.generateAtStep(rfc6238Seed(mode), Long.parseLong(stepHex, 16)))
        .isEqualTo(expected);
  }

  @Test
  void generateWhenCodeHasLeadingZeroThenPadsIt() {
    Totp totp = new Totp(TotpParameters.DEFAULT);
    Secret secret = rfc6238Seed(HmacAlgorithm.SHA1);

    // Step 36 = 1080 s; oathtool --totp -d 6 -N @1080 3132333435363738393031323334353637383930
    assertThat(totp.generate(secret, Instant.ofEpochSecond(1080))).isEqualTo("003784");
    assertThat(totp.generate(secret, Instant.ofEpochSecond(1109, 999_999_999))).isEqualTo("003784");
  }

  @Test
  void stepWhenTimeInsideStepThenFloors() {
    Totp totp = new Totp(new TotpParameters(HmacAlgorithm.SHA1, 6, Duration.ofSeconds(60)));

    assertThat(totp.step(Instant.EPOCH)).isZero();
    assertThat(totp.step(Instant.ofEpochSecond(59, 999_999_999))).isZero();
    assertThat(totp.step(Instant.ofEpochSecond(60))).isEqualTo(1);
    assertThat(totp.step(Instant.ofEpochSecond(1_700_000_039))).isEqualTo(28_333_333);
  }

  @Test
  void stepWhenTimeBeforeEpochThenFails() {
    Totp totp = new Totp(TotpParameters.DEFAULT);

    assertThatThrownBy(() -> totp.step(Instant.ofEpochSecond(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time must not be before 1970-01-01T00:00:00Z, was 1969-12-31T23:59:59Z");
    assertThatThrownBy(() -> totp.step(Instant.ofEpochSecond(0, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "time must not be before 1970-01-01T00:00:00Z, was 1969-12-31T23:59:59.999999999Z");
  }

  @Test
  void generateAtStepWhenStepNegativeThenFails() {
    Totp totp = new Totp(TotpParameters.DEFAULT);

    assertThatThrownBy(() -> totp.generateAtStep(rfc6238Seed(HmacAlgorithm.SHA1), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step must not be negative, was -1");
  }

  @Test
  void constructorWhenParametersNullThenFails() {
    assertThatThrownBy(() -> new Totp(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("parameters must not be null");
    assertThat(new Totp(TotpParameters.DEFAULT).parameters()).isEqualTo(TotpParameters.DEFAULT);
  }

  @Test
  void parametersWhenDefaultThenSha1SixDigitsThirtySeconds() {
    assertThat(TotpParameters.DEFAULT)
        .isEqualTo(new TotpParameters(HmacAlgorithm.SHA1, 6, Duration.ofSeconds(30)));
  }

  @Test
  void parametersWhenOutOfRangeThenFailWithExactMessages() {
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 5, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be between 6 and 8, was 5");
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 9, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be between 6 and 8, was 9");
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 6, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be positive, was PT0S");
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 6, Duration.ofSeconds(-30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be positive, was PT-30S");
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 6, Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("period must be a whole number of seconds, was PT1.5S");
    assertThatThrownBy(() -> new TotpParameters(null, 6, Duration.ofSeconds(30)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("algorithm must not be null");
    assertThatThrownBy(() -> new TotpParameters(HmacAlgorithm.SHA1, 6, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("period must not be null");
  }
}

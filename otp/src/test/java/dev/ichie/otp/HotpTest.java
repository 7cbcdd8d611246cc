package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class HotpTest {

  /** The secret of RFC 4226 Appendix D. */
  private static final Secret RFC_4226_SECRET =
      Secret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @ParameterizedTest(name = "count {0}: {4}")
  @CsvFileSource(resources = "/dev/ichie/otp/rfc4226-appendix-d.csv", delimiter = '|')
  void generateWhenRfc4226AppendixDThenMatches(
      long count, String hmac, String truncatedHex, int truncated, String hotp) {
    Hotp generator = new Hotp(HmacAlgorithm.SHA1, 6);

    assertThat(HmacOtp.truncate(HexFormat.of().parseHex(hmac)))
        .isEqualTo(truncated)
        .isEqualTo(Integer.parseInt(truncatedHex, 16));
    assertThat(generator.generate(RFC_4226_SECRET, count)).isEqualTo(hotp);
    assertThat(generator.generateValue(RFC_4226_SECRET, count)).isEqualTo(Integer.parseInt(hotp));
  }

  @Test
  void generateWhenCodeHasLeadingZerosThenPadsThem() {
    Hotp generator = new Hotp(HmacAlgorithm.SHA1, 6);

    // Confirmed with: oathtool --hotp -d 6 -c 36 3132333435363738393031323334353637383930
    assertThat(generator.generate(RFC_4226_SECRET, 36)).isEqualTo("003784");
    assertThat(generator.generateValue(RFC_4226_SECRET, 36)).isEqualTo(3784);
    assertThat(generator.generate(RFC_4226_SECRET, 44)).isEqualTo("000152");
  }

  @Test
  void generateWhenEightDigitsThenKeepsEightLowDigits() {
    // 1284755224 mod 10^8, from the truncated value of count 0 in RFC 4226 Appendix D.
    assertThat(new Hotp(HmacAlgorithm.SHA1, 8).generate(RFC_4226_SECRET, 0)).isEqualTo("84755224");
    assertThat(new Hotp(HmacAlgorithm.SHA1, 7).generate(RFC_4226_SECRET, 2)).isEqualTo("7359152");
  }

  @Test
  void constructorWhenDigitsOutOfRangeThenFails() {
    assertThatThrownBy(() -> new Hotp(HmacAlgorithm.SHA1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be between 6 and 8, was 5");
    assertThatThrownBy(() -> new Hotp(HmacAlgorithm.SHA1, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("digits must be between 6 and 8, was 9");
    assertThatThrownBy(() -> new Hotp(null, 6))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("algorithm must not be null");
  }

  @Test
  void generateWhenCounterNegativeThenFails() {
    assertThatThrownBy(() -> new Hotp(HmacAlgorithm.SHA1, 6).generate(RFC_4226_SECRET, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counter must not be negative, was -1");
  }

  @Test
  void accessorsWhenMadeThenReturnParameters() {
    Hotp generator = new Hotp(HmacAlgorithm.SHA512, 7);

    assertThat(generator.algorithm()).isEqualTo(HmacAlgorithm.SHA512);
    assertThat(generator.digits()).isEqualTo(7);
    assertThat(generator).hasToString("Hotp[SHA512, 7 digits]");
  }
}

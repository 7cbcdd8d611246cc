package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotpTest {

  /** The secret of RFC 4226 Appendix D. */
  private static final Secret RFC_4226_SECRET =
      Secret.of("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

  @ParameterizedTest(name = "count {0}: {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # RFC 4226 Appendix D: HMAC-SHA-1 values, truncated values and 6-digit HOTP values.
          # Count | Hexadecimal HMAC-SHA-1(secret, count)    | Hex      | Decimal    | HOTP
              0   | cc93cf18508d94934c64b65d8ba7667fb7cde4b0 | 4c93cf18 | 1284755224 | 755224
              1   | 75a48a19d4cbe100644e8ac1397eea747a2d33ab | 41397eea | 1094287082 | 287082
              2   | 0bacb7fa082fef30782211938bc1c5e70416ff44 | 82fef30  |  137359152 | 359152
              3   | 66c28227d03a2d5529262ff016a1e6ef76557ece | 66ef7655 | 1726969429 | 969429
              4   | a904c900a64b35909874b33e61c5938a8e15ed1c | 61c5938a | 1640338314 | 338314
              5   | a37e783d7b7233c083d4f62926c7a25f238d0316 | 33c083d4 |  868254676 | 254676
              6   | bc9cd28561042c83f219324d3c607256c03272ae | 7256c032 | 1918287922 | 287922
              7   | a4fb960c0bc06e1eabb804e5b397cdc4b45596fa | 4e5b397  |   82162583 | 162583
              8   | 1b3c89f65e6c9e883012052823443f048b4332db | 2823443f |  673399871 | 399871
              9   | 1637409809a679dc698207310c8c7fc07290d9e5 | 2679dc69 |  645520489 | 520489
          """)
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

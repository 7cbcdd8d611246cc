package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {

  @ParameterizedTest(name = "BASE32(\"{0}\") = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # RFC 4648 §10 test vectors.
          ""       | ""
          f        | MY======
          fo       | MZXQ====
          foo      | MZXW6===
          foob     | MZXW6YQ=
          fooba    | MZXW6YTB
          foobar   | MZXW6YTBOI======
          """)
  void encodeWhenRfc4648VectorThenMatchesAndDecodesBack(String text, String base32) {
    byte[] data = text.getBytes(StandardCharsets.US_ASCII);
    String unpadded = base32.replace("=", "");

    assertThat(Base32.encode(data)).isEqualTo(base32);
    assertThat(Base32.encodeUnpadded(data)).isEqualTo(unpadded);
    assertThat(Base32.decode(base32)).isEqualTo(data);
    assertThat(Base32.decode(unpadded)).isEqualTo(data);
    assertThat(Base32.decode(base32.toLowerCase())).isEqualTo(data);
  }

  @Test
  void decodeWhenRandomBytesEncodedThenGivesThemBack() {
    Random random = new Random(4648);
    for (int length = 0; length < 100; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);

      assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
      assertThat(Base32.decode(Base32.encodeUnpadded(data))).isEqualTo(data);
      assertThat(Base32.encode(data)).hasSize((length + 4) / 5 * 8).matches("[A-Z2-7]*=*");
    }
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # Text               | Reason
          "MZXW 6YQ"           | invalid Base32 character ' ' (U+0020) at index 4
          MZXW-6YQ             | invalid Base32 character '-' (U+002D) at index 4
          MZXW1YQ              | invalid Base32 character '1' (U+0031) at index 4
          MZXW8YQ              | invalid Base32 character '8' (U+0038) at index 4
          MZ=W6YQ=             | invalid Base32 character '=' (U+003D) at index 2
          MZXＷ6YQ             | invalid Base32 character 'Ｗ' (U+FF37) at index 3
          M                    | invalid Base32 length: 1 data characters (1 mod 8 = 1) cannot encode whole bytes
          MZX                  | invalid Base32 length: 3 data characters (3 mod 8 = 3) cannot encode whole bytes
          MZXW6Y               | invalid Base32 length: 6 data characters (6 mod 8 = 6) cannot encode whole bytes
          MZXW6YTBO            | invalid Base32 length: 9 data characters (9 mod 8 = 1) cannot encode whole bytes
          MY=                  | invalid Base32 padding: 2 data characters need 6 '=', found 1
          MY=====              | invalid Base32 padding: 2 data characters need 6 '=', found 5
          MY=======            | invalid Base32 padding: 2 data characters need 6 '=', found 7
          MZXW6YTB========     | invalid Base32 padding: 8 data characters need no '=', found 8
          MZ                   | invalid Base32: non-zero trailing bits in the last character 'Z' (U+005A) at index 1
          MZXW6YR              | invalid Base32: non-zero trailing bits in the last character 'R' (U+0052) at index 6
          """)
  void decodeWhenMalformedThenFailsNamingCharacterOrLength(String text, String reason) {
    assertThatThrownBy(() -> Base32.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
  }

  @Test
  void decodeWhenControlCharacterThenNamesItsCodePointOnly() {
    assertThatThrownBy(() -> Base32.decode("MZ\nXW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid Base32 character U+000A at index 2");
  }

  @Test
  void decodeWhenEmptyThenGivesNoBytes() {
    assertThat(Base32.decode("")).isEmpty();
  }
}

package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HmacAlgorithmTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Algorithm | JCA name   | URI name | Digest  | Secret length
            SHA1      | HmacSHA1   | SHA1     | SHA-1   | 20
            SHA256    | HmacSHA256 | SHA256   | SHA-256 | 32
            SHA512    | HmacSHA512 | SHA512   | SHA-512 | 64
          """)
  void namesWhenAskedThenMatchJcaAndUri(
      HmacAlgorithm algorithm, String jca, String uri, String digest, int length) {
    assertThat(algorithm.jcaName()).isEqualTo(jca);
    assertThat(algorithm.uriName()).isEqualTo(uri);
    assertThat(algorithm.digestName()).isEqualTo(digest);
    assertThat(algorithm.defaultSecretLength()).isEqualTo(length);
    assertThat(algorithm.outputLength()).isEqualTo(length);
  }

  @ParameterizedTest
  @CsvSource({
    "SHA1, SHA1",
    "sha1, SHA1",
    "SHA-1, SHA1",
    "HmacSHA1, SHA1",
    "HMACSHA1, SHA1",
    "hmac-sha1, SHA1",
    "SHA256, SHA256",
    "Sha-256, SHA256",
    "HmacSHA256, SHA256",
    "SHA512, SHA512",
    "sha-512, SHA512",
    "hmacsha512, SHA512"
  })
  void fromNameWhenKnownSpellingThenFinds(String name, HmacAlgorithm expected) {
    assertThat(HmacAlgorithm.fromName(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"MD5", "SHA3", "SHA-3-256", "SHA224", "", "SHA--1", " SHA1"})
  void fromNameWhenUnknownThenFailsNamingIt(String name) {
    assertThatThrownBy(() -> HmacAlgorithm.fromName(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown algorithm '" + name + "' (expected SHA1, SHA256 or SHA512)");
  }
}

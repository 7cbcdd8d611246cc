package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretTest {

  private static final byte[] BYTES =
      HexFormat.of().parseHex("3132333435363738393031323334353637383930");

  @Test
  void toStringWhenPrintedThenShowsLengthOnly() {
    Secret secret = Secret.of(BYTES);

    assertThat(secret).hasToString("Secret[20 bytes]");
    assertThat(secret.toString())
        .doesNotContain(secret.toBase32(SecretAccess.get()))
        .doesNotContain("3132")
        .doesNotContain("12345");
  }

  @Test
  void ofWhenSourceArrayChangedThenSecretUnchanged() {
    byte[] source = BYTES.clone();
    Secret secret = Secret.of(source);

    source[0] ^= 1;

    assertThat(secret.bytes(SecretAccess.get())).isEqualTo(BYTES);
  }

  @Test
  void bytesWhenReturnedArrayChangedThenSecretUnchanged() {
    Secret secret = Secret.of(BYTES);
    byte[] copy = secret.bytes(SecretAccess.get());

    copy[0] ^= 1;

    assertThat(secret.bytes(SecretAccess.get())).isEqualTo(BYTES);
    assertThat(secret.bytes(SecretAccess.get())).isNotSameAs(secret.bytes(SecretAccess.get()));
  }

  @Test
  void equalsWhenSameBytesThenEqualAndHashOnLength() {
    Secret a = Secret.of(BYTES);
    Secret b = Secret.of(BYTES.clone());
    byte[] other = BYTES.clone();
    other[19] ^= 1;

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(Secret.of(other));
    assertThat(a).isNotEqualTo(Secret.of(new byte[] {0x31})).isNotEqualTo("12345678901234567890");
    assertThat(a.hashCode()).isEqualTo(20).isEqualTo(Secret.of(other).hashCode());
  }

  @Test
  void base32WhenRoundTrippedThenEqual() {
    Secret secret = Secret.of(BYTES);

    assertThat(secret.toBase32(SecretAccess.get())).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Secret.fromBase32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")).isEqualTo(secret);
    assertThat(Secret.fromBase32("MZXW6YQ=").length()).isEqualTo(4);
  }

  @Test
  void randomWhenMadeThenHasLengthAndDiffers() {
    SecureRandom random = new SecureRandom();
    Secret a = Secret.random(random, 20);
    Secret b = Secret.random(random, 20);

    assertThat(a.length()).isEqualTo(20);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void factoriesWhenInvalidThenFailWithExactMessages() {
    assertThatThrownBy(() -> Secret.of(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must not be empty");
    assertThatThrownBy(() -> Secret.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bytes must not be null");
    assertThatThrownBy(() -> Secret.fromBase32(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must not be empty");
    assertThatThrownBy(() -> Secret.fromBase32("MZXW6YQ1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid Base32 character '1' (U+0031) at index 7");
    assertThatThrownBy(() -> Secret.random(new SecureRandom(), 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be at least 16 bytes, was 15");
    assertThatThrownBy(() -> Secret.of(BYTES).bytes(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("access must not be null");
  }
}

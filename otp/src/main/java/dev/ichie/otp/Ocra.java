package dev.ichie.otp;

import java.util.Objects;
import javax.crypto.Mac;

/**
 * OCRA, the OATH challenge-response algorithm of RFC 6287 §5: OCRA = CryptoFunction(K, DataInput),
 * where the crypto function is HOTP-H-t, the HMAC H of the whole data input (§5.1) followed by the
 * dynamic truncation of RFC 4226 §5.3 to t digits.
 *
 * <p>Covers the modes of RFC 6287 §7: one-way challenge-response, both computations of mutual
 * challenge-response, and plain signature; see {@link OcraInput}. With a truncation of 0 (no
 * truncation), the response is the whole HMAC as upper-case hexadecimal.
 *
 * <p>This class is immutable and thread-safe; it uses one {@link Mac} per thread.
 */
public final class Ocra {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final OcraSuite suite;

  /**
   * Makes a calculator for a suite.
   *
   * @param suite the suite
   */
  public Ocra(OcraSuite suite) {
    this.suite = Objects.requireNonNull(suite, "suite must not be null");
  }

  /**
   * Computes the response.
   *
   * @param key the shared secret K
   * @param input the data input, made for this suite
   * @return the response: {@code digits} ASCII digits with leading zeros, or hexadecimal for a
   *     truncation of 0
   * @throws IllegalArgumentException if the input was made for another suite
   */
  public String generate(Secret key, OcraInput input) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(input, "input must not be null");
    if (!input.suite().equals(suite)) {
      throw new IllegalArgumentException(
          "input was made for suite " + input.suite() + ", not " + suite);
    }
    Mac mac = HmacOtp.keyed(suite.algorithm(), key).mac();
    byte[] hmac = mac.doFinal(input.message());
    int digits = suite.digits();
    if (digits == 0) {
      char[] hex = new char[hmac.length * 2];
      for (int i = 0; i < hmac.length; i++) {
        hex[2 * i] = HEX[(hmac[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX[hmac[i] & 0xf];
      }
      return new String(hex);
    }
    return HmacOtp.format(HmacOtp.truncate(hmac) % HmacOtp.powerOfTen(digits), digits);
  }

  /**
   * Checks a response in constant time: the expected response is computed and compared with every
   * character of the submitted one, with no early exit, also when the lengths differ.
   *
   * @param key the shared secret K
   * @param input the data input, made for this suite
   * @param response the submitted response
   * @return whether it is the expected response
   */
  public boolean verify(Secret key, OcraInput input, CharSequence response) {
    Objects.requireNonNull(response, "response must not be null");
    String expected = generate(key, input);
    int diff = expected.length() ^ response.length();
    for (int i = 0; i < expected.length(); i++) {
      // The submitted length is public; reading past it compares with a character never expected.
      char submitted = i < response.length() ? response.charAt(i) : '\uffff';
      diff |= expected.charAt(i) ^ submitted;
    }
    return diff == 0;
  }

  /**
   * Returns the suite.
   *
   * @return the suite
   */
  public OcraSuite suite() {
    return suite;
  }

  @Override
  public String toString() {
    return "Ocra[" + suite + "]";
  }
}

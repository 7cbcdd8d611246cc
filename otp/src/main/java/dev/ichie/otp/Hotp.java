package dev.ichie.otp;

import java.util.Objects;

/**
 * HOTP, the HMAC-based one-time password of RFC 4226 §5: HOTP(K, C) = Truncate(HMAC(K, C)) mod
 * 10^digits, with the counter C as 8 bytes big-endian and the dynamic truncation of §5.3. Besides
 * HMAC-SHA-1 of RFC 4226 it allows HMAC-SHA-256 and HMAC-SHA-512, as TOTP does (RFC 6238 §1.2).
 *
 * <p>This class is immutable and thread-safe; it uses one {@link javax.crypto.Mac} per thread.
 */
public final class Hotp {

  private final HmacAlgorithm algorithm;
  private final int digits;
  private final int modulus;

  /**
   * Makes a generator.
   *
   * @param algorithm the HMAC algorithm
   * @param digits the number of decimal digits of a code, 6 to 8
   * @throws IllegalArgumentException if {@code digits} is out of range
   */
  public Hotp(HmacAlgorithm algorithm, int digits) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm must not be null");
    TotpParameters.checkDigits(digits);
    this.digits = digits;
    this.modulus = (int) HmacOtp.powerOfTen(digits);
  }

  /**
   * Computes the code for a counter value, with leading zeros.
   *
   * @param secret the shared secret K
   * @param counter the counter C, not negative
   * @return exactly {@link #digits()} ASCII digits
   * @throws IllegalArgumentException if {@code counter} is negative
   */
  public String generate(Secret secret, long counter) {
    return HmacOtp.format(generateValue(secret, counter), digits);
  }

  /**
   * Computes the code for a counter value as a number.
   *
   * @param secret the shared secret K
   * @param counter the counter C, not negative
   * @return the code, from 0 to 10^digits - 1
   * @throws IllegalArgumentException if {@code counter} is negative
   */
  public int generateValue(Secret secret, long counter) {
    Objects.requireNonNull(secret, "secret must not be null");
    if (counter < 0) {
      throw new IllegalArgumentException("counter must not be negative, was " + counter);
    }
    return HmacOtp.keyed(algorithm, secret).truncatedHmac(counter) % modulus;
  }

  /**
   * Returns the HMAC algorithm.
   *
   * @return the algorithm
   */
  public HmacAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the number of digits of a code.
   *
   * @return 6 to 8
   */
  public int digits() {
    return digits;
  }

  @Override
  public String toString() {
    return "Hotp[" + algorithm + ", " + digits + " digits]";
  }
}

package dev.ichie.otp;

import java.time.Duration;
import java.util.Objects;

/**
 * The parameters of a TOTP token (RFC 6238 §4): the HMAC algorithm, the number of digits and the
 * time step X. T0 is always the Unix epoch.
 *
 * <p>A token keeps the parameters it was issued with, so that changing the service's defaults does
 * not break tokens already in use. Validated when made: digits from 6 to 8 (RFC 4226 §5.3 asks for
 * at least 6; authenticator apps show at most 8) and a period of a positive whole number of
 * seconds.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param algorithm the HMAC algorithm
 * @param digits the number of decimal digits of a code, 6 to 8
 * @param period the time step X, a positive whole number of seconds
 */
public record TotpParameters(HmacAlgorithm algorithm, int digits, Duration period) {

  /** The smallest number of digits accepted. */
  public static final int MIN_DIGITS = 6;

  /** The largest number of digits accepted. */
  public static final int MAX_DIGITS = 8;

  /** The time step recommended by RFC 6238 §5.2 and used by authenticator apps: 30 seconds. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  /** HMAC-SHA-1, 6 digits, 30 seconds: what standard authenticator apps expect. */
  public static final TotpParameters DEFAULT =
      new TotpParameters(HmacAlgorithm.SHA1, 6, DEFAULT_PERIOD);

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException if digits or period are out of range
   */
  public TotpParameters {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    Objects.requireNonNull(period, "period must not be null");
    checkDigits(digits);
    checkPeriod(period);
  }

  static void checkDigits(int digits) {
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException(
          "digits must be between " + MIN_DIGITS + " and " + MAX_DIGITS + ", was " + digits);
    }
  }

  static void checkPeriod(Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    if (period.getNano() != 0) {
      throw new IllegalArgumentException("period must be a whole number of seconds, was " + period);
    }
  }
}

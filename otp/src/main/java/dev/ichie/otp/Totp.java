package dev.ichie.otp;

import java.time.Instant;
import java.util.Objects;

/**
 * TOTP, the time-based one-time password of RFC 6238 §4: HOTP with the counter T = floor((time -
 * T0) / X), where T0 is the Unix epoch and X the period.
 *
 * <p>It never reads a clock: the time is always passed in. Times before the epoch are refused.
 *
 * <p>This class is immutable and thread-safe; it uses one {@link javax.crypto.Mac} per thread.
 */
public final class Totp {

  private final TotpParameters parameters;
  private final long periodSeconds;
  private final int modulus;

  /**
   * Makes a generator.
   *
   * @param parameters algorithm, digits and period
   */
  public Totp(TotpParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters must not be null");
    this.periodSeconds = parameters.period().getSeconds();
    this.modulus = (int) HmacOtp.powerOfTen(parameters.digits());
  }

  /**
   * Returns the time step T that contains a time (RFC 6238 §4.2), by floor division of the seconds
   * since the epoch by the period.
   *
   * @param time the time, not before 1970-01-01T00:00:00Z
   * @return the time step, not negative
   * @throws IllegalArgumentException if {@code time} is before the epoch
   */
  public long step(Instant time) {
    Objects.requireNonNull(time, "time must not be null");
    long seconds = time.getEpochSecond();
    if (seconds < 0) {
      throw new IllegalArgumentException(
          "time must not be before 1970-01-01T00:00:00Z, was " + time);
    }
    return seconds / periodSeconds;
  }

  /**
   * Computes the code for a time.
   *
   * @param secret the shared secret
   * @param time the time, not before the epoch
   * @return exactly {@code digits} ASCII digits, with leading zeros
   * @throws IllegalArgumentException if {@code time} is before the epoch
   */
  public String generate(Secret secret, Instant time) {
    return generateAtStep(secret, step(time));
  }

  /**
   * Computes the code for a time step.
   *
   * @param secret the shared secret
   * @param step the time step T, not negative
   * @return exactly {@code digits} ASCII digits, with leading zeros
   * @throws IllegalArgumentException if {@code step} is negative
   */
  public String generateAtStep(Secret secret, long step) {
    return HmacOtp.format(valueAtStep(secret, step), parameters.digits());
  }

  /** The code at a step as a number. */
  int valueAtStep(Secret secret, long step) {
    Objects.requireNonNull(secret, "secret must not be null");
    if (step < 0) {
      throw new IllegalArgumentException("step must not be negative, was " + step);
    }
    return HmacOtp.keyed(parameters.algorithm(), secret).truncatedHmac(step) % modulus;
  }

  /**
   * Returns the parameters.
   *
   * @return algorithm, digits and period
   */
  public TotpParameters parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "Totp[" + parameters + "]";
  }
}

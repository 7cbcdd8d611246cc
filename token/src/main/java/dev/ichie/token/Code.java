package dev.ichie.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-time password (ワンタイムパスワード) as the app shows it: the digits, the time step they belong to
 * (RFC 6238 §4.2), and when that step ends on the server's clock.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the digits out.
 *
 * @param digits the code, with leading zeros
 * @param step the time step T
 * @param serverTime the (corrected) time the code was computed for
 * @param validUntil the end of the step, server time
 */
public record Code(String digits, long step, Instant serverTime, Instant validUntil) {

  /** Checks. */
  public Code {
    Objects.requireNonNull(digits, "digits");
    Objects.requireNonNull(serverTime, "serverTime");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /** The time left in this step. */
  public Duration remaining() {
    return Duration.between(serverTime, validUntil);
  }

  /** The whole seconds left, rounded up: 30 … 1 for a 30-second step. */
  public long secondsLeft() {
    long millis = remaining().toMillis();
    return (millis + 999) / 1000;
  }

  @Override
  public String toString() {
    return "Code[" + digits.length() + " digits, step " + step + ", until " + validUntil + "]";
  }
}

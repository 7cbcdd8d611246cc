package dev.ichie.token;

import java.time.Duration;
import java.util.Objects;

/**
 * A measurement of the device clock against the server's: offset = server time − device time at the
 * midpoint of the round trip, so that device time + offset is the server's time. Beyond {@link
 * #TOLERANCE} the customer is told to set the device's clock (the seed: 「日時が正しくないと、正常に動作しない」); the
 * offset is kept meanwhile, so that codes are right anyway.
 *
 * <p>Immutable and thread-safe.
 *
 * @param offset server time minus device time
 * @param roundTrip the round trip of the request it was measured on; the offset is exact to about
 *     half of it (plus the server time's own resolution)
 */
public record ClockCheck(Duration offset, Duration roundTrip) {

  /** Beyond this the app warns: 30 seconds, one default time step. */
  public static final Duration TOLERANCE = Duration.ofSeconds(30);

  /** Checks. */
  public ClockCheck {
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(roundTrip, "roundTrip");
  }

  /** Whether the device clock is off by more than {@link #TOLERANCE}: warn the customer. */
  public boolean clockOff() {
    return offset.abs().compareTo(TOLERANCE) > 0;
  }

  /** Whether the device clock is ahead of the server's (it is behind otherwise). */
  public boolean deviceAhead() {
    return offset.isNegative();
  }
}

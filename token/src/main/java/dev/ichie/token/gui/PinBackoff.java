package dev.ichie.token.gui;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the PIN screen waits after wrong PINs: from the {@code threshold}-th wrong PIN in a row
 * on, each wrong PIN makes the customer wait, twice as long as the time before, up to {@code
 * longest}. With the defaults: after the 3rd wrong PIN 5 s, after the 4th 10 s, then 20 s, … up to
 * 5 minutes.
 *
 * <p>The delay slows down guessing at the window only; the window keeps it beside the vault ({@link
 * PinWaitFile}), so that a restart goes on with it. What protects a copied vault is the PIN's
 * Argon2id cost (about half a second a guess), not this.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the wrong PINs in a row that start the waiting, at least 1
 * @param first the delay after the first wrong PIN beyond the free tries, positive
 * @param longest the longest delay, at least {@code first}
 */
public record PinBackoff(int threshold, Duration first, Duration longest) {

  /** After 3 wrong PINs 5 s, doubling up to 5 minutes. */
  public static final PinBackoff DEFAULT =
      new PinBackoff(3, Duration.ofSeconds(5), Duration.ofMinutes(5));

  /** Checks. */
  public PinBackoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(longest, "longest");
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    if (first.isNegative() || first.isZero()) {
      throw new IllegalArgumentException("first must be positive, not " + first);
    }
    if (longest.compareTo(first) < 0) {
      throw new IllegalArgumentException("longest must be at least first (" + first + ")");
    }
  }

  /**
   * The wait after a number of consecutive wrong PINs.
   *
   * @param wrongPins the wrong PINs so far, this one included
   * @return zero below the threshold; then {@code first}, doubling, at most {@code longest}
   */
  public Duration delayAfter(int wrongPins) {
    if (wrongPins < threshold) {
      return Duration.ZERO;
    }
    int doublings = wrongPins - threshold;
    Duration delay = first;
    for (int i = 0; i < doublings && delay.compareTo(longest) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(longest) > 0 ? longest : delay;
  }
}

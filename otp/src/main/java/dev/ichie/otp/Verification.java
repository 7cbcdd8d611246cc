package dev.ichie.otp;

import java.util.Objects;

/**
 * The outcome of {@link TotpVerifier#verify}, the TOTP validation of RFC 6238 §5.2: either {@link
 * Accepted} with the matching time step and the drift it shows (§6), or {@link Refused} with a
 * {@link Reason}.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface Verification permits Verification.Accepted, Verification.Refused {

  /**
   * Tells whether the code was accepted.
   *
   * @return {@code true} for {@link Accepted}
   */
  default boolean accepted() {
    return this instanceof Accepted;
  }

  /**
   * The code matched a time step after the last accepted one.
   *
   * @param step the time step the code belongs to; store it as the new last accepted step
   * @param drift {@code step} minus the step of the verifier's current time; store it to centre the
   *     next window
   */
  record Accepted(long step, long drift) implements Verification {}

  /**
   * The code was refused.
   *
   * @param reason why
   */
  record Refused(Reason reason) implements Verification {

    /**
     * Validates the reason.
     *
     * @throws NullPointerException if {@code reason} is null
     */
    public Refused {
      Objects.requireNonNull(reason, "reason must not be null");
    }
  }

  /** Why a code was refused. */
  enum Reason {
    /** Not exactly the expected number of ASCII digits {@code 0-9}. */
    MALFORMED,
    /** Well formed, but no time step of the window has this code. */
    WRONG,
    /**
     * The code belongs to a step at or before the last accepted one: a replay, or an old code (NIST
     * SP 800-63B §5.1.4.2).
     */
    REPLAYED
  }
}

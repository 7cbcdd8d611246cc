package dev.ichie.otp;

import java.time.Instant;
import java.util.Objects;

/**
 * Checks a submitted TOTP code (RFC 6238 §5.2) against a window of time steps around the token's
 * drift-adjusted time (the resynchronisation of RFC 6238 §6), and refuses a code of a step already
 * used (RFC 6238 §5.2 and NIST SP 800-63B §5.1.4.2: each code is accepted at most once).
 *
 * <p>The window is the steps {@code [step(now) + drift - stepsBefore, step(now) + drift +
 * stepsAfter]}, leaving out negative steps. The code of every step in the window is computed and
 * compared with the submitted one in constant time, with no early exit and no branch on whether a
 * comparison matched, so that the time taken does not tell which step, if any, matched. A code that
 * is not exactly {@code digits} ASCII digits is refused as {@link Verification.Reason#MALFORMED}
 * before any HMAC is computed; its shape is known to whoever sent it.
 *
 * <p>If the code matches a step after {@code lastAcceptedStep} it is {@link Verification.Accepted}
 * (the highest such step if several match); if it matches only steps at or before it, it is {@link
 * Verification.Reason#REPLAYED}; otherwise {@link Verification.Reason#WRONG}. The caller stores the
 * accepted step and drift, atomically with the check that the stored step did not change meanwhile.
 *
 * <p>This class is immutable and thread-safe; it uses one {@link javax.crypto.Mac} per thread.
 */
public final class TotpVerifier {

  /** The {@code lastAcceptedStep} of a token that never had a code accepted. */
  public static final long NO_STEP = Long.MIN_VALUE;

  /** The widest window accepted on either side of the drift-adjusted step. */
  public static final int MAX_STEPS = 10;

  private static final Verification MALFORMED =
      new Verification.Refused(Verification.Reason.MALFORMED);
  private static final Verification WRONG = new Verification.Refused(Verification.Reason.WRONG);
  private static final Verification REPLAYED =
      new Verification.Refused(Verification.Reason.REPLAYED);

  private final Totp totp;
  private final TotpParameters parameters;
  private final int stepsBefore;
  private final int stepsAfter;

  /**
   * Makes a verifier.
   *
   * @param parameters algorithm, digits and period of the token
   * @param stepsBefore how many steps before the drift-adjusted step are accepted, 0 to {@value
   *     #MAX_STEPS}
   * @param stepsAfter how many steps after the drift-adjusted step are accepted, 0 to {@value
   *     #MAX_STEPS}
   * @throws IllegalArgumentException if a window size is out of range
   */
  public TotpVerifier(TotpParameters parameters, int stepsBefore, int stepsAfter) {
    this.parameters = Objects.requireNonNull(parameters, "parameters must not be null");
    checkSteps("stepsBefore", stepsBefore);
    checkSteps("stepsAfter", stepsAfter);
    this.totp = new Totp(parameters);
    this.stepsBefore = stepsBefore;
    this.stepsAfter = stepsAfter;
  }

  private static void checkSteps(String name, int steps) {
    if (steps < 0 || steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          name + " must be between 0 and " + MAX_STEPS + ", was " + steps);
    }
  }

  /**
   * Verifies a submitted code.
   *
   * @param secret the token's secret
   * @param code the submitted code
   * @param now the current time, not before the epoch
   * @param drift the drift last seen for this token, in steps (0 for a new token)
   * @param lastAcceptedStep the step of the last accepted code, or {@link #NO_STEP}
   * @return {@link Verification.Accepted} or {@link Verification.Refused}
   * @throws IllegalArgumentException if {@code now} is before the epoch or the drift moves the
   *     window out of the range of {@code long}
   */
  public Verification verify(
      Secret secret, CharSequence code, Instant now, long drift, long lastAcceptedStep) {
    Objects.requireNonNull(secret, "secret must not be null");
    Objects.requireNonNull(code, "code must not be null");
    long current = totp.step(now);
    long first;
    try {
      long centre = Math.addExact(current, drift);
      first = Math.subtractExact(centre, stepsBefore);
      Math.addExact(centre, stepsAfter); // only to check that the last step fits in a long
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("drift " + drift + " is out of range", e);
    }

    int digits = parameters.digits();
    if (code.length() != digits) {
      return MALFORMED;
    }
    // Parse every character, without branching on the digits' values.
    int submitted = 0;
    int bad = 0;
    for (int i = 0; i < digits; i++) {
      int d = code.charAt(i) - '0';
      bad |= d | (9 - d); // negative if d is outside 0..9
      submitted = submitted * 10 + d;
    }
    if (bad < 0) {
      return MALFORMED;
    }

    int modulus = (int) HmacOtp.powerOfTen(digits);
    HmacOtp.Keyed hmac = HmacOtp.keyed(parameters.algorithm(), secret);
    long freshStep = 0; // the highest matching step after lastAcceptedStep, if freshFound is 1
    int freshFound = 0;
    int replayFound = 0;
    int candidates = stepsBefore + 1 + stepsAfter;
    for (int i = 0; i < candidates; i++) {
      long step = first + i;
      if (step < 0) {
        continue; // before the epoch; whether it is, is public
      }
      int diff = (hmac.truncatedHmac(step) % modulus) ^ submitted;
      int match = 1 ^ ((diff | -diff) >>> 31); // 1 if equal, 0 if not, without a branch
      // Whether a step is after lastAcceptedStep is public, so branching on it is fine.
      int fresh = step > lastAcceptedStep ? 1 : 0;
      int freshMatch = match & fresh;
      long mask = -(long) freshMatch; // all ones if this step is a fresh match
      freshStep = (step & mask) | (freshStep & ~mask);
      freshFound |= freshMatch;
      replayFound |= match & (fresh ^ 1);
    }
    if (freshFound != 0) {
      return new Verification.Accepted(freshStep, freshStep - current);
    }
    return replayFound != 0 ? REPLAYED : WRONG;
  }

  /**
   * Returns the token parameters.
   *
   * @return algorithm, digits and period
   */
  public TotpParameters parameters() {
    return parameters;
  }

  /**
   * Returns how many steps before the drift-adjusted step are accepted.
   *
   * @return 0 to {@value #MAX_STEPS}
   */
  public int stepsBefore() {
    return stepsBefore;
  }

  /**
   * Returns how many steps after the drift-adjusted step are accepted.
   *
   * @return 0 to {@value #MAX_STEPS}
   */
  public int stepsAfter() {
    return stepsAfter;
  }

  @Override
  public String toString() {
    return "TotpVerifier[" + parameters + ", -" + stepsBefore + "/+" + stepsAfter + " steps]";
  }
}

package dev.ichie.server.factor;

import java.util.Objects;

/**
 * How one proof ended.
 *
 * @param factor the factor it was for
 * @param status how it ended
 * @param reason the authenticator's own result name (e.g. {@code WRONG_CODE}), for messages and the
 *     API
 * @param attemptsLeft tries left before the lock, if the factor has one
 * @param detail what the authenticator adds for its callers (the token's status), or null
 */
public record ProofResult(
    Factor factor, Status status, String reason, Integer attemptsLeft, ProofDetail detail) {

  /** How a proof ended. */
  public enum Status {
    /** Proved. */
    OK,
    /** Wrong: counted against its credential. */
    WRONG,
    /** A code already used: not counted. */
    REPLAYED,
    /** Not in the shape of the factor: not counted. */
    MALFORMED,
    /** The credential (or the password) is locked; no guess was taken. */
    LOCKED,
    /** The factor cannot be proved now (no credential in use). */
    NOT_AVAILABLE,
    /** Too many wrong guesses from this address or in this service: try later. */
    THROTTLED,
    /** The server is at its bound of password checks: try again shortly. */
    BUSY
  }

  /** Validates the result. */
  public ProofResult {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * A result without detail.
   *
   * @param factor the factor
   * @param status how it ended
   * @param attemptsLeft tries left, or null
   * @return the result, with the status as its reason
   */
  public static ProofResult of(Factor factor, Status status, Integer attemptsLeft) {
    return new ProofResult(factor, status, status.name(), attemptsLeft, null);
  }

  /**
   * Whether the factor was proved.
   *
   * @return true for OK
   */
  public boolean ok() {
    return status == Status.OK;
  }
}

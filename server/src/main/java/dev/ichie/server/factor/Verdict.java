package dev.ichie.server.factor;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link FactorCheck} says of an operation.
 *
 * @param kind allowed, a factor still missing, blocked, or refused
 * @param passed the factors proved for the operation (this request and its challenge)
 * @param missing for {@link Kind#NEEDS}: what to ask for next
 * @param results every proof checked in this request, in order
 * @param challengeId for {@link Kind#NEEDS}: the challenge that the next request answers
 * @param spent for an allowed transfer: its amount counted in the customer's day, to give back with
 *     {@link FactorCheck#giveBack} if the transfer does not happen; else null
 */
public record Verdict(
    Kind kind,
    Set<Factor> passed,
    Set<Factor> missing,
    List<ProofResult> results,
    String challengeId,
    DailyLimits.Spent spent) {

  /** The kinds of verdict. */
  public enum Kind {
    /** Every factor of an acceptable combination is proved. */
    ALLOWED,
    /** The proofs so far are right, and more are needed: {@link #missing}. */
    NEEDS,
    /** No combination is acceptable for this customer now (a locked credential). */
    BLOCKED,
    /** A proof failed ({@link #refusal}). */
    REFUSED,
    /** The challenge is unknown, of another operation, expired or already answered. */
    EXPIRED,
    /**
     * A transfer that no acceptable combination keeps within the day's limits: checked before any
     * proof, and again, atomically, when the proofs are complete.
     */
    OVER_LIMIT
  }

  /**
   * A verdict that counted no transfer.
   *
   * @param kind the kind
   * @param passed the factors proved
   * @param missing what to ask for next
   * @param results the proofs checked
   * @param challengeId the challenge, for NEEDS
   */
  public Verdict(
      Kind kind,
      Set<Factor> passed,
      Set<Factor> missing,
      List<ProofResult> results,
      String challengeId) {
    this(kind, passed, missing, results, challengeId, null);
  }

  /** Copies the collections. */
  public Verdict {
    passed = passed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(passed));
    missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
    results = List.copyOf(results);
  }

  /**
   * Whether the operation may go ahead.
   *
   * @return true when allowed
   */
  public boolean allowed() {
    return kind == Kind.ALLOWED;
  }

  /**
   * The proof that failed, for a refused verdict.
   *
   * @return the failed proof's result
   */
  public Optional<ProofResult> refusal() {
    return kind == Kind.REFUSED ? Optional.of(results.get(results.size() - 1)) : Optional.empty();
  }

  /**
   * The result of the proof of a factor in this request.
   *
   * @param factor the factor
   * @return its result, if it was checked
   */
  public Optional<ProofResult> result(Factor factor) {
    return results.stream().filter(r -> r.factor() == factor).findFirst();
  }
}

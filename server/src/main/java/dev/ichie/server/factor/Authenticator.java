package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;

/**
 * Checks the proofs of one factor, for {@link FactorCheck} alone. Each implementation takes the
 * guess against its credential's limit by one conditional update before it compares anything,
 * settles it after, and writes one audit record per check naming the operation and the outcome.
 */
public interface Authenticator {

  /**
   * Whether this authenticator checks proofs of the factor.
   *
   * @param factor a factor
   * @return true if so
   */
  boolean checks(Factor factor);

  /**
   * Checks a proof.
   *
   * @param subject whose
   * @param operation for what
   * @param proof the proof, of a factor this authenticator {@link #checks}
   * @param actor who, from where
   * @return how it ended
   */
  ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor);
}

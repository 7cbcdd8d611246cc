package dev.ichie.server.token;

import dev.ichie.server.factor.ProofDetail;

/**
 * The answer of a token-service operation: a machine-readable result and the token's status after
 * it.
 *
 * @param result what happened
 * @param status the customer's token after the operation, or null when there is no such customer
 */
public record Outcome(Result result, TokenStatus status) implements ProofDetail {

  /**
   * Whether the operation succeeded.
   *
   * @return true for {@link Result#OK}
   */
  public boolean ok() {
    return result == Result.OK;
  }
}

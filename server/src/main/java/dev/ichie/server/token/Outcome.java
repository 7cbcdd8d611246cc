package dev.ichie.server.token;

/**
 * The answer of a token-service operation: a machine-readable result and the token's status after
 * it.
 *
 * @param result what happened
 * @param status the customer's token after the operation, or null when there is no such customer
 */
public record Outcome(Result result, TokenStatus status) {

  /**
   * Whether the operation succeeded.
   *
   * @return true for {@link Result#OK}
   */
  public boolean ok() {
    return result == Result.OK;
  }
}

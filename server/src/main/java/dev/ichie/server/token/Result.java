package dev.ichie.server.token;

/**
 * The machine-readable outcome of every operation of the token service, as the REST API and web
 * banking report it.
 */
public enum Result {
  /** Done. */
  OK(200),
  /** The code is not the token's current one. */
  WRONG_CODE(200),
  /** The code was already used, or is older than the last one used. */
  REPLAYED(200),
  /** The token is locked after too many wrong codes; the branch can unlock it. */
  LOCKED(200),
  /** The token is not in a state that accepts codes (not yet active, or ended). */
  NOT_ACTIVE(200),
  /** Too many wrong codes in this service lately: try later. */
  THROTTLED(429),
  /** The request is malformed: a code that is not the right number of digits, a bad field. */
  MALFORMED(400),
  /** The activation password is not 4 to 8 digits, or is trivial (one digit, a run). */
  WEAK_ACTIVATION_PASSWORD(400),
  /** No such customer or token in this service. */
  NOT_FOUND(404),
  /** The customer already has a token that has not ended. */
  TOKEN_EXISTS(409),
  /** After a deactivation, a new token can be issued only from the next day. */
  REISSUE_NOT_YET(409),
  /** The operation is not legal in the token's state. */
  ILLEGAL_STATE(409);

  private final int httpStatus;

  Result(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /**
   * The HTTP status the REST API answers with.
   *
   * @return the status code
   */
  public int httpStatus() {
    return httpStatus;
  }
}

package dev.ichie.activation;

import java.util.Objects;

/**
 * A refused activation message or value: carries the {@link ErrorCode} to answer with and a plain
 * English detail (for logs and tests, never shown to the customer, never containing a secret).
 *
 * <p>Checked on purpose: every caller has to decide which 4xx answer a bad input gets, so that bad
 * input never turns into a 500.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * A refusal.
   *
   * @param code the answer's reason code
   * @param detail what was wrong, in plain English
   */
  public ProtocolException(ErrorCode code, String detail) {
    super(Objects.requireNonNull(detail, "detail"));
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The reason code to answer with. */
  public ErrorCode code() {
    return code;
  }
}

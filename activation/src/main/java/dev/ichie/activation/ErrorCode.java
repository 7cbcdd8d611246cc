package dev.ichie.activation;

/**
 * The reason codes of an activation error answer ({@code {"error":CODE,"message":"…"}}), each with
 * the HTTP status it travels with (ACTIVATION.md, "The wire format").
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
  /** The request is not a well-formed message: bad JSON, a missing or bad field. */
  MALFORMED(400),
  /** The message names a protocol version this side does not speak (it speaks 1 and 2). */
  UNSUPPORTED_VERSION(400),
  /**
   * Wrong activation password, unknown user or service, expired, void or used issuance: one answer
   * for all, so that nobody learns which.
   */
  ACTIVATION_FAILED(403),
  /** {@code finish} came more than 5 minutes after {@code start}, or came twice. */
  SESSION_EXPIRED(410),
  /** Too many requests; the answer carries {@code Retry-After}. */
  RATE_LIMITED(429),
  /**
   * Version 2: the device key is not a P-256 key in the required form, or its proof is wrong; the
   * attempt is spent as for a wrong password.
   */
  BAD_DEVICE_KEY(400);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status code this error is sent with. */
  public int httpStatus() {
    return httpStatus;
  }
}

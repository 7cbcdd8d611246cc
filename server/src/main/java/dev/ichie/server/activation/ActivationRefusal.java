package dev.ichie.server.activation;

import dev.ichie.activation.ErrorCode;
import java.time.Duration;

/** A refused activation request: the protocol's error code, and for RATE_LIMITED the wait. */
final class ActivationRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Duration retryAfter;

  ActivationRefusal(ErrorCode code, String message) {
    this(code, message, null);
  }

  ActivationRefusal(ErrorCode code, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  ErrorCode code() {
    return code;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}

package dev.ichie.activation;

import java.util.Objects;

/**
 * A 4xx answer, server → app: {@code {"error":CODE,"message":"…"}} (ACTIVATION.md, "The wire
 * format"). It carries no version, so that any client can read it.
 *
 * <p>Checked when built: the message is 1–1000 characters. Immutable and thread-safe.
 *
 * @param error the reason code; its {@link ErrorCode#httpStatus()} is the answer's status
 * @param message for the customer, in the language of {@code Accept-Language}
 */
public record ErrorResponse(ErrorCode error, String message) {

  /** The longest message in characters. */
  public static final int MAX_MESSAGE_LENGTH = 1000;

  /** Checks. */
  public ErrorResponse {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    if (message.isEmpty() || message.length() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException("message must be 1 to 1000 characters");
    }
  }
}

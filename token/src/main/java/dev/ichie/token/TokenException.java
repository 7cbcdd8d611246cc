package dev.ichie.token;

import java.util.Arrays;
import java.util.Objects;

/**
 * A failure the customer should be told about: a {@link Problem}, the arguments of its message and,
 * for logs and tests, a plain English detail that never holds a secret.
 *
 * <p>{@link Texts#describe(TokenException)} gives the text in the customer's language.
 */
public final class TokenException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Problem problem;
  private final transient Object[] arguments;

  /**
   * A failure.
   *
   * @param problem what went wrong
   * @param detail plain English, for logs and tests; never a secret
   * @param arguments the arguments of the problem's message, if it has any
   */
  public TokenException(Problem problem, String detail, Object... arguments) {
    super(Objects.requireNonNull(detail, "detail"));
    this.problem = Objects.requireNonNull(problem, "problem");
    this.arguments = arguments.clone();
  }

  /**
   * A failure with a cause.
   *
   * @param problem what went wrong
   * @param detail plain English, for logs and tests; never a secret
   * @param cause the underlying exception
   * @param arguments the arguments of the problem's message, if it has any
   */
  public TokenException(Problem problem, String detail, Throwable cause, Object... arguments) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.arguments = arguments.clone();
  }

  /** What went wrong. */
  public Problem problem() {
    return problem;
  }

  /** The arguments of the problem's message (a copy). */
  public Object[] arguments() {
    return arguments == null ? new Object[0] : arguments.clone();
  }

  @Override
  public String toString() {
    return "TokenException["
        + problem
        + ": "
        + getMessage()
        + " "
        + Arrays.toString(arguments)
        + "]";
  }
}

package dev.ichie.server.system;

/**
 * A request refused with 400 MALFORMED and this message, which must not echo the request's values.
 */
public final class BadRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A bad request.
   *
   * @param message what is wrong, without the request's values
   */
  public BadRequest(String message) {
    super(message, null, false, false);
  }
}

package dev.ichie.server.system;

/**
 * What an error status says: the APIs' result code and message, and the message key of the pages'
 * text. Written once for the error page, the API answers and the server's own error report.
 *
 * @param code the APIs' result code
 * @param message the APIs' message, never a value of the request
 * @param textKey the pages' message key
 */
record ErrorKind(String code, String message, String textKey) {

  static ErrorKind of(int status) {
    return switch (status) {
      case 400 -> new ErrorKind("MALFORMED", "the request could not be read", "error.text.400");
      case 401, 403 -> new ErrorKind("FORBIDDEN", "not allowed", "error.text.403");
      case 404 -> new ErrorKind("NOT_FOUND", "no such resource", "error.text.404");
      case 405 -> new ErrorKind("MALFORMED", "method not allowed", "error.text.405");
      case 413 -> new ErrorKind("MALFORMED", "the request is too large", "error.text.413");
      case 505 -> new ErrorKind("MALFORMED", "the HTTP version is not supported", "error.text.400");
      default ->
          status < 500
              ? new ErrorKind("MALFORMED", "the request could not be processed", "error.text")
              : new ErrorKind("INTERNAL_ERROR", "internal error", "error.text");
    };
  }
}

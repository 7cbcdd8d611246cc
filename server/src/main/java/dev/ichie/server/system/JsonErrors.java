package dev.ichie.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an API error answer from a filter, in the shape {@link ErrorAnswers} gives. */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * Writes the answer.
   *
   * @param request the request, whose path decides the answer's field names
   * @param response the answer, not yet committed
   * @param status the HTTP status
   * @param code the result code
   * @param message a fixed message, never a value of the request
   * @throws IOException when the client is gone
   */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String code,
      String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ErrorAnswers.json(request.getRequestURI(), code, message));
  }
}

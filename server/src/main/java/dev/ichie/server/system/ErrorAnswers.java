package dev.ichie.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every bad request to the JSON APIs into a clear 4xx with a reason, never a 500 or a stack
 * trace. The REST API answers {@code {"result":…,"message":…}}; the activation endpoint answers
 * {@code {"error":…,"message":…}} as its protocol says. Messages never echo the request's values.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
class ErrorAnswers {

  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, String>> unreadable(HttpServletRequest request) {
    return answer(
        request, 400, "MALFORMED", "the body is not valid JSON or a field has the wrong type");
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<Map<String, String>> invalid(
      MethodArgumentNotValidException e, HttpServletRequest request) {
    String fields =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> f.getField() + " " + f.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    return answer(request, 400, "MALFORMED", "invalid fields: " + fields);
  }

  @ExceptionHandler({
    HandlerMethodValidationException.class,
    ConstraintViolationException.class,
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<Map<String, String>> badParameter(Exception e, HttpServletRequest request) {
    return answer(request, 400, "MALFORMED", "a parameter is missing or invalid");
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Map<String, String>> badRequest(BadRequest e, HttpServletRequest request) {
    return answer(request, 400, "MALFORMED", e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, String>> mediaType(HttpServletRequest request) {
    return answer(request, 415, "MALFORMED", "the body must be application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, String>> notAcceptable(HttpServletRequest request) {
    return answer(request, 406, "MALFORMED", "the answer is application/json");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> method(HttpServletRequest request) {
    return answer(request, 405, "MALFORMED", "method not allowed");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, String>> notFound(HttpServletRequest request) {
    return answer(request, 404, "NOT_FOUND", "no such resource");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, String>> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return answer(request, 500, "INTERNAL_ERROR", "internal error");
  }

  static ResponseEntity<Map<String, String>> answer(
      HttpServletRequest request, int status, String code, String message) {
    return answer(request.getRequestURI(), status, code, message);
  }

  static ResponseEntity<Map<String, String>> answer(
      String path, int status, String code, String message) {
    return ResponseEntity.status(HttpStatus.valueOf(status))
        .contentType(MediaType.APPLICATION_JSON)
        .body(body(path, code, message));
  }

  /** Whether a path is one of the JSON APIs, answered in their shape. */
  static boolean api(String path) {
    return path.startsWith("/api/");
  }

  /**
   * The answer's fields: the activation and app APIs name the code {@code error}, as their
   * protocols say; the REST API names it {@code result}.
   */
  static Map<String, String> body(String path, String code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put(
        path.startsWith("/api/activation/") || path.startsWith("/api/app/") ? "error" : "result",
        code);
    body.put("message", message);
    return body;
  }

  /**
   * The answer as JSON text, for the places that write it without a message converter.
   *
   * @param code a result code (letters and underscores)
   * @param message a fixed message, never a value of the request
   */
  static String json(String path, String code, String message) {
    StringBuilder json = new StringBuilder("{");
    body(path, code, message)
        .forEach(
            (k, v) -> {
              if (json.length() > 1) {
                json.append(',');
              }
              json.append('"').append(k).append("\":\"");
              json.append(v.replace("\\", "\\\\").replace("\"", "\\\""));
              json.append('"');
            });
    return json.append('}').toString();
  }
}

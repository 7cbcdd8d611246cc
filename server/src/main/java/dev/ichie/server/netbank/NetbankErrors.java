package dev.ichie.server.netbank;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Bad requests to web banking get the error page with a clear message, never a stack trace. */
@ControllerAdvice(basePackageClasses = NetbankErrors.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@NetbankEnabled
class NetbankErrors {

  private static final Logger log = LoggerFactory.getLogger(NetbankErrors.class);

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class,
    HttpRequestMethodNotSupportedException.class
  })
  String badRequest(HttpServletResponse response) {
    response.setStatus(400);
    return "netbank/error";
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, HttpServletResponse response) {
    log.error("unexpected error in web banking", e);
    response.setStatus(500);
    return "netbank/error";
  }
}

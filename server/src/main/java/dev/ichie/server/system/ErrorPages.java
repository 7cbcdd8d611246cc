package dev.ichie.server.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The answer of every request that ended in an error before or outside a controller (a refused
 * request, an unknown path, a failure in a filter): JSON in the APIs' shape under {@code /api/},
 * otherwise the error page in the customer's language. A request for {@code /error} itself is a
 * page that does not exist.
 */
@Controller
final class ErrorPages implements ErrorController {

  static final String PATH = "/error";

  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

  @RequestMapping(PATH)
  Object error(HttpServletRequest request, HttpServletResponse response) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
    String path = code instanceof Integer && uri instanceof String u ? u : request.getRequestURI();
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure instanceof InvalidParameterException invalid) {
      status = invalid.getErrorCode() >= 400 ? invalid.getErrorCode() : 400;
    } else if (status >= 500 && failure != null) {
      log.error("unexpected error on {}", path, failure);
    }
    ErrorKind kind = ErrorKind.of(status);
    response.setStatus(status);
    if (ErrorAnswers.api(path)) {
      return ErrorAnswers.answer(path, status, kind.code(), kind.message());
    }
    ModelAndView page = new ModelAndView("error");
    page.addObject("errorText", kind.textKey());
    page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
    return page;
  }
}

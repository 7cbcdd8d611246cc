package dev.ichie.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads it, a request whose method is not one the server answers or whose
 * parameters cannot be read (an undecodable encoding, too many, too large): the error page says so
 * with a 4xx, and the log names the request's path and the kind of failure, never a value.
 */
@Component
// Right after Spring's character encoding filter: parameters read before it would be decoded as
// ISO-8859-1, and read once they stay so.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class RequestGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", METHODS.stream().sorted().toList()));
      refuse(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "a method not answered");
      return;
    }
    try {
      request.getParameterMap();
    } catch (RuntimeException e) {
      // Tomcat keeps the failure and throws it again at every later read of a parameter.
      int status =
          e instanceof InvalidParameterException invalid && invalid.getErrorCode() >= 400
              ? invalid.getErrorCode()
              : HttpServletResponse.SC_BAD_REQUEST;
      refuse(
          request,
          response,
          status,
          "unreadable parameters (" + e.getClass().getSimpleName() + ")");
      return;
    }
    chain.doFilter(request, response);
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String what)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    log.warn("refused {} on {}: {}", status, path, what);
    Unread unread = new Unread(request);
    unread.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
    unread.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
    response.setStatus(status);
    SecureHeaders.set(response);
    request.getRequestDispatcher(ErrorPages.PATH).forward(unread, response);
  }

  /** The refused request as the error page sees it: a GET without parameters. */
  private static final class Unread extends HttpServletRequestWrapper {

    Unread(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public String getQueryString() {
      return null;
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }
  }
}

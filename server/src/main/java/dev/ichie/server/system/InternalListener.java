package dev.ichie.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bank's internal listener ({@code ichie.internal.port}, bound to {@code
 * ichie.internal.address}, 127.0.0.1 by default): with it, the branch console, the OpenAPI document
 * and its UI and the development mail page answer only there, and 404 on the public listener of the
 * activation API, the app API and web banking. Without it (the development defaults) everything is
 * on one listener.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class InternalListener extends OncePerRequestFilter
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  /** What answers only on the internal listener. */
  static final List<String> INTERNAL = List.of("/branch", "/v3/api-docs", "/swagger-ui", "/dev/");

  private final int port;
  private final String address;

  InternalListener(
      @Value("${ichie.internal.port:-1}") int port,
      @Value("${ichie.internal.address:127.0.0.1}") String address) {
    this.port = port;
    this.address = address;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (port < 0) {
      return;
    }
    Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
    connector.setPort(port);
    try {
      connector.setProperty("address", InetAddress.getByName(address).getHostAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("ichie.internal.address is not an address: " + address, e);
    }
    factory.addAdditionalConnectors(connector);
  }

  static boolean internal(String path) {
    return INTERNAL.stream()
        .anyMatch(
            p ->
                path.equals(p)
                    || path.startsWith(p.endsWith("/") ? p : p + "/")
                    || path.startsWith(p + ".")
                    || path.startsWith(p));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (port >= 0
        && request.getLocalPort() != port
        && internal(request.getRequestURI().substring(request.getContextPath().length()))) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    chain.doFilter(request, response);
  }
}

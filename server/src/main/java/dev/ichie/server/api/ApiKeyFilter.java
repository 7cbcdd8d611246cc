package dev.ichie.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST API requests by their key, sent as {@code Authorization: Bearer KEY} or {@code
 * X-API-Key: KEY}. A request without a valid key goes on unauthenticated and is refused with 401 by
 * the security rules.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  private final ApiKeys keys;

  ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader("X-API-Key");
    String authorization = request.getHeader("Authorization");
    if (key == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).trim();
    }
    keys.authenticate(key)
        .ifPresent(
            client ->
                SecurityContextHolder.getContext()
                    .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(
                            client, null, List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT")))));
    chain.doFilter(request, response);
  }
}

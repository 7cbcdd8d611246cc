package dev.ichie.server.system;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The secure headers of every page: a Content-Security-Policy that allows no inline script or style
 * and no framing, and no referrer. Spring Security adds the rest (nosniff, frame options, HSTS on
 * HTTPS, no caching).
 */
public final class SecureHeaders {

  /** The policy: the pages load only their own script-free resources. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

  private SecureHeaders() {}

  /**
   * The same headers on an answer written outside Spring Security's filters (a request refused
   * before them, an error Tomcat answers itself).
   *
   * @param response the answer, not yet committed
   */
  public static void set(jakarta.servlet.http.HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
  }

  /**
   * Adds the headers to a filter chain.
   *
   * @param http the chain being built
   * @throws Exception as Spring Security's configurers do
   */
  public static void apply(HttpSecurity http) throws Exception {
    http.headers(
        h ->
            h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(
                    r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
  }
}

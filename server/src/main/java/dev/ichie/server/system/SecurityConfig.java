package dev.ichie.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The HTTP security rules. The JSON APIs are stateless: the activation endpoint is open (the
 * protocol authenticates), the REST API needs an API key. Health and metrics are open; everything
 * else is closed until a feature opens it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, dev.ichie.server.api.ApiSecurity api)
      throws Exception {
    http.securityMatcher("/api/**")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .securityContext(c -> c.requireExplicitSave(true))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/activation/**", "/api/app/**")
                    .permitAll()
                    .requestMatchers("/api/v1/**")
                    .hasRole("API_CLIENT")
                    .anyRequest()
                    .denyAll())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (req, res, ex) ->
                            json(req, res, 401, "UNAUTHORIZED", "a valid API key is required"))
                    .accessDeniedHandler(
                        (req, res, ex) -> json(req, res, 403, "FORBIDDEN", "not allowed")));
    api.configure(http);
    return http.build();
  }

  @Bean
  @Order(10)
  SecurityFilterChain siteChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
        a ->
            a.requestMatchers(
                    "/actuator/health",
                    "/actuator/health/**",
                    "/actuator/prometheus",
                    "/v3/api-docs",
                    "/v3/api-docs/**",
                    "/v3/api-docs.yaml",
                    "/swagger-ui.html",
                    "/swagger-ui/**",
                    "/",
                    "/css/**",
                    "/js/**",
                    "/dev/mail",
                    "/app",
                    "/app/**",
                    "/error")
                .permitAll()
                .anyRequest()
                .denyAll());
    SecureHeaders.apply(http);
    return http.build();
  }

  /**
   * No form or basic login exists yet, so no user: this also keeps Spring Boot from generating a
   * default user whose password it would print to the log.
   */
  @Bean
  UserDetailsService noUsers() {
    return username -> {
      throw new UsernameNotFoundException("no such user");
    };
  }

  static void json(
      HttpServletRequest req, HttpServletResponse res, int status, String result, String message)
      throws java.io.IOException {
    JsonErrors.write(req, res, status, result, message);
  }
}

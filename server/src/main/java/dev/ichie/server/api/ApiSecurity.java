package dev.ichie.server.api;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.stereotype.Component;

/** Plugs the API-key authentication into the API's security filter chain. */
@Component
public final class ApiSecurity {

  private final ApiKeys keys;

  ApiSecurity(ApiKeys keys) {
    this.keys = keys;
  }

  /**
   * Adds the API-key filter.
   *
   * @param http the API chain
   */
  public void configure(HttpSecurity http) {
    http.addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class);
  }
}

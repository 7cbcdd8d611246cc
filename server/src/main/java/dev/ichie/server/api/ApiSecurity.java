package dev.ichie.server.api;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Plugs the API-key authentication and the safe retries into the API's security filter chain. */
@Component
public final class ApiSecurity {

  private final ApiKeys keys;
  private final IdempotentCalls calls;
  private final TransactionTemplate tx;

  ApiSecurity(ApiKeys keys, IdempotentCalls calls, TransactionTemplate tx) {
    this.keys = keys;
    this.calls = calls;
    this.tx = tx;
  }

  /**
   * Adds the API-key filter, and after the authorization the safe retries of calls sent with an
   * {@code Idempotency-Key}.
   *
   * @param http the API chain
   */
  public void configure(HttpSecurity http) {
    http.addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class);
    http.addFilterAfter(new IdempotencyFilter(calls, tx), AuthorizationFilter.class);
  }
}

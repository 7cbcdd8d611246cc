package dev.ichie.server.netbank;

import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.LoginEvent;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.system.SecureHeaders;
import dev.ichie.server.system.UserAgents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Web banking's security: every page but the two login steps needs a logged-in customer; CSRF on
 * every form; the session id changes at each login step; secure headers (a CSP without inline
 * scripts or styles, no framing, HSTS on HTTPS).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@NetbankEnabled
class NetbankSecurity {

  static final String ROLE = "ROLE_CUSTOMER";

  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final NetbankProperties properties;
  private final KnownDevices devices;

  NetbankSecurity(
      Clock clock,
      ApplicationEventPublisher events,
      NetbankProperties properties,
      KnownDevices devices) {
    this.devices = devices;
    this.clock = clock;
    this.events = events;
    this.properties = properties;
  }

  @Bean
  @Order(5)
  SecurityFilterChain netbankChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/netbank/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/netbank/login",
                        "/netbank/login/otp",
                        "/netbank/login/passkey",
                        "/netbank/login/passkey/options",
                        "/netbank/css/**")
                    .permitAll()
                    .anyRequest()
                    .hasAuthority(ROLE))
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/netbank/login")))
        .logout(
            l ->
                l.logoutUrl("/netbank/logout")
                    .logoutSuccessUrl("/netbank/login?loggedOut")
                    .invalidateHttpSession(true));
    SecureHeaders.apply(http);
    return http.build();
  }

  /**
   * Makes the customer logged in: a new session id, then the security context in the session; the
   * customer is told of the login.
   */
  void signIn(
      NetbankUser user,
      Set<Factor> passed,
      HttpServletRequest request,
      HttpServletResponse response) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(ROLE));
    authorities.addAll(PassedFactors.authorities(passed, clock.instant()));
    save(
        UsernamePasswordAuthenticationToken.authenticated(user, null, authorities),
        request,
        response);
    events.publishEvent(
        new LoginEvent(
            properties.serviceId(),
            user.customerId(),
            passed,
            UserAgents.describe(request.getHeader("User-Agent")),
            request.getRemoteAddr(),
            clock.instant(),
            devices.seen(properties.serviceId(), user.customerId(), request, response)));
  }

  /**
   * Records factors proved later in the session (a code at the start of use, at a transfer), so
   * that an operation that takes a factor of the session finds it.
   */
  void passed(
      Authentication current,
      Set<Factor> factors,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (current == null || factors.isEmpty()) {
      return;
    }
    Authentication next =
        UsernamePasswordAuthenticationToken.authenticated(
            current.getPrincipal(), null, PassedFactors.with(current, factors, clock.instant()));
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(next);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  private void save(
      Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    request.changeSessionId();
    contexts.saveContext(context, request, response);
  }
}

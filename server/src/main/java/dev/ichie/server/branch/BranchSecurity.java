package dev.ichie.server.branch;

import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.system.SecureHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The branch console's security: staff only, each with their own login and second factor. A session
 * that passed the password but not the code has only {@code ROLE_STAFF_PENDING} and reaches no
 * console page; a customer session reaches none either (403).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@BranchEnabled
class BranchSecurity {

  static final String STAFF = "ROLE_STAFF";
  static final String PENDING = "ROLE_STAFF_PENDING";

  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();
  private final Clock clock;

  BranchSecurity(Clock clock) {
    this.clock = clock;
  }

  @Bean
  @Order(6)
  SecurityFilterChain branchChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/branch/**")
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/branch/login")
                    .permitAll()
                    .requestMatchers("/branch/login/**")
                    .hasAuthority(PENDING)
                    .requestMatchers("/branch/password")
                    .hasAuthority(STAFF)
                    .requestMatchers("/branch/staff/**")
                    .hasAuthority("ROLE_ADMIN")
                    .requestMatchers("/branch/**")
                    .hasAnyAuthority("ROLE_TELLER", "ROLE_SUPERVISOR"))
        .securityContext(c -> c.securityContextRepository(contexts))
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/branch/login")))
        .logout(
            l ->
                l.logoutUrl("/branch/logout")
                    .logoutSuccessUrl("/branch/login?loggedOut")
                    .invalidateHttpSession(true));
    SecureHeaders.apply(http);
    return http.build();
  }

  /**
   * Whether an authentication is a staff member past both factors.
   *
   * @param auth the authentication
   * @return true if it holds the staff authority
   */
  static boolean signedIn(org.springframework.security.core.Authentication auth) {
    return auth.getAuthorities().stream().anyMatch(a -> STAFF.equals(a.getAuthority()));
  }

  /** After the password: a new session id and only the pending authority. */
  void passwordPassed(
      StaffMember member, HttpServletRequest request, HttpServletResponse response) {
    save(member, List.of(new SimpleGrantedAuthority(PENDING)), request, response);
  }

  /** After the code: a new session id and the staff member's role. */
  void signIn(
      StaffMember member,
      Set<Factor> passed,
      HttpServletRequest request,
      HttpServletResponse response) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.addAll(PassedFactors.authorities(passed, clock.instant()));
    authorities.add(new SimpleGrantedAuthority(STAFF));
    authorities.add(new SimpleGrantedAuthority("ROLE_" + member.role().name()));
    save(member, authorities, request, response);
  }

  private void save(
      StaffMember member,
      List<GrantedAuthority> authorities,
      HttpServletRequest request,
      HttpServletResponse response) {
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(member, null, authorities));
    SecurityContextHolder.setContext(context);
    request.changeSessionId();
    contexts.saveContext(context, request, response);
  }
}

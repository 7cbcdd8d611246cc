package dev.ichie.server.factor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The factors a session has passed, kept once, as Spring Security's factor authorities ({@code
 * FACTOR_OTP}, with the instant it was proved) of the session's authentication.
 */
public final class PassedFactors {

  private PassedFactors() {}

  /**
   * The authorities for factors proved at an instant.
   *
   * @param factors the factors
   * @param at when they were proved
   * @return one factor authority each
   */
  public static List<GrantedAuthority> authorities(Collection<Factor> factors, Instant at) {
    List<GrantedAuthority> list = new ArrayList<>();
    for (Factor f : factors) {
      list.add(FactorGrantedAuthority.withFactor(f.name()).issuedAt(at).build());
    }
    return list;
  }

  /**
   * The factors an authentication has passed.
   *
   * @param authentication the session's authentication, or null
   * @return its factors
   */
  public static Set<Factor> of(Authentication authentication) {
    Set<Factor> s = EnumSet.noneOf(Factor.class);
    if (authentication == null) {
      return s;
    }
    for (GrantedAuthority a : authentication.getAuthorities()) {
      if (a instanceof FactorGrantedAuthority f) {
        String name = f.getAuthority().substring("FACTOR_".length());
        for (Factor factor : Factor.values()) {
          if (factor.name().equals(name)) {
            s.add(factor);
          }
        }
      }
    }
    return s;
  }

  /**
   * The authorities of an authentication with more factors added (a factor proved again keeps its
   * newest instant).
   *
   * @param authentication the current authentication
   * @param factors the factors just proved
   * @param at when
   * @return the new authorities
   */
  public static List<GrantedAuthority> with(
      Authentication authentication, Collection<Factor> factors, Instant at) {
    List<GrantedAuthority> list = new ArrayList<>();
    Set<String> replaced = new java.util.HashSet<>();
    factors.forEach(f -> replaced.add("FACTOR_" + f.name()));
    for (GrantedAuthority a : authentication.getAuthorities()) {
      if (!replaced.contains(a.getAuthority())) {
        list.add(a);
      }
    }
    list.addAll(authorities(factors, at));
    return list;
  }
}

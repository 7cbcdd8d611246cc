package dev.ichie.server.tenant;

import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.TotpParameters;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured services, by service ID. Immutable after start; thread-safe. */
@Component
public final class Tenants {

  private final Map<String, Tenant> byId;

  /**
   * Builds and validates every configured service; a bad one stops the start.
   *
   * @param properties the {@code ichie.services} configuration
   */
  public Tenants(IchieProperties properties) {
    Map<String, Tenant> tenants = new LinkedHashMap<>();
    if (properties.services() != null) {
      properties
          .services()
          .forEach(
              (id, c) -> {
                TotpParameters totp =
                    new TotpParameters(
                        HmacAlgorithm.fromName(c.totp().algorithm()),
                        c.totp().digits(),
                        c.totp().period());
                tenants.put(
                    id,
                    new Tenant(
                        id,
                        c.displayName() == null ? id : c.displayName(),
                        c.displayNames(),
                        c.timeZone(),
                        totp,
                        c.limits().activationAttempts(),
                        c.limits().issuanceLifetime(),
                        c.limits().otpFailuresBeforeLock(),
                        c.limits().maxDrift(),
                        new Tenant.RelyingParty(
                            c.passkeys().rpId(),
                            c.passkeys().rpName() == null
                                ? (c.displayName() == null ? id : c.displayName())
                                : c.passkeys().rpName(),
                            List.copyOf(c.passkeys().origins())),
                        c.appLock()));
              });
    }
    this.byId = Collections.unmodifiableMap(tenants);
  }

  /**
   * The service with this ID.
   *
   * @param serviceId a service ID
   * @return the service, or empty if none has this ID
   */
  public Optional<Tenant> find(String serviceId) {
    return Optional.ofNullable(serviceId == null ? null : byId.get(serviceId));
  }

  /**
   * The service with this ID, which must exist.
   *
   * @param serviceId a configured service ID
   * @return the service
   * @throws IllegalArgumentException if none has this ID
   */
  public Tenant get(String serviceId) {
    return find(serviceId)
        .orElseThrow(() -> new IllegalArgumentException("unknown service: " + serviceId));
  }

  /**
   * Every service.
   *
   * @return the services in configuration order
   */
  public Collection<Tenant> all() {
    return byId.values();
  }
}

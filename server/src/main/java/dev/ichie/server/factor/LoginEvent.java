package dev.ichie.server.factor;

import java.time.Instant;
import java.util.Set;

/**
 * A customer logged in: published by web banking when the session is made, so that the customer
 * hears of every login (time, device, address) on every address on file. Holds no secret.
 *
 * @param serviceId the service
 * @param customerRef the customer
 * @param factors the factors the login passed
 * @param device the browser and system, as {@code UserAgents} describes them
 * @param address the source address
 * @param occurredAt when
 * @param newDevice whether the customer had not logged in from this device before
 */
public record LoginEvent(
    String serviceId,
    String customerRef,
    Set<Factor> factors,
    String device,
    String address,
    Instant occurredAt,
    boolean newDevice) {

  /** Copies the set. */
  public LoginEvent {
    factors = Set.copyOf(factors);
  }

  /**
   * The strongest factor of the login: a passkey, then a code, then a password.
   *
   * @return the factor
   */
  public Factor strongest() {
    if (factors.contains(Factor.PASSKEY)) {
      return Factor.PASSKEY;
    }
    return factors.contains(Factor.OTP) ? Factor.OTP : Factor.LOGIN_PASSWORD;
  }
}

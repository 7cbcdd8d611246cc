package dev.ichie.server.factor;

import java.time.Instant;
import java.util.Objects;

/**
 * A password was locked by wrong tries: published when the try that locks it is counted, so that
 * the customer hears of it on every address on file. (A token's and a passkey's locks have events
 * of their own.)
 *
 * @param serviceId the service
 * @param customerRef the customer
 * @param factor the password locked
 * @param occurredAt when
 */
public record FactorLockEvent(
    String serviceId, String customerRef, Factor factor, Instant occurredAt) {

  /** Validates the event. */
  public FactorLockEvent {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(customerRef, "customerRef");
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}

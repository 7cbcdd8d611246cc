package dev.ichie.server.factor;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's own daily transfer limit changed, or a raise of it was asked: published in the
 * change's transaction so that the customer hears of it on every address on file.
 *
 * @param serviceId the service
 * @param customerRef the customer
 * @param type lowered, or a raise asked
 * @param amount the new limit in yen
 * @param effectiveAt when it takes effect
 * @param occurredAt when it was asked
 */
public record LimitEvent(
    String serviceId,
    String customerRef,
    Type type,
    long amount,
    Instant effectiveAt,
    Instant occurredAt) {

  /** The changes. */
  public enum Type {
    /** Lowered, at once. */
    LOWERED,
    /** A raise asked, effective later. */
    RAISE_ASKED
  }

  /** Validates the event. */
  public LimitEvent {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(customerRef, "customerRef");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(effectiveAt, "effectiveAt");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}

package dev.ichie.server.passkey;

import java.time.Instant;

/**
 * A change of a customer's passkeys, published in the transaction that makes it, so that the mail
 * outbox can tell every address on file in the same transaction. Holds no key material.
 *
 * @param type what happened
 * @param serviceId the service
 * @param customerRef the customer
 * @param label the passkey's label
 * @param occurredAt when
 */
public record PasskeyEvent(
    Type type, String serviceId, String customerRef, String label, Instant occurredAt) {

  /** The kinds of change. */
  public enum Type {
    /** A passkey was registered. */
    ADDED,
    /** A passkey was locked: its signature counter went back. */
    LOCKED,
    /** A passkey was removed, by the customer or the branch. */
    REMOVED
  }
}

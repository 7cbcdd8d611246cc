package dev.ichie.server.factor;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer was made: published in its transaction by the bank's side (web banking), so that the
 * customer hears of every transfer, with its payee and amount, on every address on file.
 *
 * @param serviceId the service
 * @param customerRef the customer
 * @param transfer the payee and the amount, and whether the payee was new
 * @param occurredAt when
 */
public record TransferEvent(
    String serviceId, String customerRef, Operation.Transfer transfer, Instant occurredAt) {

  /** Validates the event. */
  public TransferEvent {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(customerRef, "customerRef");
    Objects.requireNonNull(transfer, "transfer");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}

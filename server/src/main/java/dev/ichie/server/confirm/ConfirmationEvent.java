package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import java.time.Instant;
import java.util.List;

/**
 * A confirmation decided in the app, published in the decision's transaction so that the customer's
 * mail is written with it. Holds no secret.
 *
 * @param serviceId the service
 * @param customerRef the customer
 * @param confirmationId the confirmation
 * @param fields its fields, in order
 * @param approved whether it was approved (else rejected)
 * @param occurredAt when
 */
public record ConfirmationEvent(
    String serviceId,
    String customerRef,
    String confirmationId,
    List<Confirmation.Field> fields,
    boolean approved,
    Instant occurredAt) {

  /** Copies the list. */
  public ConfirmationEvent {
    fields = List.copyOf(fields);
  }

  /**
   * A field's value.
   *
   * @param name the field's name
   * @return its value, or empty
   */
  public String value(String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .map(Confirmation.Field::value)
        .orElse("");
  }
}

package dev.ichie.token;

import dev.ichie.activation.Confirmation;
import java.time.Instant;
import java.util.List;

/**
 * A confirmation waiting in the server for this token's decision (取引認証).
 *
 * @param id its id
 * @param kind TRANSFER
 * @param fields its fields, in the server's order
 * @param expiresAt until when it can be decided
 * @param showable whether this app knows its kind, every field name, their order and the currency:
 *     only then is it shown and signed
 */
public record PendingConfirmation(
    String id, String kind, List<Confirmation.Field> fields, Instant expiresAt, boolean showable) {

  /** Copies the list. */
  public PendingConfirmation {
    fields = List.copyOf(fields);
  }

  /**
   * The value of a field.
   *
   * @param name its name
   * @return the value, or "" when absent
   */
  public String value(String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name))
        .map(Confirmation.Field::value)
        .findFirst()
        .orElse("");
  }
}

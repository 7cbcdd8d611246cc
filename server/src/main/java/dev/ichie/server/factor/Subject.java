package dev.ichie.server.factor;

import java.util.Objects;

/**
 * Whose factors are checked: a customer (or staff member) of one OTP service, by the reference that
 * service knows them by.
 *
 * @param serviceId the OTP service
 * @param customerRef the customer's reference there; for staff, their login ID
 */
public record Subject(String serviceId, String customerRef) {

  /** Validates the subject. */
  public Subject {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(customerRef, "customerRef");
  }
}

package dev.ichie.server.token;

import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import java.time.Instant;
import java.time.LocalDate;

/** The token feature's shared rules on rows: statuses, audit subjects, the next-day rule. */
final class TokenRows {

  private TokenRows() {}

  static TokenStatus currentStatus(TokenRepository tokens, Tenant t, CustomerRow c) {
    return status(t, c, tokens.findOpen(c.serviceId(), c.customerRef()).orElse(null));
  }

  static TokenStatus status(Tenant t, CustomerRow c, TokenRow row) {
    if (row == null) {
      return new TokenStatus(
          c.serviceId(),
          c.userId(),
          c.customerRef(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          c.reissueNotBefore());
    }
    return new TokenStatus(
        c.serviceId(),
        c.userId(),
        c.customerRef(),
        row.id(),
        row.state(),
        row.algorithm(),
        row.digits(),
        row.periodSeconds(),
        row.issuedAt(),
        row.expiresAt(),
        row.activationAttemptsLeft(),
        Math.max(0, t.otpFailuresBeforeLock() - row.failureCount()),
        row.deviceLabel(),
        row.lastUsedAt(),
        c.reissueNotBefore());
  }

  static TokenStatus status(Tenant t, TokenRow row) {
    return status(
        t,
        new CustomerRow(row.customerId(), row.serviceId(), row.customerRef(), row.userId(), null),
        row);
  }

  static TokenRow withState(TokenRow r, TokenState state, int failures) {
    return new TokenRow(
        r.id(),
        r.customerId(),
        r.serviceId(),
        r.customerRef(),
        r.userId(),
        state,
        r.algorithm(),
        r.digits(),
        r.periodSeconds(),
        r.mobileMail(),
        null,
        null,
        null,
        r.activationAttemptsLeft(),
        r.issuedAt(),
        r.expiresAt(),
        null,
        null,
        r.credentialId(),
        r.deviceLabel(),
        r.startedAt(),
        r.lastUsedAt(),
        r.drift(),
        r.lastStep(),
        failures);
  }

  /**
   * The first instant of the next calendar day in the service's time zone.
   *
   * @param t the service
   * @param now the current instant
   * @return 00:00 of the next day there
   */
  static Instant startOfNextDay(Tenant t, Instant now) {
    LocalDate today = now.atZone(t.timeZone()).toLocalDate();
    return today.plusDays(1).atStartOfDay(t.timeZone()).toInstant();
  }

  static boolean validCustomerRef(String customerRef) {
    return CustomerRefs.valid(customerRef);
  }

  static AuditLog.Subject subject(TokenRow row) {
    return new AuditLog.Subject(row.serviceId(), row.customerRef(), row.userId(), row.id());
  }

  static AuditLog.Subject subject(CustomerRow c, String tokenId) {
    return new AuditLog.Subject(c.serviceId(), c.customerRef(), c.userId(), tokenId);
  }
}

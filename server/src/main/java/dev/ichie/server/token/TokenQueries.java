package dev.ichie.server.token;

import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads about customers and their tokens: the status (the API's and the screens'), the audit trail,
 * the addresses on file, and the service's name and time zone. Thread-safe.
 */
@Service
public final class TokenQueries {

  private final TokenRepository tokens;
  private final TokenExpiry expiry;
  private final AuditLog audit;
  private final Tenants tenants;

  TokenQueries(TokenRepository tokens, TokenExpiry expiry, AuditLog audit, Tenants tenants) {
    this.tokens = tokens;
    this.expiry = expiry;
    this.audit = audit;
    this.tenants = tenants;
  }

  /**
   * The customer's token as it stands.
   *
   * @param serviceId the service
   * @param customerRef the bank's reference of the customer
   * @return OK with the status (state null when no token is open), or NOT_FOUND for a customer the
   *     service does not know
   */
  public Outcome status(String serviceId, String customerRef) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    expiry.expireIfDue(serviceId, customerRef);
    return tokens
        .findCustomer(serviceId, customerRef)
        .map(c -> new Outcome(Result.OK, TokenRows.currentStatus(tokens, tenant.get(), c)))
        .orElse(new Outcome(Result.NOT_FOUND, null));
  }

  /**
   * The display name of a service in a customer's language.
   *
   * @param serviceId the service
   * @param locale the customer's language
   * @return its name, or the ID if unknown
   */
  public String serviceName(String serviceId, Locale locale) {
    return tenants.find(serviceId).map(t -> t.displayName(locale)).orElse(serviceId);
  }

  /**
   * Customers whose user ID is the text, or whose mobile mail address (of any token) was it.
   *
   * @param serviceId the service
   * @param text a user ID or a mail address
   * @param limit at most this many
   * @return their customer references
   */
  public List<String> findCustomers(String serviceId, String text, int limit) {
    if (text == null || text.isBlank() || text.length() > 254) {
      return List.of();
    }
    return tokens.customerRefsByUserIdOrMail(serviceId, text.strip(), limit);
  }

  /**
   * The mobile mail address the customer gave for their newest token, to notify them.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @return the address, if they ever had a token
   */
  public Optional<String> mobileMail(String serviceId, String customerRef) {
    return TokenRows.validCustomerRef(customerRef)
        ? tokens.latestMobileMail(serviceId, customerRef)
        : Optional.empty();
  }

  /**
   * Every mobile mail address the customer gave, newest first (at most ten), to tell each of them
   * of a change to their factors.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @return the addresses, without repeats
   */
  public List<String> mailAddresses(String serviceId, String customerRef) {
    return TokenRows.validCustomerRef(customerRef)
        ? tokens.mailAddresses(serviceId, customerRef, 10)
        : List.of();
  }

  /**
   * The time zone of a service, for showing times.
   *
   * @param serviceId the service
   * @return its zone, Asia/Tokyo if unknown
   */
  public ZoneId timeZone(String serviceId) {
    return tenants.find(serviceId).map(Tenant::timeZone).orElse(ZoneId.of("Asia/Tokyo"));
  }

  /**
   * The customer's audit trail, oldest first.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param limit at most this many of the newest records
   * @return the records, or empty if the customer is unknown
   */
  public Optional<List<AuditEvent>> auditTrail(String serviceId, String customerRef, int limit) {
    if (tenants.find(serviceId).isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
      return Optional.empty();
    }
    if (tokens.findCustomer(serviceId, customerRef).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(audit.trail(serviceId, customerRef, limit));
  }
}

package dev.ichie.server.token;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A token's end and recovery: deactivation (F6), the branch's reset and unlock (F8), and the expiry
 * of issuances not activated in time. Each change is one transaction with its audit record.
 * Thread-safe.
 */
@Service
public final class TokenLifecycle {

  private final TokenRepository tokens;
  private final TokenExpiry expiry;
  private final TokenQueries queries;
  private final AuditLog audit;
  private final Tenants tenants;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  TokenLifecycle(
      TokenRepository tokens,
      TokenExpiry expiry,
      TokenQueries queries,
      AuditLog audit,
      Tenants tenants,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.expiry = expiry;
    this.queries = queries;
    this.audit = audit;
    this.tenants = tenants;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  /**
   * Deactivates the customer's token (F6): it is revoked, its secret deleted, and a new token can
   * be issued from 00:00 of the next day in the service's time zone.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param actor who asks
   * @return OK, NOT_ACTIVE (no open token) or NOT_FOUND
   */
  public Outcome deactivate(String serviceId, String customerRef, Actor actor) {
    return revoke(serviceId, customerRef, actor, "TOKEN_REVOKED", false);
  }

  /**
   * Resets the customer's token from the branch (F8): revoked like a deactivation.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param waiveNextDay whether the customer may re-issue at once
   * @param actor the approving staff member
   * @return OK, NOT_ACTIVE or NOT_FOUND
   */
  public Outcome reset(String serviceId, String customerRef, boolean waiveNextDay, Actor actor) {
    return revoke(serviceId, customerRef, actor, "TOKEN_RESET", waiveNextDay);
  }

  private Outcome revoke(
      String serviceId, String customerRef, Actor actor, String event, boolean waiveNextDay) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Tenant t = tenant.get();
    expiry.expireIfDue(serviceId, customerRef);
    Optional<CustomerRow> customer = tokens.findCustomer(serviceId, customerRef);
    if (customer.isEmpty()) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Optional<TokenRow> open = tokens.findOpen(serviceId, customerRef);
    if (open.isEmpty()) {
      return new Outcome(Result.NOT_ACTIVE, TokenRows.currentStatus(tokens, t, customer.get()));
    }
    TokenRow row = open.get();
    Instant now = clock.instant();
    Instant notBefore = waiveNextDay ? null : TokenRows.startOfNextDay(t, now);
    Boolean done =
        tx.execute(
            s -> {
              if (!tokens.revoke(row.id(), row.state(), now)) {
                return false;
              }
              tokens.setReissueNotBefore(row.customerId(), notBefore);
              audit.record(TokenRows.subject(row), actor, event, "OK", "from " + row.state());
              events.publishEvent(
                  TokenEvent.of(
                      "TOKEN_RESET".equals(event) ? TokenEvent.Type.RESET : TokenEvent.Type.REVOKED,
                      row,
                      now,
                      actor));
              return true;
            });
    CustomerRow after = tokens.findCustomer(serviceId, customerRef).orElseThrow();
    return new Outcome(
        Boolean.TRUE.equals(done) ? Result.OK : Result.ILLEGAL_STATE,
        TokenRows.currentStatus(tokens, t, after));
  }

  /**
   * Unlocks a LOCKED token from the branch (F8): the customer keeps the same app.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param actor the approving staff member
   * @return OK, ILLEGAL_STATE (not locked) or NOT_FOUND
   */
  public Outcome unlock(String serviceId, String customerRef, Actor actor) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Optional<TokenRow> open = tokens.findOpen(serviceId, customerRef);
    if (open.isEmpty()) {
      return queries.status(serviceId, customerRef).result() == Result.NOT_FOUND
          ? new Outcome(Result.NOT_FOUND, null)
          : new Outcome(Result.ILLEGAL_STATE, queries.status(serviceId, customerRef).status());
    }
    TokenRow row = open.get();
    if (row.state() != TokenState.LOCKED) {
      return new Outcome(Result.ILLEGAL_STATE, TokenRows.status(tenant.get(), row));
    }
    TokenState to = row.startedAt() == null ? TokenState.ACTIVATED : TokenState.ACTIVE;
    Boolean done =
        tx.execute(
            s -> {
              if (!tokens.unlock(row.id(), to)) {
                return false;
              }
              audit.record(TokenRows.subject(row), actor, "TOKEN_UNLOCKED", "OK", "to " + to);
              events.publishEvent(
                  TokenEvent.of(TokenEvent.Type.UNLOCKED, row, clock.instant(), actor));
              return true;
            });
    return new Outcome(
        Boolean.TRUE.equals(done) ? Result.OK : Result.ILLEGAL_STATE,
        queries.status(serviceId, customerRef).status());
  }

  /**
   * Ends every issuance whose lifetime has passed (ISSUED → EXPIRED), one transaction each.
   *
   * @return how many expired
   */
  public int expireDue() {
    int n = 0;
    for (String id : tokens.findIssuedExpiredBefore(clock.instant(), 500)) {
      if (expiry.expire(id)) {
        n++;
      }
    }
    return n;
  }
}

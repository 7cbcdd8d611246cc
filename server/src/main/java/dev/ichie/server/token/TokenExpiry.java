package dev.ichie.server.token;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends an issuance whose lifetime has passed (ISSUED → EXPIRED), when it is next looked at or by
 * the expiry job: one transaction with its audit record. Thread-safe.
 */
@Service
final class TokenExpiry {

  private final TokenRepository tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  TokenExpiry(
      TokenRepository tokens,
      AuditLog audit,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  void expireIfDue(String serviceId, String customerRef) {
    tokens
        .findOpen(serviceId, customerRef)
        .filter(r -> r.state() == TokenState.ISSUED && !clock.instant().isBefore(r.expiresAt()))
        .ifPresent(r -> expire(r.id()));
  }

  boolean expire(String tokenId) {
    Boolean done =
        tx.execute(
            s -> {
              Optional<TokenRow> row = tokens.findById(tokenId);
              if (row.isEmpty()
                  || !tokens.transition(
                      tokenId, TokenState.ISSUED, TokenState.EXPIRED, clock.instant())) {
                return false;
              }
              audit.record(TokenRows.subject(row.get()), Actor.SYSTEM, "TOKEN_EXPIRED", "OK", null);
              events.publishEvent(
                  TokenEvent.of(TokenEvent.Type.EXPIRED, row.get(), clock.instant(), Actor.SYSTEM));
              return true;
            });
    return Boolean.TRUE.equals(done);
  }
}

package dev.ichie.server.token;

import dev.ichie.server.audit.Actor;
import java.time.Instant;

/**
 * A change in a token's life, published inside the transaction that makes it, so that a listener
 * (the mail outbox) can write in the same transaction. Holds no secret.
 *
 * @param type what happened
 * @param serviceId the service
 * @param customerRef the bank's customer reference
 * @param userId the user ID
 * @param tokenId the token
 * @param mobileMail the mobile mail address given at issuance
 * @param occurredAt when
 * @param actor who caused it
 */
public record TokenEvent(
    Type type,
    String serviceId,
    String customerRef,
    String userId,
    String tokenId,
    String mobileMail,
    Instant occurredAt,
    Actor actor) {

  /** The kinds of change. */
  public enum Type {
    /** Issued in web banking or through the API. */
    ISSUED,
    /** The token app holds the secret. */
    ACTIVATED,
    /** The first code was accepted: the token is in use. */
    USE_STARTED,
    /** Deactivated by the customer. */
    REVOKED,
    /** Reset from the branch. */
    RESET,
    /** Locked after too many wrong codes. */
    LOCKED,
    /** Unlocked from the branch. */
    UNLOCKED,
    /** Not activated in time. */
    EXPIRED,
    /** Too many wrong activation passwords. */
    VOID
  }

  static TokenEvent of(Type type, TokenRow row, Instant at, Actor actor) {
    return new TokenEvent(
        type,
        row.serviceId(),
        row.customerRef(),
        row.userId(),
        row.id(),
        row.mobileMail(),
        at,
        actor);
  }

  @Override
  public String toString() {
    return "TokenEvent[" + type + ", token=" + tokenId + "]";
  }
}

package dev.ichie.server.audit;

import java.time.Instant;

/**
 * One record of the audit trail. Never holds a secret, a password or a code.
 *
 * @param id the record's sequence number
 * @param occurredAt when it happened
 * @param serviceId the service, or null
 * @param customerRef the bank's customer reference, or null
 * @param userId the customer's user ID in the OTP service, or null
 * @param tokenId the token, or null
 * @param actorType who caused it
 * @param actorId the actor's identifier, or null
 * @param event what happened, e.g. {@code TOKEN_ISSUED}
 * @param outcome how it ended, e.g. {@code OK} or {@code WRONG_CODE}
 * @param sourceAddress the network address of the request, or null
 * @param detail a short non-secret detail, or null
 */
public record AuditEvent(
    long id,
    Instant occurredAt,
    String serviceId,
    String customerRef,
    String userId,
    String tokenId,
    Actor.Type actorType,
    String actorId,
    String event,
    String outcome,
    String sourceAddress,
    String detail) {}

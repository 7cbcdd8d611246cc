package dev.ichie.server.mail;

import java.time.Instant;

/**
 * One mail of the outbox. Mails never hold a password, an activation password, a code or a secret.
 *
 * @param id sequence number
 * @param messageId the stable Message-ID, the same on every attempt
 * @param kind what the mail is about, e.g. {@code ISSUED}
 * @param recipient the address
 * @param locale the language tag it is written in
 * @param subject the subject
 * @param body the plain-text body
 * @param status PENDING, SENDING or SENT
 * @param attempts failed attempts so far
 * @param nextAttemptAt when it is due
 * @param createdAt when written
 * @param sentAt when sent, or null
 * @param lastError the last failure's short reason, or null
 */
public record OutboxMail(
    long id,
    String messageId,
    String kind,
    String recipient,
    String locale,
    String subject,
    String body,
    String status,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant sentAt,
    String lastError) {}

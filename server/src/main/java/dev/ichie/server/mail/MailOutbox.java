package dev.ichie.server.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The transactional outbox: {@link #enqueue} writes in the caller's transaction, so a mail exists
 * exactly when the change that causes it was committed; the sender claims due mails one by one with
 * a conditional update (a lease), so that two nodes never send the same mail at once. Thread-safe.
 */
@Service
public class MailOutbox {

  private static final RowMapper<OutboxMail> MAIL =
      (rs, n) ->
          new OutboxMail(
              rs.getLong("id"),
              rs.getString("message_id"),
              rs.getString("kind"),
              rs.getString("recipient"),
              rs.getString("locale"),
              rs.getString("subject"),
              rs.getString("body"),
              rs.getString("status"),
              rs.getInt("attempts"),
              instant(rs, "next_attempt_at"),
              instant(rs, "created_at"),
              instant(rs, "sent_at"),
              rs.getString("last_error"));

  private final JdbcClient jdbc;
  private final Clock clock;

  MailOutbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * Writes a mail to send, in the caller's transaction.
   *
   * @param kind what it is about
   * @param recipient the address
   * @param locale the language tag
   * @param subject the subject
   * @param body the body
   */
  public void enqueue(String kind, String recipient, String locale, String subject, String body) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            """
            INSERT INTO mail_outbox (message_id, kind, recipient, locale, subject, body, status,
                next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
        .params(UUID.randomUUID().toString(), kind, recipient, locale, subject, body, now, now)
        .update();
  }

  /**
   * Mails due now, oldest first: pending ones whose time has come, and ones whose sender's lease
   * ran out.
   *
   * @param limit at most this many
   * @return their ids
   */
  List<Long> due(int limit) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql(
            """
            SELECT id FROM mail_outbox
            WHERE (status = 'PENDING' AND next_attempt_at <= ?)
               OR (status = 'SENDING' AND lease_until < ?)
            ORDER BY id FETCH FIRST ? ROWS ONLY""")
        .params(now, now, limit)
        .query(Long.class)
        .list();
  }

  /** Takes a due mail for sending until {@code leaseUntil}; empty if another node has it. */
  Optional<OutboxMail> claim(long id, Instant leaseUntil) {
    Timestamp now = Timestamp.from(clock.instant());
    int claimed =
        jdbc.sql(
                """
                UPDATE mail_outbox SET status = 'SENDING', lease_until = ?
                WHERE id = ? AND ((status = 'PENDING' AND next_attempt_at <= ?)
                   OR (status = 'SENDING' AND lease_until < ?))""")
            .params(Timestamp.from(leaseUntil), id, now, now)
            .update();
    return claimed == 1 ? find(id) : Optional.empty();
  }

  void markSent(long id) {
    jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = ?, lease_until = NULL WHERE id = ?")
        .params(Timestamp.from(clock.instant()), id)
        .update();
  }

  void markFailed(long id, Instant nextAttempt, String error) {
    jdbc.sql(
            """
            UPDATE mail_outbox SET status = 'PENDING', attempts = attempts + 1,
                next_attempt_at = ?, lease_until = NULL, last_error = ?
            WHERE id = ?""")
        .params(
            Timestamp.from(nextAttempt),
            error == null ? null : error.substring(0, Math.min(200, error.length())),
            id)
        .update();
  }

  Optional<OutboxMail> find(long id) {
    return jdbc.sql("SELECT * FROM mail_outbox WHERE id = ?").param(id).query(MAIL).optional();
  }

  /**
   * The newest mails, for the development page and tests.
   *
   * @param limit at most this many
   * @return newest first
   */
  public List<OutboxMail> newest(int limit) {
    return jdbc.sql("SELECT * FROM mail_outbox ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(MAIL)
        .list();
  }
}

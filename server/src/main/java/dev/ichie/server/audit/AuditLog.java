package dev.ichie.server.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The append-only audit trail. It has no update and no delete: records are written in the
 * transaction of the change they describe (the caller's), or in the very statement that makes it
 * ({@link #insertFrom}), and read back in order. Thread-safe.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * What an audit record is about.
   *
   * @param serviceId the service, or null
   * @param customerRef the bank's customer reference, or null
   * @param userId the user ID, or null
   * @param tokenId the token, or null
   */
  public record Subject(String serviceId, String customerRef, String userId, String tokenId) {}

  private static final String COLUMNS =
      "audit_event (occurred_at, service_id, customer_ref, user_id, token_id, actor_type, actor_id,"
          + " event, outcome, source_address, detail)";

  /**
   * Appends one record, in the caller's transaction if there is one.
   *
   * @param subject what it is about
   * @param actor who did it
   * @param event what happened
   * @param outcome how it ended
   * @param detail a short non-secret detail, or null
   */
  public void record(Subject subject, Actor actor, String event, String outcome, String detail) {
    jdbc.sql("INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(subject, actor, event, outcome, detail))
        .update();
  }

  /**
   * One record as {@code INSERT INTO audit_event (…) SELECT ?, … FROM source}, for a caller that
   * writes a change and its record in one statement (on PostgreSQL, an {@code UPDATE … RETURNING}
   * in a {@code WITH} named {@code source}): a record is written for each row of {@code source}, so
   * none if the change did not happen. Runs nothing by itself.
   *
   * @param source the name of the row source, e.g. a {@code WITH} query's
   * @param subject what it is about
   * @param actor who did it
   * @param event what happened
   * @param outcome how it ended
   * @param detail a short non-secret detail, or null
   * @return the statement text and its parameters, in order
   */
  public Insert insertFrom(
      String source, Subject subject, Actor actor, String event, String outcome, String detail) {
    return new Insert(
        "INSERT INTO " + COLUMNS + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM " + source,
        values(subject, actor, event, outcome, detail));
  }

  /**
   * A statement that writes one audit record, for the caller to run.
   *
   * @param sql the statement
   * @param params its parameters, in order
   */
  public record Insert(String sql, List<Object> params) {}

  private List<Object> values(
      Subject subject, Actor actor, String event, String outcome, String detail) {
    return Collections.unmodifiableList(
        Arrays.asList(
            Timestamp.from(clock.instant()),
            subject.serviceId(),
            subject.customerRef(),
            subject.userId(),
            subject.tokenId(),
            actor.type().name(),
            truncate(actor.id(), 64),
            event,
            outcome,
            truncate(actor.sourceAddress(), 64),
            truncate(detail, 200)));
  }

  /**
   * The trail of one customer, oldest first.
   *
   * @param serviceId the service
   * @param customerRef the bank's customer reference
   * @param limit at most this many of the newest records
   * @return the records
   */
  public List<AuditEvent> trail(String serviceId, String customerRef, int limit) {
    List<AuditEvent> newestFirst =
        jdbc.sql(
                """
                SELECT * FROM audit_event WHERE service_id = ? AND customer_ref = ?
                ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")
            .params(serviceId, customerRef, limit)
            .query(AuditLog::event)
            .list();
    List<AuditEvent> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /**
   * The newest records made by one kind of actor, newest first (the branch console's staff log).
   *
   * @param actorType the kind of actor
   * @param limit at most this many
   * @return the records
   */
  public List<AuditEvent> byActorType(Actor.Type actorType, int limit) {
    return jdbc.sql(
            "SELECT * FROM audit_event WHERE actor_type = ? ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
        .params(actorType.name(), limit)
        .query(AuditLog::event)
        .list();
  }

  private static AuditEvent event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new AuditEvent(
        rs.getLong("id"),
        instant(rs.getTimestamp("occurred_at")),
        rs.getString("service_id"),
        rs.getString("customer_ref"),
        rs.getString("user_id"),
        rs.getString("token_id"),
        Actor.Type.valueOf(rs.getString("actor_type")),
        rs.getString("actor_id"),
        rs.getString("event"),
        rs.getString("outcome"),
        rs.getString("source_address"),
        rs.getString("detail"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds on a customer's transfers, set and lifted by the bank's systems (the REST API): while one
 * is set, the policy accepts a transfer only with the customer's 取引認証, so a transfer waits for the
 * customer's decision in the token app, or for the hold to be lifted. Each change is one statement
 * and audited with its caller. Thread-safe.
 */
@Component
public final class TransferHolds {

  /**
   * A hold in force.
   *
   * @param reason why, as the caller said
   * @param setBy who set it
   * @param setAt when
   */
  public record Hold(String reason, String setBy, Instant setAt) {}

  private final JdbcClient jdbc;
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;

  TransferHolds(JdbcClient jdbc, Database database, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The customer's hold.
   *
   * @param subject the customer
   * @return the hold, or empty
   */
  public Optional<Hold> find(Subject subject) {
    return jdbc.sql(
            "SELECT reason, set_by, set_at FROM transfer_hold"
                + " WHERE service_id = ? AND customer_ref = ?")
        .params(subject.serviceId(), subject.customerRef())
        .query(
            (rs, n) -> new Hold(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }

  /**
   * Sets (or replaces) the customer's hold.
   *
   * @param subject the customer
   * @param reason why, at most 200 characters
   * @param actor who, from where
   */
  public void set(Subject subject, String reason, Actor actor) {
    Timestamp now = Timestamp.from(clock.instant());
    String sql =
        database.postgres()
            ? "INSERT INTO transfer_hold (service_id, customer_ref, reason, set_by, set_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (service_id, customer_ref) DO UPDATE"
                + " SET reason = EXCLUDED.reason, set_by = EXCLUDED.set_by,"
                + " set_at = EXCLUDED.set_at"
            : "MERGE INTO transfer_hold (service_id, customer_ref, reason, set_by, set_at)"
                + " KEY (service_id, customer_ref) VALUES (?, ?, ?, ?, ?)";
    Object[] params = {subject.serviceId(), subject.customerRef(), reason, actor.id(), now};
    try {
      jdbc.sql(sql).params(params).update();
    } catch (DuplicateKeyException e) {
      // H2 may let two first holds both insert; the second then finds the row.
      jdbc.sql(sql).params(params).update();
    }
    audit.record(
        new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null),
        actor,
        "TRANSFER_HOLD",
        "SET",
        reason);
  }

  /**
   * Lifts the customer's hold.
   *
   * @param subject the customer
   * @param actor who, from where
   * @return true if one was set
   */
  public boolean lift(Subject subject, Actor actor) {
    int n =
        jdbc.sql("DELETE FROM transfer_hold WHERE service_id = ? AND customer_ref = ?")
            .params(subject.serviceId(), subject.customerRef())
            .update();
    if (n == 1) {
      audit.record(
          new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null),
          actor,
          "TRANSFER_HOLD",
          "LIFTED",
          null);
    }
    return n == 1;
  }
}

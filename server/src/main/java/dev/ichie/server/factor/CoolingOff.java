package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.passkey.PasskeyEvent;
import dev.ichie.server.system.Database;
import dev.ichie.server.token.TokenEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cooling-off after a change: a new token in use (a changed mail address comes with one), a
 * passkey added, a token reset or unlocked at the branch, a login from a device not seen before.
 * For the service's period from the latest of them, transfers to new payees wait and the day is
 * capped ({@link TransferLimits#coolingOff()}). Started in the change's transaction, by one upsert.
 * Thread-safe.
 */
@Component
public final class CoolingOff {

  /** What started a cooling-off. */
  public enum Reason {
    /** A new token's use started. */
    NEW_TOKEN,
    /** A passkey was registered. */
    NEW_PASSKEY,
    /** The branch reset or unlocked the token. */
    BRANCH_RESET,
    /** A login from a device not seen before. */
    NEW_DEVICE
  }

  /**
   * A cooling-off in force.
   *
   * @param until when it ends
   * @param reason what started it
   */
  public record Hold(Instant until, Reason reason) {}

  private static final String PG_START =
      "INSERT INTO cooling_off (service_id, customer_ref, until, reason, started_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (service_id, customer_ref) DO UPDATE"
          + " SET until = EXCLUDED.until, reason = EXCLUDED.reason, started_at = EXCLUDED.started_at"
          + " WHERE cooling_off.until < EXCLUDED.until";
  private static final String H2_START =
      "MERGE INTO cooling_off t USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(32)),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE))) s (service_id, customer_ref, until, reason,"
          + " started_at) ON t.service_id = s.service_id AND t.customer_ref = s.customer_ref"
          + " WHEN MATCHED AND t.until < s.until THEN UPDATE SET until = s.until,"
          + " reason = s.reason, started_at = s.started_at"
          + " WHEN NOT MATCHED THEN INSERT (service_id, customer_ref, until, reason, started_at)"
          + " VALUES (s.service_id, s.customer_ref, s.until, s.reason, s.started_at)";

  private final JdbcClient jdbc;
  private final Database database;
  private final FactorProperties properties;
  private final AuditLog audit;
  private final Clock clock;

  CoolingOff(
      JdbcClient jdbc,
      Database database,
      FactorProperties properties,
      AuditLog audit,
      Clock clock) {
    this.jdbc = jdbc;
    this.database = database;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  private Duration period(String serviceId) {
    return properties
        .transferLimits()
        .getOrDefault(serviceId, TransferLimits.DEFAULTS)
        .coolingOff();
  }

  /**
   * Starts (or makes longer) the customer's cooling-off, for the service's period from now.
   *
   * @param subject the customer
   * @param reason what changed
   * @param actor who, from where
   */
  public void start(Subject subject, Reason reason, Actor actor) {
    Duration period = period(subject.serviceId());
    if (period.isZero()) {
      return;
    }
    Instant now = clock.instant();
    Instant until = now.plus(period);
    Object[] params = {
      subject.serviceId(),
      subject.customerRef(),
      Timestamp.from(until),
      reason.name(),
      Timestamp.from(now)
    };
    String sql = database.postgres() ? PG_START : H2_START;
    try {
      jdbc.sql(sql).params(params).update();
    } catch (DuplicateKeyException e) {
      // H2 may let two first changes both insert; the second then finds the row.
      jdbc.sql(sql).params(params).update();
    }
    audit.record(
        new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null),
        actor,
        "COOLING_OFF",
        reason.name(),
        "until=" + until);
  }

  /**
   * The customer's cooling-off in force now.
   *
   * @param subject the customer
   * @return the hold, or empty when none is in force
   */
  public Optional<Hold> inForce(Subject subject) {
    Instant now = clock.instant();
    return jdbc.sql(
            "SELECT until, reason FROM cooling_off WHERE service_id = ? AND customer_ref = ?"
                + " AND until > ?")
        .params(subject.serviceId(), subject.customerRef(), Timestamp.from(now))
        .query((rs, n) -> new Hold(rs.getTimestamp(1).toInstant(), Reason.valueOf(rs.getString(2))))
        .optional();
  }

  @EventListener
  void on(TokenEvent event) {
    Reason reason =
        switch (event.type()) {
          case USE_STARTED -> Reason.NEW_TOKEN;
          case RESET, UNLOCKED -> Reason.BRANCH_RESET;
          default -> null;
        };
    if (reason != null) {
      start(new Subject(event.serviceId(), event.customerRef()), reason, event.actor());
    }
  }

  @EventListener
  void on(PasskeyEvent event) {
    if (event.type() == PasskeyEvent.Type.ADDED) {
      start(new Subject(event.serviceId(), event.customerRef()), Reason.NEW_PASSKEY, Actor.SYSTEM);
    }
  }

  @EventListener
  void on(LoginEvent event) {
    if (event.newDevice()) {
      start(
          new Subject(event.serviceId(), event.customerRef()),
          Reason.NEW_DEVICE,
          new Actor(Actor.Type.CUSTOMER, event.customerRef(), event.address()));
    }
  }
}

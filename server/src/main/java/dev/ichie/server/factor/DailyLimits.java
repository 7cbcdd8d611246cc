package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.Database;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day's transfers of each customer and their own daily limit, in the database so that every
 * node counts the same. A transfer is counted by one conditional upsert that adds its amount only
 * while the day's sum stays within the ceiling, so that concurrent transfers on any node never sum
 * above it. The day is the bank's (the service's time zone). Thread-safe.
 */
@Component
public final class DailyLimits {

  private static final String PG_SPEND =
      "INSERT INTO transfer_day (service_id, customer_ref, bank_day, spent) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (service_id, customer_ref, bank_day) DO UPDATE"
          + " SET spent = transfer_day.spent + EXCLUDED.spent"
          + " WHERE transfer_day.spent <= ? - EXCLUDED.spent";
  private static final String H2_SPEND =
      "MERGE INTO transfer_day t USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(64)),"
          + " CAST(? AS DATE), CAST(? AS BIGINT))) s (service_id, customer_ref, bank_day, spent)"
          + " ON t.service_id = s.service_id AND t.customer_ref = s.customer_ref"
          + " AND t.bank_day = s.bank_day"
          + " WHEN MATCHED AND t.spent <= CAST(? AS BIGINT) - s.spent"
          + " THEN UPDATE SET spent = t.spent + s.spent"
          + " WHEN NOT MATCHED THEN INSERT (service_id, customer_ref, bank_day, spent)"
          + " VALUES (s.service_id, s.customer_ref, s.bank_day, s.spent)";

  /**
   * An amount counted in a customer's day, to give back when the transfer did not happen.
   *
   * @param subject whose
   * @param day the bank's day it was counted in
   * @param amount yen
   */
  public record Spent(Subject subject, LocalDate day, long amount) {}

  /**
   * A customer's own limit now.
   *
   * @param own the limit in force; {@link Long#MAX_VALUE} when they set none
   * @param raiseTo a raise asked and not yet in force, or empty
   * @param raiseFrom when that raise takes effect, or empty
   */
  public record OwnLimit(long own, Optional<Long> raiseTo, Optional<Instant> raiseFrom) {}

  /** How a change of the own limit ended. */
  public enum Change {
    /** Lowered, at once. */
    LOWERED,
    /** A raise asked, in force after the service's delay. */
    RAISE_ASKED,
    /** The amount is the limit already in force, and no raise was waiting. */
    UNCHANGED,
    /** Above the most the service allows with its strongest factor. */
    TOO_HIGH,
    /** A raise, for which the caller proved no factor: nothing changed. */
    NOT_PROVED
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Database database;
  private final Tenants tenants;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final CoolingOff coolingOff;
  private final TransferHolds holds;

  DailyLimits(
      CoolingOff coolingOff,
      TransferHolds holds,
      JdbcClient jdbc,
      TransactionTemplate tx,
      Database database,
      Tenants tenants,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.database = database;
    this.tenants = tenants;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.coolingOff = coolingOff;
    this.holds = holds;
  }

  /**
   * The bank's day now, in a service's time zone.
   *
   * @param serviceId the service
   * @return today there
   */
  public LocalDate today(String serviceId) {
    ZoneId zone = tenants.find(serviceId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /**
   * The day's transfers, the own limit and the cooling-off in force: what the policy reads.
   *
   * @param subject the customer
   * @return the usage now
   */
  public TransferUsage usage(Subject subject) {
    long spent =
        jdbc.sql(
                "SELECT spent FROM transfer_day"
                    + " WHERE service_id = ? AND customer_ref = ? AND bank_day = ?")
            .params(
                subject.serviceId(),
                subject.customerRef(),
                Date.valueOf(today(subject.serviceId())))
            .query(Long.class)
            .optional()
            .orElse(0L);
    Optional<CoolingOff.Hold> hold = coolingOff.inForce(subject);
    return new TransferUsage(
        spent,
        own(subject).own(),
        hold.map(CoolingOff.Hold::until).orElse(null),
        hold.map(CoolingOff.Hold::reason).orElse(null),
        holds.find(subject).isPresent());
  }

  /**
   * The customer's own limit, with a raise that waits.
   *
   * @param subject the customer
   * @return the limit now
   */
  public OwnLimit own(Subject subject) {
    Instant now = clock.instant();
    return jdbc.sql(
            "SELECT daily_limit, raise_to, raise_from FROM transfer_limit"
                + " WHERE service_id = ? AND customer_ref = ?")
        .params(subject.serviceId(), subject.customerRef())
        .query(
            (rs, n) -> {
              long daily = rs.getObject(1) == null ? Long.MAX_VALUE : rs.getLong(1);
              Long raise = rs.getObject(2, Long.class);
              Timestamp from = rs.getTimestamp(3);
              if (raise != null && from != null && !from.toInstant().isAfter(now)) {
                return new OwnLimit(raise, Optional.empty(), Optional.empty());
              }
              return new OwnLimit(
                  daily,
                  Optional.ofNullable(raise),
                  Optional.ofNullable(from).map(Timestamp::toInstant));
            })
        .optional()
        .orElse(new OwnLimit(Long.MAX_VALUE, Optional.empty(), Optional.empty()));
  }

  /**
   * Counts a transfer in the customer's day if the day's sum stays within the ceiling.
   *
   * @param subject the customer
   * @param amount yen
   * @param ceiling the most the day's sum may reach
   * @return what was counted, or empty when it would pass the ceiling
   */
  public Optional<Spent> spend(Subject subject, long amount, long ceiling) {
    if (amount <= 0) {
      throw new IllegalArgumentException("a transfer's amount is positive");
    }
    if (amount > ceiling) {
      return Optional.empty();
    }
    LocalDate day = today(subject.serviceId());
    Object[] params = {
      subject.serviceId(), subject.customerRef(), Date.valueOf(day), amount, ceiling
    };
    String sql = database.postgres() ? PG_SPEND : H2_SPEND;
    int n;
    try {
      n = jdbc.sql(sql).params(params).update();
    } catch (DuplicateKeyException e) {
      // H2 may let two first transfers of the day both insert; the second then finds the row.
      n = jdbc.sql(sql).params(params).update();
    }
    return n == 1 ? Optional.of(new Spent(subject, day, amount)) : Optional.empty();
  }

  /**
   * Gives back an amount counted for a transfer that did not happen.
   *
   * @param spent what was counted
   */
  public void giveBack(Spent spent) {
    jdbc.sql(
            "UPDATE transfer_day SET spent = spent - ?"
                + " WHERE service_id = ? AND customer_ref = ? AND bank_day = ? AND spent >= ?")
        .params(
            spent.amount(),
            spent.subject().serviceId(),
            spent.subject().customerRef(),
            Date.valueOf(spent.day()),
            spent.amount())
        .update();
  }

  /**
   * Lowers the customer's own limit at once (and drops a raise that waits), or, for an amount above
   * the limit in force, asks a raise that takes effect after the service's delay. The caller has
   * checked the factors a raise needs ({@link Operation.LimitRaise}). Audited and mailed.
   *
   * @param subject the customer
   * @param amount the new limit in yen
   * @param limits the service's limits
   * @param raiseProved whether the caller checked the factors of a raise
   * @param actor who, from where
   * @return how it ended
   */
  public Change change(
      Subject subject, long amount, TransferLimits limits, boolean raiseProved, Actor actor) {
    if (amount <= 0 || amount > limits.linked()) {
      return Change.TOO_HIGH;
    }
    Instant now = clock.instant();
    ensureRow(subject, now);
    return tx.execute(
        s -> {
          // Locks the customer's row: their changes, on any node, one after the other.
          jdbc.sql(
                  "UPDATE transfer_limit SET changed_at = ? WHERE service_id = ? AND customer_ref = ?")
              .params(Timestamp.from(now), subject.serviceId(), subject.customerRef())
              .update();
          OwnLimit current = own(subject);
          long inForce = Math.min(current.own(), limits.linked());
          Change change;
          Instant effective;
          if (amount < inForce || (amount == inForce && current.raiseTo().isPresent())) {
            change = Change.LOWERED;
            effective = now;
            set(subject, amount, null, null);
          } else if (amount == inForce) {
            return Change.UNCHANGED;
          } else if (!raiseProved) {
            return Change.NOT_PROVED;
          } else {
            change = Change.RAISE_ASKED;
            effective = now.plus(limits.raiseDelay());
            set(subject, current.own() == Long.MAX_VALUE ? null : current.own(), amount, effective);
          }
          audit.record(
              new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null),
              actor,
              change == Change.LOWERED ? "LIMIT_LOWERED" : "LIMIT_RAISE_ASKED",
              "OK",
              "amount=" + amount + " from=" + effective);
          events.publishEvent(
              new LimitEvent(
                  subject.serviceId(),
                  subject.customerRef(),
                  change == Change.LOWERED ? LimitEvent.Type.LOWERED : LimitEvent.Type.RAISE_ASKED,
                  amount,
                  effective,
                  now));
          return change;
        });
  }

  private void ensureRow(Subject subject, Instant now) {
    String sql =
        database.postgres()
            ? "INSERT INTO transfer_limit (service_id, customer_ref, changed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
            : "MERGE INTO transfer_limit t USING (VALUES (CAST(? AS VARCHAR(32)),"
                + " CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                + " s (service_id, customer_ref, changed_at)"
                + " ON t.service_id = s.service_id AND t.customer_ref = s.customer_ref"
                + " WHEN NOT MATCHED THEN INSERT (service_id, customer_ref, changed_at)"
                + " VALUES (s.service_id, s.customer_ref, s.changed_at)";
    try {
      jdbc.sql(sql)
          .params(subject.serviceId(), subject.customerRef(), Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      // Another request made the row first.
    }
  }

  private void set(Subject subject, Long daily, Long raiseTo, Instant raiseFrom) {
    jdbc.sql(
            "UPDATE transfer_limit SET daily_limit = ?, raise_to = ?, raise_from = ?"
                + " WHERE service_id = ? AND customer_ref = ?")
        .params(
            daily,
            raiseTo,
            raiseFrom == null ? null : Timestamp.from(raiseFrom),
            subject.serviceId(),
            subject.customerRef())
        .update();
  }
}

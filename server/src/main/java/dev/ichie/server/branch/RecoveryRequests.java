package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.TransferHolds;
import dev.ichie.server.mail.CustomerLocales;
import dev.ichie.server.mail.MailOutbox;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenLifecycle;
import dev.ichie.server.token.TokenQueries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recovery of locked-out customers under dual control (F8): one staff member files a request with
 * the reason and how the customer's identity was checked; a supervisor who is not the requester
 * approves or rejects it; only an approved request acts, once — the approval is a conditional
 * update from PENDING in the same transaction as the action. Requests not decided in time expire.
 * Every step is in the audit trail with its staff member. Thread-safe.
 */
@Service
public class RecoveryRequests {

  /** What a request asks for. */
  public enum Action {
    /** Unlock a LOCKED token: the customer keeps the same app. */
    UNLOCK_TOKEN,
    /** Revoke the token (lost phone): the customer logs in with the password and re-issues. */
    RESET_TOKEN,
    /** Unlock a login (and confirmation password) locked after wrong passwords. */
    UNLOCK_LOGIN,
    /** Remove one of the customer's passkeys, or all of them (a lost phone). */
    REMOVE_PASSKEY,
    /** Lift the hold the bank's systems put on the customer's transfers. */
    LIFT_HOLD
  }

  /** Where a request stands. */
  public enum Status {
    /** Waiting for a supervisor. */
    PENDING,
    /** Approved and applied. */
    APPROVED,
    /** Rejected; nothing changed. */
    REJECTED,
    /** Not decided in time; nothing changed. */
    EXPIRED
  }

  /** Why a decision was refused, or that it was made. */
  public enum Decision {
    /** Decided (and for an approval, applied). */
    DONE,
    /** Only a supervisor decides. */
    NOT_SUPERVISOR,
    /** Nobody decides their own request. */
    OWN_REQUEST,
    /** Already decided, or expired. */
    NOT_PENDING,
    /** No such request. */
    NOT_FOUND
  }

  /**
   * A request.
   *
   * @param id its number
   * @param serviceId the customers' service
   * @param customerRef the customer
   * @param action what it asks
   * @param waiveNextDay for a reset: whether the customer may re-issue at once
   * @param reason why
   * @param identityCheck how the customer's identity was checked
   * @param status where it stands
   * @param requestedBy the staff member who filed it
   * @param requestedAt when
   * @param expiresAt when it expires if undecided
   * @param decidedBy the supervisor who decided, or null
   * @param decidedAt when, or null
   * @param outcome the result of the applied action, or null
   * @param credentialId for a passkey removal, the passkey; null for all of them
   */
  public record Request(
      long id,
      String serviceId,
      String customerRef,
      Action action,
      boolean waiveNextDay,
      String reason,
      String identityCheck,
      Status status,
      String requestedBy,
      Instant requestedAt,
      Instant expiresAt,
      String decidedBy,
      Instant decidedAt,
      String outcome,
      String credentialId) {}

  private static final RowMapper<Request> REQUEST =
      (rs, n) ->
          new Request(
              rs.getLong("id"),
              rs.getString("service_id"),
              rs.getString("customer_ref"),
              Action.valueOf(rs.getString("action")),
              rs.getBoolean("waive_next_day"),
              rs.getString("reason"),
              rs.getString("identity_check"),
              Status.valueOf(rs.getString("status")),
              rs.getString("requested_by"),
              instant(rs, "requested_at"),
              instant(rs, "expires_at"),
              rs.getString("decided_by"),
              instant(rs, "decided_at"),
              rs.getString("outcome"),
              rs.getString("credential_id"));

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final TokenLifecycle lifecycle;
  private final TokenQueries queries;
  private final List<CustomerDirectory> directories;
  private final AuditLog audit;
  private final MailOutbox outbox;
  private final MessageSource messages;
  private final List<CustomerLocales> locales;
  private final BranchProperties properties;
  private final Clock clock;
  private final PasskeyCeremonies passkeys;
  private final TransferHolds holds;

  RecoveryRequests(
      JdbcClient jdbc,
      TransactionTemplate tx,
      TokenLifecycle lifecycle,
      TokenQueries queries,
      List<CustomerDirectory> directories,
      AuditLog audit,
      MailOutbox outbox,
      MessageSource messages,
      List<CustomerLocales> locales,
      BranchProperties properties,
      Clock clock,
      PasskeyCeremonies passkeys,
      TransferHolds holds) {
    this.holds = holds;
    this.passkeys = passkeys;
    this.jdbc = jdbc;
    this.tx = tx;
    this.lifecycle = lifecycle;
    this.queries = queries;
    this.directories = directories;
    this.audit = audit;
    this.outbox = outbox;
    this.messages = messages;
    this.locales = locales;
    this.properties = properties;
    this.clock = clock;
  }

  /** A nullable timestamp column as an instant. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * Files a request.
   *
   * @return the request's number
   */
  public long file(
      StaffMember by,
      String customerRef,
      Action action,
      boolean waiveNextDay,
      String reason,
      String identityCheck,
      String address) {
    return file(by, customerRef, action, waiveNextDay, reason, identityCheck, null, address);
  }

  /**
   * Files a request, for a passkey removal naming the passkey (null: all of them).
   *
   * @return the request's number
   */
  public long file(
      StaffMember by,
      String customerRef,
      Action action,
      boolean waiveNextDay,
      String reason,
      String identityCheck,
      String credentialId,
      String address) {
    Instant now = clock.instant();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  INSERT INTO recovery_request (service_id, customer_ref, action, waive_next_day,
                      reason, identity_check, status, requested_by, requested_at, expires_at,
                      credential_id)
                  VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""")
              .params(
                  properties.customerServiceId(),
                  customerRef,
                  action.name(),
                  action == Action.RESET_TOKEN && waiveNextDay,
                  reason,
                  identityCheck,
                  by.loginId(),
                  Timestamp.from(now),
                  Timestamp.from(now.plus(properties.requestLifetime())),
                  action == Action.REMOVE_PASSKEY ? credentialId : null)
              .update(keys, "id");
          record(customerRef, actor(by, address), "RECOVERY_REQUESTED", "OK", action.name());
        });
    return keys.getKey().longValue();
  }

  /**
   * Approves a request and applies it, once: of two approvals at the same time one acts.
   *
   * @return DONE, or why not
   */
  public Decision approve(StaffMember by, long id, String address) {
    return decide(by, id, address, true);
  }

  /**
   * Rejects a request; nothing changes for the customer.
   *
   * @return DONE, or why not
   */
  public Decision reject(StaffMember by, long id, String address) {
    return decide(by, id, address, false);
  }

  private Decision decide(StaffMember by, long id, String address, boolean approve) {
    Optional<Request> found = find(id);
    if (found.isEmpty()) {
      return Decision.NOT_FOUND;
    }
    Request r = found.get();
    Actor actor = actor(by, address);
    String event = approve ? "RECOVERY_APPROVED" : "RECOVERY_REJECTED";
    if (by.role() != StaffRole.SUPERVISOR) {
      record(r.customerRef(), actor, event, "NOT_SUPERVISOR", "request " + id);
      return Decision.NOT_SUPERVISOR;
    }
    if (by.loginId().equals(r.requestedBy())) {
      record(r.customerRef(), actor, event, "OWN_REQUEST", "request " + id);
      return Decision.OWN_REQUEST;
    }
    Instant now = clock.instant();
    Decision d =
        tx.execute(
            s -> {
              int taken =
                  jdbc.sql(
                          """
                          UPDATE recovery_request SET status = ?, decided_by = ?, decided_at = ?
                          WHERE id = ? AND status = 'PENDING' AND requested_by <> ?
                            AND expires_at > ?""")
                      .params(
                          approve ? "APPROVED" : "REJECTED",
                          by.loginId(),
                          Timestamp.from(now),
                          id,
                          by.loginId(),
                          Timestamp.from(now))
                      .update();
              if (taken != 1) {
                return Decision.NOT_PENDING;
              }
              String outcome = approve ? apply(r, actor) : "REJECTED";
              jdbc.sql("UPDATE recovery_request SET outcome = ? WHERE id = ?")
                  .params(outcome, id)
                  .update();
              record(r.customerRef(), actor, event, outcome, "request " + id + " " + r.action());
              return Decision.DONE;
            });
    if (d == Decision.NOT_PENDING) {
      record(r.customerRef(), actor, event, "NOT_PENDING", "request " + id);
    }
    return d;
  }

  private String apply(Request r, Actor actor) {
    return switch (r.action()) {
      case UNLOCK_TOKEN -> lifecycle.unlock(r.serviceId(), r.customerRef(), actor).result().name();
      case RESET_TOKEN -> {
        Outcome o =
            lifecycle.reset(
                r.serviceId(),
                r.customerRef(),
                r.waiveNextDay() || properties.waiveNextDayOnReset(),
                actor);
        yield o.result().name();
      }
      case UNLOCK_LOGIN -> {
        boolean done = directories.stream().anyMatch(d -> d.unlockLogin(r.customerRef()));
        if (done) {
          notifyLoginUnlocked(r);
        }
        yield done ? "OK" : "ILLEGAL_STATE";
      }
      case REMOVE_PASSKEY ->
          passkeys
              .remove(new Subject(r.serviceId(), r.customerRef()), r.credentialId(), true, actor)
              .name();
      case LIFT_HOLD ->
          holds.lift(new Subject(r.serviceId(), r.customerRef()), actor) ? "OK" : "NOT_HELD";
    };
  }

  private void notifyLoginUnlocked(Request r) {
    Optional<String> mail = queries.mobileMail(r.serviceId(), r.customerRef());
    if (mail.isEmpty()) {
      return;
    }
    Locale locale =
        locales.stream()
            .map(l -> l.localeOf(r.serviceId(), r.customerRef()))
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(Locale.JAPANESE);
    Object[] args = {queries.serviceName(r.serviceId(), locale)};
    outbox.enqueue(
        "LOGIN_UNLOCKED",
        mail.get(),
        locale.toLanguageTag(),
        messages.getMessage("mail.login_unlocked.subject", args, locale),
        messages.getMessage("mail.login_unlocked.body", args, locale)
            + "\n\n"
            + messages.getMessage("mail.footer", args, locale));
  }

  /**
   * Ends every request whose time ran out undecided.
   *
   * @return how many expired
   */
  public int expireDue() {
    Instant now = clock.instant();
    List<Request> due =
        jdbc.sql("SELECT * FROM recovery_request WHERE status = 'PENDING' AND expires_at <= ?")
            .param(Timestamp.from(now))
            .query(REQUEST)
            .list();
    int n = 0;
    for (Request r : due) {
      Boolean done =
          tx.execute(
              s -> {
                if (jdbc.sql(
                            "UPDATE recovery_request SET status = 'EXPIRED', decided_at = ?"
                                + " WHERE id = ? AND status = 'PENDING'")
                        .params(Timestamp.from(now), r.id())
                        .update()
                    != 1) {
                  return false;
                }
                record(
                    r.customerRef(), Actor.SYSTEM, "RECOVERY_EXPIRED", "OK", "request " + r.id());
                return true;
              });
      if (Boolean.TRUE.equals(done)) {
        n++;
      }
    }
    return n;
  }

  /**
   * A request.
   *
   * @param id its number
   * @return the request
   */
  public Optional<Request> find(long id) {
    return jdbc.sql("SELECT * FROM recovery_request WHERE id = ?")
        .param(id)
        .query(REQUEST)
        .optional();
  }

  /**
   * Requests waiting for a decision, oldest first.
   *
   * @return the requests
   */
  public List<Request> pending() {
    return jdbc.sql(
            "SELECT * FROM recovery_request WHERE status = 'PENDING' AND expires_at > ?"
                + " ORDER BY id")
        .param(Timestamp.from(clock.instant()))
        .query(REQUEST)
        .list();
  }

  /**
   * A customer's requests, newest first.
   *
   * @param customerRef the customer
   * @return the requests
   */
  public List<Request> forCustomer(String customerRef) {
    return jdbc.sql(
            "SELECT * FROM recovery_request WHERE service_id = ? AND customer_ref = ?"
                + " ORDER BY id DESC")
        .params(properties.customerServiceId(), customerRef)
        .query(REQUEST)
        .list();
  }

  private void record(String customerRef, Actor actor, String event, String outcome, String d) {
    audit.record(
        new AuditLog.Subject(properties.customerServiceId(), customerRef, null, null),
        actor,
        event,
        outcome,
        d);
  }

  static Actor actor(StaffMember by, String address) {
    return new Actor(Actor.Type.STAFF, by.loginId(), address);
  }
}

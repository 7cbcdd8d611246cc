package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.PasswordHashing;
import dev.ichie.server.token.TokenLifecycle;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to staff accounts under dual control: an administrator files a request; another
 * administrator, who is neither the requester nor the staff member concerned, approves or rejects
 * it; only an approved request acts, once (a conditional update from PENDING in the transaction
 * that applies it). A one-time password is two halves: the requester sees the first when filing,
 * the approver the second when approving, and the staff member types both; the server keeps only
 * their hashes. While the console has a single administrator, their request for a second
 * administrator is approved on the server's host ({@code staff approve}). Every step is audited.
 * Thread-safe.
 */
@Service
public class StaffRequests {

  /** The decider of a request approved on the server's host. */
  static final String HOST = "(host)";

  /** What a request asks for. */
  public enum Action {
    /** A new staff account, with a one-time password and its own token to issue. */
    CREATE,
    /** Another role. */
    CHANGE_ROLE,
    /** A new one-time password; the login's lock is cleared. */
    RESET_PASSWORD,
    /** The staff token revoked; the member issues a new one with their own activation password. */
    RESET_TOKEN,
    /** The login unlocked after wrong passwords. */
    UNLOCK_LOGIN,
    /** The account disabled; live sessions end at their next request. */
    DISABLE,
    /** A disabled account enabled again. */
    ENABLE;

    /** Whether the request makes a one-time password. */
    boolean givesPassword() {
      return this == CREATE || this == RESET_PASSWORD;
    }
  }

  /** Where a request stands. */
  public enum Status {
    /** Waiting for a second administrator. */
    PENDING,
    /** Approved and applied. */
    APPROVED,
    /** Rejected; nothing changed. */
    REJECTED,
    /** Not decided in time; nothing changed. */
    EXPIRED
  }

  /** Why a request or a decision was refused, or that it was made. */
  public enum Refusal {
    /** Filed or decided. */
    NONE,
    /** Only an administrator files and decides. */
    NOT_ADMIN,
    /** Nobody decides their own request. */
    OWN_REQUEST,
    /** Nobody files or decides a request about their own account. */
    OWN_ACCOUNT,
    /** The staff ID is taken (creation) or unknown (any other). */
    UNKNOWN_STAFF,
    /** The staff ID is taken. */
    ID_TAKEN,
    /** The same change for the same account already waits. */
    ALREADY_PENDING,
    /** Already decided, or expired. */
    NOT_PENDING,
    /** No such request. */
    NOT_FOUND,
    /** On the host, only while the requester is the one administrator, for a second one. */
    NOT_FOR_HOST
  }

  /**
   * A change asked for.
   *
   * @param action what
   * @param loginId the staff account concerned
   * @param name for a creation, the name
   * @param role for a creation or a role change, the role
   * @param branch for a creation, the branch
   * @param mail for a creation, the mail address
   * @param reason why
   */
  public record Draft(
      Action action,
      String loginId,
      String name,
      StaffRole role,
      String branch,
      String mail,
      String reason) {}

  /**
   * A request.
   *
   * @param id its number
   * @param draft what it asks
   * @param status where it stands
   * @param requestedBy the administrator who filed it
   * @param requestedAt when
   * @param expiresAt when it expires if undecided
   * @param decidedBy who decided ({@value #HOST} on the host), or null
   * @param decidedAt when, or null
   * @param outcome the result of the applied change, or null
   */
  public record Request(
      long id,
      Draft draft,
      Status status,
      String requestedBy,
      Instant requestedAt,
      Instant expiresAt,
      String decidedBy,
      Instant decidedAt,
      String outcome) {}

  /**
   * The answer to filing or deciding.
   *
   * @param refusal NONE, or why not
   * @param id the request
   * @param outcome for an approval, the result of the change
   * @param passwordHalf the half of a one-time password this person alone is shown, now only
   */
  public record Answer(Refusal refusal, long id, String outcome, Optional<String> passwordHalf) {

    static Answer refused(Refusal refusal, long id) {
      return new Answer(refusal, id, null, Optional.empty());
    }

    /**
     * Whether it was filed or decided.
     *
     * @return true if so
     */
    public boolean done() {
      return refusal == Refusal.NONE;
    }
  }

  private static final RowMapper<Request> REQUEST =
      (rs, n) ->
          new Request(
              rs.getLong("id"),
              new Draft(
                  Action.valueOf(rs.getString("action")),
                  rs.getString("login_id"),
                  rs.getString("name"),
                  rs.getString("role") == null ? null : StaffRole.valueOf(rs.getString("role")),
                  rs.getString("branch"),
                  rs.getString("mail"),
                  rs.getString("reason")),
              Status.valueOf(rs.getString("status")),
              rs.getString("requested_by"),
              RecoveryRequests.instant(rs, "requested_at"),
              RecoveryRequests.instant(rs, "expires_at"),
              rs.getString("decided_by"),
              RecoveryRequests.instant(rs, "decided_at"),
              rs.getString("outcome"));

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final StaffAccounts staff;
  private final TokenLifecycle lifecycle;
  private final PasswordHashing passwords;
  private final AuditLog audit;
  private final BranchProperties properties;
  private final Clock clock;

  StaffRequests(
      JdbcClient jdbc,
      TransactionTemplate tx,
      StaffAccounts staff,
      TokenLifecycle lifecycle,
      PasswordHashing passwords,
      AuditLog audit,
      BranchProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.staff = staff;
    this.lifecycle = lifecycle;
    this.passwords = passwords;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Files a request. For a creation or a password reset, the answer carries the first half of the
   * one-time password, shown to the requester now and never again.
   *
   * @param by the administrator
   * @param draft the change
   * @param address the requester's address, for the audit
   * @return the request's number and the first half, or why not
   */
  public Answer file(StaffMember by, Draft draft, String address) {
    Actor actor = RecoveryRequests.actor(by, address);
    Refusal refusal = fileRefusal(by, draft);
    if (refusal != Refusal.NONE) {
      record(draft.loginId(), actor, "STAFF_REQUESTED", refusal.name(), draft.action().name());
      return Answer.refused(refusal, 0);
    }
    Optional<String> half =
        draft.action().givesPassword() ? Optional.of(PasswordHalf.next()) : Optional.empty();
    String halfHash = half.map(passwords::encode).orElse(null);
    Instant now = clock.instant();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  INSERT INTO staff_request (action, login_id, name, role, branch, mail,
                      first_half_hash, reason, status, requested_by, requested_at, expires_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
              .params(
                  draft.action().name(),
                  draft.loginId(),
                  draft.name(),
                  draft.role() == null ? null : draft.role().name(),
                  draft.branch(),
                  draft.mail(),
                  halfHash,
                  draft.reason(),
                  by.loginId(),
                  Timestamp.from(now),
                  Timestamp.from(now.plus(properties.requestLifetime())))
              .update(keys, "id");
          record(draft.loginId(), actor, "STAFF_REQUESTED", "OK", describe(draft));
        });
    return new Answer(Refusal.NONE, keys.getKey().longValue(), null, half);
  }

  private Refusal fileRefusal(StaffMember by, Draft draft) {
    if (by.role() != StaffRole.ADMIN) {
      return Refusal.NOT_ADMIN;
    }
    if (by.loginId().equals(draft.loginId())) {
      return Refusal.OWN_ACCOUNT;
    }
    boolean exists = staff.exists(draft.loginId());
    if (draft.action() == Action.CREATE ? exists : !exists) {
      return draft.action() == Action.CREATE ? Refusal.ID_TAKEN : Refusal.UNKNOWN_STAFF;
    }
    boolean waiting =
        jdbc.sql(
                    "SELECT COUNT(*) FROM staff_request WHERE login_id = ? AND action = ?"
                        + " AND status = 'PENDING' AND expires_at > ?")
                .params(draft.loginId(), draft.action().name(), Timestamp.from(clock.instant()))
                .query(Long.class)
                .single()
            > 0;
    return waiting ? Refusal.ALREADY_PENDING : Refusal.NONE;
  }

  /**
   * Approves a request and applies it, once: of two approvals at the same time one acts. For a
   * creation or a password reset, the answer carries the second half of the one-time password,
   * shown to the approver now and never again.
   *
   * @param by the administrator deciding
   * @param id the request
   * @param address their address, for the audit
   * @return the outcome and the second half, or why not
   */
  public Answer approve(StaffMember by, long id, String address) {
    return decide(by.role() == StaffRole.ADMIN, by.loginId(), id, true, address);
  }

  /**
   * Rejects a request; nothing changes.
   *
   * @return NONE, or why not
   */
  public Answer reject(StaffMember by, long id, String address) {
    return decide(by.role() == StaffRole.ADMIN, by.loginId(), id, false, address);
  }

  /**
   * Approves, on the server's host, the request of the console's one administrator for a second
   * administrator, who is then the second person of every later request.
   *
   * @param id the request
   * @return the outcome and the second half, or why not
   */
  Answer approveOnHost(long id) {
    Optional<Request> found = find(id);
    if (found.isEmpty()) {
      return Answer.refused(Refusal.NOT_FOUND, id);
    }
    Request r = found.get();
    List<String> admins =
        jdbc.sql("SELECT login_id FROM staff WHERE role = 'ADMIN' AND active = TRUE")
            .query(String.class)
            .list();
    if (r.draft().action() != Action.CREATE
        || r.draft().role() != StaffRole.ADMIN
        || !admins.equals(List.of(r.requestedBy()))) {
      record(
          r.draft().loginId(),
          hostActor(),
          "STAFF_REQUEST_APPROVED",
          "NOT_FOR_HOST",
          "request " + id);
      return Answer.refused(Refusal.NOT_FOR_HOST, id);
    }
    return decide(true, HOST, id, true, null);
  }

  private static Actor hostActor() {
    return new Actor(Actor.Type.SYSTEM, "staff approve", null);
  }

  private Answer decide(boolean admin, String deciderId, long id, boolean approve, String address) {
    Optional<Request> found = find(id);
    if (found.isEmpty()) {
      return Answer.refused(Refusal.NOT_FOUND, id);
    }
    Request r = found.get();
    Actor actor =
        HOST.equals(deciderId) ? hostActor() : new Actor(Actor.Type.STAFF, deciderId, address);
    String event = approve ? "STAFF_REQUEST_APPROVED" : "STAFF_REQUEST_REJECTED";
    Refusal refusal =
        !admin
            ? Refusal.NOT_ADMIN
            : deciderId.equals(r.requestedBy())
                ? Refusal.OWN_REQUEST
                : deciderId.equals(r.draft().loginId()) ? Refusal.OWN_ACCOUNT : Refusal.NONE;
    if (refusal != Refusal.NONE) {
      record(r.draft().loginId(), actor, event, refusal.name(), "request " + id);
      return Answer.refused(refusal, id);
    }
    Optional<String> half =
        approve && r.draft().action().givesPassword()
            ? Optional.of(PasswordHalf.next())
            : Optional.empty();
    String halfHash = half.map(passwords::encode).orElse(null);
    Instant now = clock.instant();
    Answer answer;
    try {
      answer =
          tx.execute(
              s -> {
                int taken =
                    jdbc.sql(
                            """
                            UPDATE staff_request SET status = ?, decided_by = ?, decided_at = ?
                            WHERE id = ? AND status = 'PENDING' AND requested_by <> ?
                              AND login_id <> ? AND expires_at > ?""")
                        .params(
                            approve ? "APPROVED" : "REJECTED",
                            deciderId,
                            Timestamp.from(now),
                            id,
                            deciderId,
                            deciderId,
                            Timestamp.from(now))
                        .update();
                if (taken != 1) {
                  return Answer.refused(Refusal.NOT_PENDING, id);
                }
                String outcome = approve ? apply(r, halfHash, actor) : "REJECTED";
                jdbc.sql("UPDATE staff_request SET first_half_hash = NULL WHERE id = ?")
                    .param(id)
                    .update();
                jdbc.sql("UPDATE staff_request SET outcome = ? WHERE id = ?")
                    .params(outcome, id)
                    .update();
                record(
                    r.draft().loginId(),
                    actor,
                    event,
                    outcome,
                    "request " + id + " " + describe(r.draft()));
                return new Answer(
                    Refusal.NONE, id, outcome, "OK".equals(outcome) ? half : Optional.empty());
              });
    } catch (DataIntegrityViolationException e) {
      // The staff ID was created by another request approved at the same moment.
      answer = Answer.refused(Refusal.ID_TAKEN, id);
    }
    if (!answer.done()) {
      record(r.draft().loginId(), actor, event, answer.refusal().name(), "request " + id);
    }
    return answer;
  }

  private String apply(Request r, String secondHalfHash, Actor actor) {
    Draft d = r.draft();
    String login = d.loginId();
    return switch (d.action()) {
      case CREATE -> {
        if (staff.exists(login)) {
          yield "ID_TAKEN";
        }
        staff.insert(
            login,
            d.name(),
            d.role(),
            d.branch(),
            d.mail(),
            oneTimeHash(r, secondHalfHash),
            true,
            actor);
        yield "OK";
      }
      case CHANGE_ROLE -> staff.changeRole(login, d.role()) ? "OK" : "NO_CHANGE";
      case RESET_PASSWORD ->
          staff.resetPassword(login, oneTimeHash(r, secondHalfHash)) ? "OK" : "UNKNOWN_STAFF";
      case RESET_TOKEN -> {
        lifecycle.reset(properties.staffServiceId(), login, true, actor);
        staff.allowEnrolment(login);
        yield "OK";
      }
      case UNLOCK_LOGIN -> staff.unlock(login, actor) ? "OK" : "NOT_LOCKED";
      case DISABLE -> staff.setActive(login, false) ? "OK" : "NO_CHANGE";
      case ENABLE -> staff.setActive(login, true) ? "OK" : "NO_CHANGE";
    };
  }

  private String oneTimeHash(Request r, String secondHalfHash) {
    String first =
        jdbc.sql("SELECT first_half_hash FROM staff_request WHERE id = ?")
            .param(r.id())
            .query(String.class)
            .single();
    return PasswordHashing.halves(PasswordHalf.LENGTH, first, secondHalfHash);
  }

  private static String describe(Draft d) {
    return d.action() + (d.role() == null ? "" : " " + d.role());
  }

  /**
   * Ends every request whose time ran out undecided.
   *
   * @return how many expired
   */
  public int expireDue() {
    Instant now = clock.instant();
    List<Request> due =
        jdbc.sql("SELECT * FROM staff_request WHERE status = 'PENDING' AND expires_at <= ?")
            .param(Timestamp.from(now))
            .query(REQUEST)
            .list();
    int n = 0;
    for (Request r : due) {
      int done =
          jdbc.sql(
                  "UPDATE staff_request SET status = 'EXPIRED', decided_at = ?,"
                      + " first_half_hash = NULL WHERE id = ? AND status = 'PENDING'")
              .params(Timestamp.from(now), r.id())
              .update();
      if (done == 1) {
        record(
            r.draft().loginId(), Actor.SYSTEM, "STAFF_REQUEST_EXPIRED", "OK", "request " + r.id());
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
    return jdbc.sql("SELECT * FROM staff_request WHERE id = ?").param(id).query(REQUEST).optional();
  }

  /**
   * Requests waiting for a decision, oldest first.
   *
   * @return the requests
   */
  public List<Request> pending() {
    return jdbc.sql(
            "SELECT * FROM staff_request WHERE status = 'PENDING' AND expires_at > ? ORDER BY id")
        .param(Timestamp.from(clock.instant()))
        .query(REQUEST)
        .list();
  }

  /**
   * The latest decided requests, newest first.
   *
   * @param limit at most this many
   * @return the requests
   */
  public List<Request> decided(int limit) {
    return jdbc.sql(
            "SELECT * FROM staff_request WHERE status <> 'PENDING' ORDER BY id DESC"
                + " FETCH FIRST ? ROWS ONLY")
        .param(limit)
        .query(REQUEST)
        .list();
  }

  private void record(String loginId, Actor actor, String event, String outcome, String detail) {
    audit.record(
        new AuditLog.Subject(properties.staffServiceId(), loginId, null, null),
        actor,
        event,
        outcome,
        detail);
  }
}

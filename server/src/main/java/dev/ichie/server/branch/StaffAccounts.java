package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.PasswordHashing;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff accounts, separate from customers: Argon2id passwords with their own failure count and
 * lock. Their second factor is their own token in the staff OTP service. Thread-safe.
 */
@Service
public class StaffAccounts {

  /** The shape of a staff ID. */
  static final String LOGIN_ID_PATTERN = "[a-z0-9._-]{3,32}";

  static final Pattern LOGIN_ID = Pattern.compile(LOGIN_ID_PATTERN);

  private record Row(StaffMember member, String hash, boolean locked, boolean active) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final BranchProperties properties;
  private final Clock clock;
  private final PasswordHashing passwords;

  StaffAccounts(
      JdbcClient jdbc,
      TransactionTemplate tx,
      AuditLog audit,
      BranchProperties properties,
      PasswordHashing passwords,
      Clock clock) {
    this.passwords = passwords;
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  private Optional<Row> row(String loginId) {
    return jdbc.sql("SELECT * FROM staff WHERE login_id = ?")
        .param(loginId)
        .query(
            (rs, n) ->
                new Row(
                    new StaffMember(
                        rs.getString("login_id"),
                        rs.getString("name"),
                        StaffRole.valueOf(rs.getString("role")),
                        rs.getString("branch")),
                    rs.getString("password_hash"),
                    rs.getBoolean("locked"),
                    rs.getBoolean("active")))
        .optional();
  }

  /**
   * A staff member.
   *
   * @param loginId the login ID
   * @return the member, if the account exists and is active
   */
  public Optional<StaffMember> find(String loginId) {
    return row(loginId).filter(Row::active).map(Row::member);
  }

  /**
   * Every staff account, for the administrator.
   *
   * @return the members with their mail, lock and active flags
   */
  List<StaffView> all() {
    return jdbc.sql("SELECT * FROM staff ORDER BY role, login_id")
        .query(
            (rs, n) ->
                new StaffView(
                    rs.getString("login_id"),
                    rs.getString("name"),
                    StaffRole.valueOf(rs.getString("role")),
                    rs.getString("branch"),
                    rs.getString("mail"),
                    rs.getBoolean("locked"),
                    rs.getBoolean("active")))
        .list();
  }

  /** A staff account as the administrator sees it. */
  record StaffView(
      String loginId,
      String name,
      StaffRole role,
      String branch,
      String mail,
      boolean locked,
      boolean active) {}

  /**
   * Creates a staff account.
   *
   * @return true if created; false if the login ID is taken or malformed
   */
  boolean create(
      String loginId,
      String name,
      StaffRole role,
      String branch,
      String mail,
      String password,
      Actor actor) {
    if (!LOGIN_ID.matcher(loginId).matches()) {
      return false;
    }
    try {
      tx.executeWithoutResult(
          s -> {
            jdbc.sql(
                    """
                    INSERT INTO staff (login_id, name, role, branch, mail, password_hash,
                        created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                    loginId,
                    name,
                    role.name(),
                    branch,
                    mail,
                    passwords.encode(password),
                    Timestamp.from(clock.instant()))
                .update();
            record(actor, "STAFF_CREATED", "OK", loginId + " " + role);
          });
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * Unlocks a staff login locked after wrong passwords.
   *
   * @return true if it was locked
   */
  boolean unlock(String loginId, Actor actor) {
    return Boolean.TRUE.equals(
        tx.execute(
            s -> {
              int n =
                  jdbc.sql(
                          "UPDATE staff SET locked = FALSE, failures = 0, in_flight = 0"
                              + " WHERE login_id = ? AND locked = TRUE")
                      .param(loginId)
                      .update();
              if (n == 1) {
                record(actor, "STAFF_UNLOCKED", "OK", loginId);
              }
              return n == 1;
            }));
  }

  /**
   * The mail address of a staff member, where their token's download link goes.
   *
   * @param loginId the staff member
   * @return the address
   */
  Optional<String> mail(String loginId) {
    return jdbc.sql("SELECT mail FROM staff WHERE login_id = ?")
        .param(loginId)
        .query(String.class)
        .optional();
  }

  /**
   * Creates the first administrator, only while no active administrator exists, with a random
   * one-time password to be changed at first login.
   *
   * @param loginId the login ID
   * @param name the name
   * @param branch the branch
   * @param mail the mail address
   * @param actor who runs the bootstrap (the system, from the server's console)
   * @return the one-time password, or empty when an administrator exists or the ID is taken
   */
  Optional<String> bootstrapAdmin(
      String loginId, String name, String branch, String mail, Actor actor) {
    // Under the bootstrap row's lock: two runs at once, on any node, make one administrator.
    return tx.execute(
        s -> {
          jdbc.sql("SELECT id FROM staff_bootstrap WHERE id = 1 FOR UPDATE")
              .query(Integer.class)
              .single();
          long admins =
              jdbc.sql("SELECT COUNT(*) FROM staff WHERE role = 'ADMIN' AND active = TRUE")
                  .query(Long.class)
                  .single();
          if (admins > 0) {
            record(actor, "STAFF_BOOTSTRAP", "ADMIN_EXISTS", loginId);
            return Optional.empty();
          }
          // Checked first: a duplicate insert would end this transaction on PostgreSQL.
          boolean taken =
              !LOGIN_ID.matcher(loginId).matches()
                  || jdbc.sql("SELECT COUNT(*) FROM staff WHERE login_id = ?")
                          .param(loginId)
                          .query(Long.class)
                          .single()
                      > 0;
          byte[] b = new byte[12];
          new java.security.SecureRandom().nextBytes(b);
          String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
          if (taken || !create(loginId, name, StaffRole.ADMIN, branch, mail, password, actor)) {
            record(actor, "STAFF_BOOTSTRAP", "ID_TAKEN", loginId);
            return Optional.empty();
          }
          requirePasswordChange(loginId);
          record(actor, "STAFF_BOOTSTRAP", "OK", loginId);
          return Optional.of(password);
        });
  }

  /**
   * A staff account as a live session must see it on each request.
   *
   * @param active whether the account may be used
   * @param role its role now
   * @param mustChangePassword whether its password was given and not yet changed
   */
  record Standing(boolean active, StaffRole role, boolean mustChangePassword) {}

  /**
   * The account's standing now, in one lookup.
   *
   * @param loginId the login ID
   * @return it, if the account exists
   */
  Optional<Standing> standing(String loginId) {
    return jdbc.sql("SELECT active, role, password_must_change FROM staff WHERE login_id = ?")
        .param(loginId)
        .query(
            (rs, n) ->
                new Standing(
                    rs.getBoolean("active"),
                    StaffRole.valueOf(rs.getString("role")),
                    rs.getBoolean("password_must_change")))
        .optional();
  }

  /**
   * Demands that a staff member choose a new password at their next login.
   *
   * @param loginId the login ID
   */
  void requirePasswordChange(String loginId) {
    jdbc.sql("UPDATE staff SET password_must_change = TRUE WHERE login_id = ?")
        .param(loginId)
        .update();
  }

  /**
   * Whether the staff member must choose a new password before anything else.
   *
   * @param loginId the login ID
   * @return true if so
   */
  boolean mustChangePassword(String loginId) {
    return jdbc.sql("SELECT password_must_change FROM staff WHERE login_id = ?")
        .param(loginId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /**
   * Sets a staff member's own new password and clears the demand to change it.
   *
   * @param loginId the login ID
   * @param password the new password; only its hash is kept
   * @param actor the staff member
   */
  void changePassword(String loginId, String password, Actor actor) {
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  "UPDATE staff SET password_hash = ?, password_must_change = FALSE"
                      + " WHERE login_id = ?")
              .params(passwords.encode(password), loginId)
              .update();
          record(actor, "STAFF_PASSWORD_CHANGED", "OK", loginId);
        });
  }

  private void record(Actor actor, String event, String outcome) {
    record(actor, event, outcome, null);
  }

  private void record(Actor actor, String event, String outcome, String detail) {
    audit.record(
        new AuditLog.Subject(properties.staffServiceId(), actor.id(), null, null),
        actor,
        event,
        outcome,
        detail);
  }
}

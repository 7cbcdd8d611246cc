package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.PasswordHashing;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
   * Creates a staff account with a password known to its creator (the demo staff, the first
   * administrator).
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
    return create(loginId, name, role, branch, mail, () -> passwords.encode(password), actor);
  }

  /**
   * Creates a staff account.
   *
   * @param passwordHash the password's stored form, made only if the account is created (a demo
   *     member's published hash, or a new hash of a password)
   * @return true if created; false if the login ID is taken or malformed
   */
  boolean create(
      String loginId,
      String name,
      StaffRole role,
      String branch,
      String mail,
      Supplier<String> passwordHash,
      Actor actor) {
    if (!LOGIN_ID.matcher(loginId).matches() || find(loginId).isPresent()) {
      return false; // no hash is made for a member who exists; the key still settles a race
    }
    try {
      tx.executeWithoutResult(
          s -> insert(loginId, name, role, branch, mail, passwordHash.get(), false, actor));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /**
   * Inserts a staff account, in the caller's transaction.
   *
   * @param passwordHash the password's stored form
   * @param newcomer whether the password is a one-time one to be changed, and the member will issue
   *     their own token
   */
  void insert(
      String loginId,
      String name,
      StaffRole role,
      String branch,
      String mail,
      String passwordHash,
      boolean newcomer,
      Actor actor) {
    jdbc.sql(
            """
            INSERT INTO staff (login_id, name, role, branch, mail, password_hash, created_at,
                password_must_change, token_enrolment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            loginId,
            name,
            role.name(),
            branch,
            mail,
            passwordHash,
            Timestamp.from(clock.instant()),
            newcomer,
            newcomer)
        .update();
    record(loginId, actor, "STAFF_CREATED", "OK", role.name());
  }

  /**
   * Whether a staff ID is in use, by an active or a disabled account.
   *
   * @param loginId the ID
   * @return true if so
   */
  boolean exists(String loginId) {
    return jdbc.sql("SELECT COUNT(*) FROM staff WHERE login_id = ?")
            .param(loginId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Gives a staff member another role; their live sessions end at their next request.
   *
   * @return true if the role changed
   */
  boolean changeRole(String loginId, StaffRole role) {
    return jdbc.sql("UPDATE staff SET role = ? WHERE login_id = ? AND role <> ?")
            .params(role.name(), loginId, role.name())
            .update()
        == 1;
  }

  /**
   * Disables or enables a staff account; a disabled member's live sessions end at their next
   * request.
   *
   * @return true if it changed
   */
  boolean setActive(String loginId, boolean active) {
    return jdbc.sql("UPDATE staff SET active = ? WHERE login_id = ? AND active = ?")
            .params(active, loginId, !active)
            .update()
        == 1;
  }

  /**
   * Replaces a staff member's password with a one-time one, to be changed at their next login; the
   * login's lock and failures are cleared.
   *
   * @param passwordHash its stored form
   * @return true if the account exists
   */
  boolean resetPassword(String loginId, String passwordHash) {
    return jdbc.sql(
                """
                UPDATE staff SET password_hash = ?, password_must_change = TRUE, failures = 0,
                    in_flight = 0, locked = FALSE WHERE login_id = ?""")
            .params(passwordHash, loginId)
            .update()
        == 1;
  }

  /**
   * Lets a staff member issue their own token once.
   *
   * @param loginId the staff member
   */
  void allowEnrolment(String loginId) {
    jdbc.sql("UPDATE staff SET token_enrolment = TRUE WHERE login_id = ?").param(loginId).update();
  }

  /**
   * Takes the one permission to issue one's own token: of two at once, one gets it.
   *
   * @param loginId the staff member
   * @return true if it was there, and is now spent
   */
  boolean takeEnrolment(String loginId) {
    return jdbc.sql(
                "UPDATE staff SET token_enrolment = FALSE"
                    + " WHERE login_id = ? AND token_enrolment = TRUE AND active = TRUE")
            .param(loginId)
            .update()
        == 1;
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
                record(loginId, actor, "STAFF_UNLOCKED", "OK", null);
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
            record(loginId, actor, "STAFF_BOOTSTRAP", "ADMIN_EXISTS", null);
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
            record(loginId, actor, "STAFF_BOOTSTRAP", "ID_TAKEN", null);
            return Optional.empty();
          }
          requirePasswordChange(loginId);
          record(loginId, actor, "STAFF_BOOTSTRAP", "OK", null);
          return Optional.of(password);
        });
  }

  /**
   * A staff account as a live session must see it on each request.
   *
   * @param active whether the account may be used
   * @param role its role now
   * @param mustChangePassword whether its password was given and not yet changed
   * @param tokenEnrolment whether the member may issue their own token
   */
  record Standing(
      boolean active, StaffRole role, boolean mustChangePassword, boolean tokenEnrolment) {}

  /**
   * The account's standing now, in one lookup.
   *
   * @param loginId the login ID
   * @return it, if the account exists
   */
  Optional<Standing> standing(String loginId) {
    return jdbc.sql(
            "SELECT active, role, password_must_change, token_enrolment FROM staff"
                + " WHERE login_id = ?")
        .param(loginId)
        .query(
            (rs, n) ->
                new Standing(
                    rs.getBoolean("active"),
                    StaffRole.valueOf(rs.getString("role")),
                    rs.getBoolean("password_must_change"),
                    rs.getBoolean("token_enrolment")))
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
          record(loginId, actor, "STAFF_PASSWORD_CHANGED", "OK", null);
        });
  }

  /** Records an event about a staff account (an ID of another shape, under the actor's). */
  private void record(String loginId, Actor actor, String event, String outcome, String detail) {
    boolean shaped = loginId != null && LOGIN_ID.matcher(loginId).matches();
    audit.record(
        new AuditLog.Subject(
            properties.staffServiceId(), shaped ? loginId : actor.id(), null, null),
        actor,
        event,
        outcome,
        shaped ? detail : detail == null ? "staff ID of another shape" : detail);
  }
}

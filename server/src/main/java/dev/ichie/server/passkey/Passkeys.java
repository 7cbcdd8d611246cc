package dev.ichie.server.passkey;

import dev.ichie.server.factor.Subject;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The passkey credentials: the credential row of kind PASSKEY with its detail, and the customers'
 * WebAuthn user handles. Thread-safe.
 */
@Component
final class Passkeys {

  /**
   * A stored passkey.
   *
   * @param id its credential row's id
   * @param customerRef whose
   * @param credentialId the WebAuthn credential ID, base64url
   * @param attested its attested credential data
   * @param signCount the last signature counter
   * @param backupEligible whether it may be synced
   * @param backupState whether it is synced
   * @param uvInitialized whether user verification was set up
   * @param state ACTIVE, LOCKED or REMOVED
   */
  record Row(
      String id,
      String customerRef,
      String credentialId,
      byte[] attested,
      long signCount,
      boolean backupEligible,
      boolean backupState,
      boolean uvInitialized,
      String state) {}

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  Passkeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The customer's id, or empty when the service does not know them yet. */
  Optional<Long> customerId(String serviceId, String customerRef) {
    return jdbc.sql("SELECT id FROM customer WHERE service_id = ? AND customer_ref = ?")
        .params(serviceId, customerRef)
        .query(Long.class)
        .optional();
  }

  /** The customer's WebAuthn user handle, made on first use (32 random bytes). */
  byte[] userHandle(long customerId) {
    byte[] existing =
        jdbc.sql("SELECT user_handle FROM customer WHERE id = ?")
            .param(customerId)
            .query(byte[].class)
            .optional()
            .orElse(null);
    if (existing != null) {
      return existing;
    }
    byte[] fresh = new byte[32];
    random.nextBytes(fresh);
    jdbc.sql("UPDATE customer SET user_handle = ? WHERE id = ? AND user_handle IS NULL")
        .params(fresh, customerId)
        .update();
    return jdbc.sql("SELECT user_handle FROM customer WHERE id = ?")
        .param(customerId)
        .query(byte[].class)
        .single();
  }

  /** The WebAuthn credential IDs of the customer's passkeys that have not been removed. */
  List<String> credentialIds(String serviceId, String customerRef) {
    return jdbc.sql(
            """
            SELECT p.credential_id FROM passkey p JOIN credential cr ON cr.id = p.id
            JOIN customer c ON c.id = cr.customer_id
            WHERE c.service_id = ? AND c.customer_ref = ? AND cr.ended_at IS NULL""")
        .params(serviceId, customerRef)
        .query(String.class)
        .list();
  }

  /** The customer's passkeys that have not been removed, oldest first. */
  List<PasskeyCeremonies.PasskeyView> list(String serviceId, String customerRef) {
    return jdbc.sql(
            """
            SELECT cr.id, cr.label, cr.state, cr.created_at, cr.last_used_at, p.backup_state
            FROM passkey p JOIN credential cr ON cr.id = p.id
            JOIN customer c ON c.id = cr.customer_id
            WHERE c.service_id = ? AND c.customer_ref = ? AND cr.ended_at IS NULL
            ORDER BY cr.created_at, cr.id""")
        .params(serviceId, customerRef)
        .query(
            (rs, n) ->
                new PasskeyCeremonies.PasskeyView(
                    rs.getString("id"),
                    rs.getString("label"),
                    rs.getString("state"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("last_used_at") == null
                        ? null
                        : rs.getTimestamp("last_used_at").toInstant(),
                    rs.getBoolean("backup_state")))
        .list();
  }

  Optional<Row> byCredentialId(String serviceId, String credentialId) {
    return jdbc.sql(
            """
            SELECT p.*, cr.state, c.customer_ref FROM passkey p JOIN credential cr ON cr.id = p.id
            JOIN customer c ON c.id = cr.customer_id
            WHERE p.service_id = ? AND p.credential_id = ?""")
        .params(serviceId, credentialId)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("id"),
                    rs.getString("customer_ref"),
                    rs.getString("credential_id"),
                    rs.getBytes("attested"),
                    rs.getLong("sign_count"),
                    rs.getBoolean("backup_eligible"),
                    rs.getBoolean("backup_state"),
                    rs.getBoolean("uv_initialized"),
                    rs.getString("state")))
        .optional();
  }

  void insert(
      String id,
      String serviceId,
      long customerId,
      String label,
      String credentialId,
      byte[] attested,
      long signCount,
      String aaguid,
      boolean backupEligible,
      boolean backupState,
      String transports,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO credential (id, service_id, customer_id, kind, state, label, created_at)
            VALUES (?, ?, ?, 'PASSKEY', 'ACTIVE', ?, ?)""")
        .params(id, serviceId, customerId, label, Timestamp.from(now))
        .update();
    jdbc.sql(
            """
            INSERT INTO passkey (id, service_id, credential_id, attested, sign_count, aaguid,
                backup_eligible, backup_state, uv_initialized, transports)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
        .params(
            id,
            serviceId,
            credentialId,
            attested,
            signCount,
            aaguid,
            backupEligible,
            backupState,
            transports)
        .update();
  }

  /**
   * Records a use: the counter only ever grows (two assertions at once may settle in either order),
   * the backup state, and the last use, if the passkey is still usable.
   */
  boolean used(String id, long signCount, boolean backupState, Instant now) {
    jdbc.sql(
            "UPDATE passkey SET sign_count = CASE WHEN sign_count < ? THEN ? ELSE sign_count END,"
                + " backup_state = ? WHERE id = ?")
        .params(signCount, signCount, backupState, id)
        .update();
    return jdbc.sql("UPDATE credential SET last_used_at = ? WHERE id = ? AND state = 'ACTIVE'")
            .params(Timestamp.from(now), id)
            .update()
        == 1;
  }

  /**
   * A passkey not removed yet.
   *
   * @param id its credential id
   * @param label its name
   * @param state ACTIVE or LOCKED
   */
  record Live(String id, String label, String state) {}

  /** Locks the customer's row for the transaction: removals of their passkeys go one at a time. */
  Optional<Long> lockCustomer(Subject subject) {
    return jdbc.sql("SELECT id FROM customer WHERE service_id = ? AND customer_ref = ? FOR UPDATE")
        .params(subject.serviceId(), subject.customerRef())
        .query(Long.class)
        .optional();
  }

  /** The customer's passkeys that have not been removed. */
  List<Live> live(long customerId) {
    return jdbc.sql(
            """
            SELECT id, label, state FROM credential
            WHERE customer_id = ? AND kind = 'PASSKEY' AND ended_at IS NULL ORDER BY created_at""")
        .param(customerId)
        .query(
            (rs, n) -> new Live(rs.getString("id"), rs.getString("label"), rs.getString("state")))
        .list();
  }

  /** Ends a passkey: it no longer counts, and no assertion of it is accepted. */
  void end(String id, Instant now) {
    jdbc.sql(
            "UPDATE credential SET state = 'REMOVED', ended_at = ? WHERE id = ?"
                + " AND ended_at IS NULL")
        .params(Timestamp.from(now), id)
        .update();
  }

  /** Renames one of the customer's passkeys that is not removed. */
  boolean rename(Subject subject, String id, String label) {
    return jdbc.sql(
                """
                UPDATE credential SET label = ? WHERE id = ? AND kind = 'PASSKEY'
                  AND ended_at IS NULL AND customer_id = (SELECT c.id FROM customer c
                      WHERE c.service_id = ? AND c.customer_ref = ?)""")
            .params(label, id, subject.serviceId(), subject.customerRef())
            .update()
        == 1;
  }

  /** The user handle of a customer, or null when they have none yet. */
  byte[] userHandleOf(String serviceId, String customerRef) {
    return jdbc.sql("SELECT user_handle FROM customer WHERE service_id = ? AND customer_ref = ?")
        .params(serviceId, customerRef)
        .query(byte[].class)
        .optional()
        .orElse(null);
  }

  /** The label of a passkey. */
  String label(String id) {
    return jdbc.sql("SELECT label FROM credential WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .orElse("passkey");
  }

  /** Locks a passkey (a counter that went back: possibly a clone). */
  boolean lock(String id) {
    return jdbc.sql("UPDATE credential SET state = 'LOCKED' WHERE id = ? AND state = 'ACTIVE'")
            .param(id)
            .update()
        == 1;
  }
}

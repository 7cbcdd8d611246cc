package dev.ichie.server.token;

import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.Database;
import dev.ichie.server.vault.Reencryption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The token and customer tables. Only the token feature uses it; every state change is a
 * conditional update on the state it expects, so that concurrent requests on several nodes cannot
 * both win.
 */
@Repository
class TokenRepository {

  private static final String SELECT =
      """
      SELECT t.*, c.customer_ref, c.user_id FROM token t JOIN customer c ON c.id = t.customer_id
      """;

  private static final RowMapper<TokenRow> TOKEN =
      (rs, n) ->
          new TokenRow(
              rs.getString("id"),
              rs.getLong("customer_id"),
              rs.getString("service_id"),
              rs.getString("customer_ref"),
              rs.getString("user_id"),
              TokenState.valueOf(rs.getString("state")),
              rs.getString("algorithm"),
              rs.getInt("digits"),
              rs.getInt("period_seconds"),
              rs.getString("mobile_mail"),
              rs.getBytes("srp_salt"),
              rs.getBytes("srp_verifier"),
              rs.getObject("srp_key_version", Integer.class),
              rs.getInt("activation_attempts_left"),
              instant(rs, "issued_at"),
              instant(rs, "expires_at"),
              rs.getBytes("secret_ciphertext"),
              rs.getObject("secret_key_version", Integer.class),
              rs.getString("credential_id"),
              rs.getString("device_label"),
              instant(rs, "started_at"),
              instant(rs, "last_used_at"),
              rs.getInt("drift"),
              rs.getLong("last_step"),
              rs.getInt("failure_count"));

  private static final RowMapper<CustomerRow> CUSTOMER =
      (rs, n) ->
          new CustomerRow(
              rs.getLong("id"),
              rs.getString("service_id"),
              rs.getString("customer_ref"),
              rs.getString("user_id"),
              instant(rs, "reissue_not_before"));

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final Database database;

  TokenRepository(JdbcClient jdbc, JdbcTemplate batches, Database database) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.database = database;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  Optional<CustomerRow> findCustomer(String serviceId, String customerRef) {
    return jdbc.sql("SELECT * FROM customer WHERE service_id = ? AND customer_ref = ?")
        .params(serviceId, customerRef)
        .query(CUSTOMER)
        .optional();
  }

  Optional<CustomerRow> findCustomerByUserId(String serviceId, String userId) {
    return jdbc.sql("SELECT * FROM customer WHERE service_id = ? AND user_id = ?")
        .params(serviceId, userId)
        .query(CUSTOMER)
        .optional();
  }

  boolean userIdTaken(String serviceId, String userId) {
    return jdbc.sql("SELECT COUNT(*) FROM customer WHERE service_id = ? AND user_id = ?")
            .params(serviceId, userId)
            .query(Long.class)
            .single()
        > 0;
  }

  void insertCustomer(String serviceId, String customerRef, String userId, Instant now) {
    jdbc.sql(
            """
            INSERT INTO customer (service_id, customer_ref, user_id, created_at)
            VALUES (?, ?, ?, ?)""")
        .params(serviceId, customerRef, userId, ts(now))
        .update();
  }

  void setReissueNotBefore(long customerId, Instant notBefore) {
    jdbc.sql("UPDATE customer SET reissue_not_before = ? WHERE id = ?")
        .params(ts(notBefore), customerId)
        .update();
  }

  /**
   * Customers of a service whose user ID is, or whose tokens' mobile mail address was, the text.
   */
  List<String> customerRefsByUserIdOrMail(String serviceId, String text, int limit) {
    return jdbc.sql(
            """
            SELECT DISTINCT c.customer_ref FROM customer c LEFT JOIN token t ON t.customer_id = c.id
            WHERE c.service_id = ? AND (c.user_id = ? OR LOWER(t.mobile_mail) = LOWER(?))
            ORDER BY c.customer_ref FETCH FIRST ? ROWS ONLY""")
        .params(serviceId, text, text, limit)
        .query(String.class)
        .list();
  }

  /** The mobile mail address of the customer's newest token, if any. */
  Optional<String> latestMobileMail(String serviceId, String customerRef) {
    return jdbc.sql(
            """
            SELECT t.mobile_mail FROM token t JOIN customer c ON c.id = t.customer_id
            WHERE c.service_id = ? AND c.customer_ref = ?
            ORDER BY t.issued_at DESC FETCH FIRST 1 ROWS ONLY""")
        .params(serviceId, customerRef)
        .query(String.class)
        .optional();
  }

  /** The customer's mobile mail addresses, each once, newest first. */
  List<String> mailAddresses(String serviceId, String customerRef, int limit) {
    return jdbc.sql(
            """
            SELECT MIN(t.mobile_mail) FROM token t JOIN customer c ON c.id = t.customer_id
            WHERE c.service_id = ? AND c.customer_ref = ?
            GROUP BY LOWER(t.mobile_mail) ORDER BY MAX(t.issued_at) DESC FETCH FIRST ? ROWS ONLY""")
        .params(serviceId, customerRef, limit)
        .query(String.class)
        .list();
  }

  /** The customer's token that has not ended, if any. */
  Optional<TokenRow> findOpen(String serviceId, String customerRef) {
    return jdbc.sql(
            SELECT + " WHERE c.service_id = ? AND c.customer_ref = ? AND t.open_customer_id = c.id")
        .params(serviceId, customerRef)
        .query(TOKEN)
        .optional();
  }

  Optional<TokenRow> findOpenByUserId(String serviceId, String userId) {
    return jdbc.sql(
            SELECT + " WHERE c.service_id = ? AND c.user_id = ? AND t.open_customer_id = c.id")
        .params(serviceId, userId)
        .query(TOKEN)
        .optional();
  }

  Optional<TokenRow> findById(String tokenId) {
    return jdbc.sql(SELECT + " WHERE t.id = ?").params(tokenId).query(TOKEN).optional();
  }

  List<String> findIssuedExpiredBefore(Instant now, int limit) {
    return jdbc.sql(
            "SELECT id FROM token WHERE state = 'ISSUED' AND expires_at <= ? FETCH FIRST ? ROWS ONLY")
        .params(ts(now), limit)
        .query(String.class)
        .list();
  }

  void insert(
      String id,
      long customerId,
      String serviceId,
      String algorithm,
      int digits,
      int periodSeconds,
      String mobileMail,
      byte[] salt,
      byte[] sealedVerifier,
      int verifierKeyVersion,
      int attempts,
      Instant issuedAt,
      Instant expiresAt) {
    jdbc.sql(
            """
            INSERT INTO credential (id, service_id, customer_id, kind, state, created_at)
            VALUES (?, ?, ?, 'TOTP_TOKEN', 'ISSUED', ?)""")
        .params(id, serviceId, customerId, ts(issuedAt))
        .update();
    jdbc.sql(
            """
            INSERT INTO token (id, customer_id, open_customer_id, service_id, state, algorithm,
                digits, period_seconds, mobile_mail, srp_salt, srp_verifier, srp_key_version,
                activation_attempts_left, issued_at, expires_at)
            VALUES (?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            id,
            customerId,
            customerId,
            serviceId,
            algorithm,
            digits,
            periodSeconds,
            mobileMail,
            salt,
            sealedVerifier,
            verifierKeyVersion,
            attempts,
            ts(issuedAt),
            ts(expiresAt))
        .update();
  }

  /**
   * Moves a token from one state to another, if it is still in the first.
   *
   * @return true if this call moved it
   */
  boolean transition(String id, TokenState from, TokenState to, Instant now) {
    String ended = to.ended() ? ", open_customer_id = NULL, ended_at = ?" : "";
    String sql = "UPDATE token SET state = ?" + ended + " WHERE id = ? AND state = ?";
    JdbcClient.StatementSpec spec = jdbc.sql(sql).param(to.name());
    if (to.ended()) {
      spec = spec.param(ts(now));
    }
    return synced(id, spec.param(id).param(from.name()).update() == 1);
  }

  /**
   * Copies a token's state, label and times to its credential row, in the caller's transaction.
   *
   * @return {@code changed}
   */
  private boolean synced(String id, boolean changed) {
    if (changed) {
      jdbc.sql(
              """
              UPDATE credential SET state = (SELECT state FROM token WHERE id = ?),
                  label = (SELECT device_label FROM token WHERE id = ?),
                  last_used_at = (SELECT last_used_at FROM token WHERE id = ?),
                  ended_at = (SELECT ended_at FROM token WHERE id = ?)
              WHERE id = ?""")
          .params(id, id, id, id, id)
          .update();
      // The token's device key stands and ends with it (a lost phone is a revoked token).
      jdbc.sql(
              """
              UPDATE credential SET
                  state = CASE (SELECT state FROM token WHERE id = ?)
                      WHEN 'ACTIVE' THEN 'ACTIVE' WHEN 'LOCKED' THEN 'LOCKED'
                      WHEN 'ACTIVATED' THEN 'ACTIVATED' ELSE 'ENDED' END,
                  ended_at = (SELECT ended_at FROM token WHERE id = ?)
              WHERE id IN (SELECT d.id FROM device_key d WHERE d.token_id = ?)""")
          .params(id, id, id)
          .update();
    }
    return changed;
  }

  /** Takes one activation attempt off an issuance still ISSUED with attempts left. */
  boolean takeActivationAttempt(String id, Instant now) {
    return jdbc.sql(
                """
                UPDATE token SET activation_attempts_left = activation_attempts_left - 1
                WHERE id = ? AND state = 'ISSUED' AND activation_attempts_left > 0
                AND expires_at > ?""")
            .params(id, ts(now))
            .update()
        == 1;
  }

  int activationAttemptsLeft(String id) {
    return jdbc.sql("SELECT activation_attempts_left FROM token WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .single();
  }

  boolean activate(
      String id,
      byte[] ciphertext,
      int keyVersion,
      String credentialId,
      String deviceLabel,
      Instant now) {
    return synced(
        id,
        jdbc.sql(
                    """
                UPDATE token SET state = 'ACTIVATED', secret_ciphertext = ?,
                    secret_key_version = ?, credential_id = ?, device_label = ?,
                    activated_at = ?, srp_salt = NULL, srp_verifier = NULL, srp_key_version = NULL
                WHERE id = ? AND state = 'ISSUED'""")
                .params(ciphertext, keyVersion, credentialId, deviceLabel, ts(now), id)
                .update()
            == 1);
  }

  /**
   * Records an accepted code: the one atomic check-and-set that refuses replays. Succeeds only if
   * the token is still in {@code expected} and its last accepted step is below {@code step}.
   */
  boolean acceptStep(
      String id, TokenState expected, TokenState next, long step, long drift, Instant now) {
    List<Object> params = new ArrayList<>();
    String sql = acceptStepSql(id, expected, next, step, drift, now, params);
    boolean accepted = jdbc.sql(sql).params(params).update() == 1;
    // The credential row follows state changes; a code of a token in use changes only its detail.
    return expected == next ? accepted : synced(id, accepted);
  }

  /**
   * Whether this database is PostgreSQL, whose {@code UPDATE … RETURNING} and {@code WITH} over an
   * {@code UPDATE} let a code check take fewer round trips.
   */
  boolean postgres() {
    return database.postgres();
  }

  /**
   * Takes a code check: the customer's open token, if it is in {@code expected} with fewer than
   * {@code limit} wrong codes, read and locked until the caller's transaction ends. Checks of one
   * token so run one after another, on any node, and none starts once the limit is reached.
   *
   * @return the token; empty if there is none in {@code expected} below the limit
   */
  /** {@link #lockForCheck} of one token by its id, while it is open. */
  Optional<TokenRow> lockForCheckById(String tokenId, TokenState expected, int limit) {
    return jdbc.sql(
            """
            SELECT t.*,
              (SELECT customer_ref FROM customer WHERE id = t.customer_id) AS customer_ref,
              (SELECT user_id FROM customer WHERE id = t.customer_id) AS user_id
            FROM token t
            WHERE t.id = ? AND t.open_customer_id = t.customer_id
              AND t.state = ? AND t.failure_count < ?
            FOR UPDATE""")
        .params(tokenId, expected.name(), limit)
        .query(TOKEN)
        .optional();
  }

  Optional<TokenRow> lockForCheck(
      String serviceId, String customerRef, TokenState expected, int limit) {
    return jdbc.sql(
            """
            SELECT t.*,
              (SELECT customer_ref FROM customer WHERE id = t.customer_id) AS customer_ref,
              (SELECT user_id FROM customer WHERE id = t.customer_id) AS user_id
            FROM token t
            WHERE t.open_customer_id =
                (SELECT id FROM customer WHERE service_id = ? AND customer_ref = ?)
              AND t.state = ? AND t.failure_count < ?
            FOR UPDATE""")
        .params(serviceId, customerRef, expected.name(), limit)
        .query(TOKEN)
        .optional();
  }

  /**
   * {@link #acceptStep} of a token in use and its audit record in one statement: {@code WITH
   * accepted AS (UPDATE … RETURNING id) INSERT INTO audit_event … SELECT … FROM accepted}; the
   * record is written exactly when the step is accepted. PostgreSQL only.
   *
   * @param record the audit record, from {@code AuditLog.insertFrom("accepted", …)}
   * @return true if this call accepted the step
   */
  boolean acceptStepRecorded(
      String id, long step, long drift, Instant now, AuditLog.Insert record) {
    List<Object> params = new ArrayList<>();
    String update =
        acceptStepSql(id, TokenState.ACTIVE, TokenState.ACTIVE, step, drift, now, params);
    params.addAll(record.params());
    return jdbc.sql("WITH accepted AS (" + update + " RETURNING id) " + record.sql())
            .params(params)
            .update()
        == 1;
  }

  private static String acceptStepSql(
      String id,
      TokenState expected,
      TokenState next,
      long step,
      long drift,
      Instant now,
      List<Object> params) {
    boolean starts = expected == TokenState.ACTIVATED;
    params.addAll(List.of(step, drift, ts(now), next.name()));
    if (starts) {
      params.add(ts(now));
    }
    params.addAll(List.of(id, expected.name(), step));
    return "UPDATE token SET last_step = ?, drift = ?, failure_count = 0, last_used_at = ?,"
        + " state = ?"
        + (starts ? ", started_at = ?" : "")
        + " WHERE id = ? AND state = ? AND last_step < ?";
  }

  /**
   * Counts one wrong code; the token locks when the count reaches {@code limit}.
   *
   * @return true if the count was taken (the token was still in {@code expected})
   */
  boolean countFailure(String id, TokenState expected, int limit) {
    return synced(
        id,
        jdbc.sql(
                    """
                UPDATE token SET failure_count = failure_count + 1,
                    state = CASE WHEN failure_count + 1 >= ? THEN 'LOCKED' ELSE state END
                WHERE id = ? AND state = ?""")
                .params(limit, id, expected.name())
                .update()
            == 1);
  }

  Optional<TokenState> state(String id) {
    return jdbc.sql("SELECT state FROM token WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .map(TokenState::valueOf);
  }

  boolean revoke(String id, TokenState from, Instant now) {
    return synced(
        id,
        jdbc.sql(
                    """
                UPDATE token SET state = 'REVOKED', open_customer_id = NULL, ended_at = ?,
                    secret_ciphertext = NULL, secret_key_version = NULL,
                    srp_salt = NULL, srp_verifier = NULL, srp_key_version = NULL
                WHERE id = ? AND state = ?""")
                .params(ts(now), id, from.name())
                .update()
            == 1);
  }

  boolean unlock(String id, TokenState to) {
    return synced(
        id,
        jdbc.sql("UPDATE token SET state = ?, failure_count = 0 WHERE id = ? AND state = 'LOCKED'")
                .params(to.name(), id)
                .update()
            == 1);
  }

  /** Rows sealed under a key version older than {@code current}. */
  List<Reencryption.SealedRow> sealedBefore(int current, String afterId, int limit) {
    return sealedBefore("secret_ciphertext", "secret_key_version", current, afterId, limit);
  }

  boolean replaceSealed(String id, int oldVersion, byte[] ciphertext, int newVersion) {
    return replaceSealed(
        "secret_ciphertext", "secret_key_version", id, oldVersion, ciphertext, newVersion);
  }

  List<Reencryption.SealedRow> verifiersSealedBefore(int current, String afterId, int limit) {
    return sealedBefore("srp_verifier", "srp_key_version", current, afterId, limit);
  }

  boolean replaceSealedVerifier(String id, int oldVersion, byte[] ciphertext, int newVersion) {
    return replaceSealed("srp_verifier", "srp_key_version", id, oldVersion, ciphertext, newVersion);
  }

  /**
   * The token's values sealed in one column (with its key version in another) under an older key.
   */
  private List<Reencryption.SealedRow> sealedBefore(
      String value, String version, int current, String afterId, int limit) {
    return jdbc.sql(
            "SELECT id, %1$s, %2$s FROM token WHERE %1$s IS NOT NULL AND %2$s < ? AND id > ?"
                    .formatted(value, version)
                + " ORDER BY id FETCH FIRST ? ROWS ONLY")
        .params(current, afterId, limit)
        .query(
            (rs, n) ->
                new Reencryption.SealedRow(
                    rs.getString("id"), rs.getBytes(value), rs.getInt(version)))
        .list();
  }

  private boolean replaceSealed(
      String value, String version, String id, int oldVersion, byte[] ciphertext, int newVersion) {
    return jdbc.sql(
                "UPDATE token SET %1$s = ?, %2$s = ? WHERE id = ? AND %2$s = ?"
                    .formatted(value, version))
            .params(ciphertext, newVersion, id, oldVersion)
            .update()
        == 1;
  }

  long countCustomersWithPrefix(String serviceId, String prefix) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM customer WHERE service_id = ? AND customer_ref LIKE ? ESCAPE '!'")
        .params(serviceId, prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%")
        .query(Long.class)
        .single();
  }

  List<String> userIds(String serviceId) {
    return jdbc.sql("SELECT user_id FROM customer WHERE service_id = ?")
        .param(serviceId)
        .query(String.class)
        .list();
  }

  /**
   * Customers with an ACTIVE token each, in batches, in the caller's transaction: the customer,
   * credential and token rows that issuance, activation and the start of use would have written.
   */
  void insertActiveBatch(
      String serviceId,
      String algorithm,
      int digits,
      int periodSeconds,
      int attemptsLeft,
      Instant now,
      Instant expires,
      List<TokenBatches.Seed> seeds) {
    Timestamp at = ts(now);
    batches.batchUpdate(
        "INSERT INTO customer (service_id, customer_ref, user_id, created_at) VALUES (?, ?, ?, ?)",
        seeds.stream()
            .map(x -> new Object[] {serviceId, x.customerRef(), x.userId(), at})
            .toList());
    java.util.Map<String, Long> ids = new java.util.HashMap<>();
    java.util.List<String> refs =
        seeds.stream().map(TokenBatches.Seed::customerRef).sorted().toList();
    batches.query(
        "SELECT id, customer_ref FROM customer"
            + " WHERE service_id = ? AND customer_ref >= ? AND customer_ref <= ?",
        rs -> {
          ids.put(rs.getString(2), rs.getLong(1));
        },
        serviceId,
        refs.get(0),
        refs.get(refs.size() - 1));
    for (String ref : refs) {
      if (!ids.containsKey(ref)) {
        throw new IllegalStateException("customer " + ref + " was not stored");
      }
    }
    batches.batchUpdate(
        "INSERT INTO credential (id, service_id, customer_id, kind, state, label, created_at,"
            + " last_used_at) VALUES (?, ?, ?, 'TOTP_TOKEN', 'ACTIVE', 'load test', ?, ?)",
        seeds.stream()
            .map(x -> new Object[] {x.tokenId(), serviceId, ids.get(x.customerRef()), at, at})
            .toList());
    batches.batchUpdate(
        """
        INSERT INTO token (id, customer_id, open_customer_id, service_id, state, algorithm,
            digits, period_seconds, mobile_mail, activation_attempts_left, issued_at,
            expires_at, secret_ciphertext, secret_key_version, credential_id, device_label,
            activated_at, started_at, drift, last_step, failure_count)
        VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 'load-test@example.invalid', ?, ?, ?, ?, ?,
            'load-test', 'load test', ?, ?, 0, -1, 0)""",
        seeds.stream()
            .map(
                x ->
                    new Object[] {
                      x.tokenId(),
                      ids.get(x.customerRef()),
                      ids.get(x.customerRef()),
                      serviceId,
                      algorithm,
                      digits,
                      periodSeconds,
                      attemptsLeft,
                      at,
                      ts(expires),
                      x.ciphertext(),
                      x.keyVersion(),
                      at,
                      at
                    })
            .toList());
  }
}

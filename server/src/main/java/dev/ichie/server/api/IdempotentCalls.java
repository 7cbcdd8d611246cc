package dev.ichie.server.api;

import dev.ichie.server.system.Database;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The stored answers of calls sent with an {@code Idempotency-Key}, per API client. A call claims
 * its key inside its own transaction, so that the claim, the call's changes and its answer are
 * committed together or not at all. Thread-safe.
 */
@Component
final class IdempotentCalls {

  /** An answer as first given. */
  record Answer(int status, String contentType, String body) {}

  /** What a claim found. */
  sealed interface Claim {
    /** The key is new: the call runs, and its answer is kept with {@link #keep}. */
    record Claimed() implements Claim {}

    /** The key was used for the same request: its first answer. */
    record Repeat(Answer answer) implements Claim {}

    /** The key was used for another request. */
    record Conflict() implements Claim {}

    /** The key's first call is still running, or ended without an answer to keep. */
    record Unsettled() implements Claim {}
  }

  private final JdbcClient jdbc;
  private final Database database;
  private final Clock clock;
  private final Duration retention;

  IdempotentCalls(
      JdbcClient jdbc,
      Database database,
      Clock clock,
      @Value("${ichie.api.idempotency-retention:24h}") Duration retention) {
    this.jdbc = jdbc;
    this.database = database;
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Claims a key for a request, in the caller's transaction. A concurrent claim of the same key on
   * any node waits for that transaction to end (PostgreSQL), then finds its answer.
   *
   * @param scope the API client's scope
   * @param key the client's key
   * @param fingerprint the request's hash (method, path and body)
   * @return the claim
   */
  Claim claim(String scope, String key, String fingerprint) {
    Timestamp now = Timestamp.from(clock.instant());
    // PostgreSQL waits for a concurrent claim's transaction and then inserts nothing; H2 says
    // the key exists.
    String sql =
        "INSERT INTO idempotent_call (scope, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?)"
            + (database.postgres() ? " ON CONFLICT (scope, idem_key) DO NOTHING" : "");
    boolean claimed;
    try {
      claimed = jdbc.sql(sql).params(scope, key, fingerprint, now).update() == 1;
    } catch (DuplicateKeyException e) {
      claimed = false;
    }
    if (claimed) {
      return new Claim.Claimed();
    }
    record Row(String fingerprint, Integer status, String contentType, String body) {}
    Optional<Row> row =
        jdbc.sql(
                "SELECT fingerprint, status, content_type, body FROM idempotent_call"
                    + " WHERE scope = ? AND idem_key = ?")
            .params(scope, key)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString(1),
                        (Integer) rs.getObject(2),
                        rs.getString(3),
                        rs.getString(4)))
            .optional();
    if (row.isEmpty() || row.get().status() == null) {
      return new Claim.Unsettled();
    }
    if (!row.get().fingerprint().equals(fingerprint)) {
      return new Claim.Conflict();
    }
    return new Claim.Repeat(
        new Answer(row.get().status(), row.get().contentType(), row.get().body()));
  }

  /**
   * Keeps the answer of a claimed key, in the call's transaction.
   *
   * @param scope the API client's scope
   * @param key the client's key
   * @param answer the answer given
   */
  void keep(String scope, String key, Answer answer) {
    jdbc.sql(
            "UPDATE idempotent_call SET status = ?, content_type = ?, body = ?"
                + " WHERE scope = ? AND idem_key = ?")
        .params(answer.status(), answer.contentType(), answer.body(), scope, key)
        .update();
  }

  /** Forgets answers older than the retention (24 h by default). */
  @Scheduled(fixedDelayString = "${ichie.jobs.idempotency-cleanup-interval:10m}")
  void cleanUp() {
    jdbc.sql("DELETE FROM idempotent_call WHERE created_at < ?")
        .param(Timestamp.from(clock.instant().minus(retention)))
        .update();
  }
}

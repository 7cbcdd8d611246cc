package dev.ichie.server.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fixed-window rate limits kept in the database, so that every server node counts the same hits.
 * Every hit is one upsert statement (on PostgreSQL {@code INSERT … ON CONFLICT DO UPDATE}, on H2 a
 * {@code MERGE}), so that concurrent hits on any node neither fail nor pass a limit together.
 * Thread-safe.
 */
@Component
public class RateLimiter {

  private static final String PG_UPSERT =
      "INSERT INTO rate_limit (bucket, window_start, hits) VALUES (?, ?, 1)"
          + " ON CONFLICT (bucket) DO UPDATE SET hits = rate_limit.hits + 1";
  private static final String H2_UPSERT =
      "MERGE INTO rate_limit t USING (VALUES (CAST(? AS VARCHAR(200)),"
          + " CAST(? AS TIMESTAMP WITH TIME ZONE))) s (bucket, window_start)"
          + " ON t.bucket = s.bucket WHEN MATCHED %s THEN UPDATE SET hits = t.hits + 1"
          + " WHEN NOT MATCHED THEN INSERT (bucket, window_start, hits)"
          + " VALUES (s.bucket, s.window_start, 1)";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Database database;

  RateLimiter(JdbcClient jdbc, Clock clock, Database database) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.database = database;
  }

  /**
   * Counts one hit on a bucket, unless it is already at its limit, and says whether it was.
   *
   * @param key the bucket, e.g. {@code "activation-start-address:127.0.0.1"}
   * @param limit hits allowed per window
   * @param window the window length
   * @return empty if allowed; otherwise how long until the window ends
   */
  public Optional<Duration> hit(String key, int limit, Duration window) {
    Instant now = clock.instant();
    if (take(key, limit, window).isPresent()) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, windowStart(now, window).plus(window));
    return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
  }

  /**
   * A slot taken in a bucket by {@link #take}, to give back with {@link #giveBack}.
   *
   * @param bucket the bucket of the window it was taken in
   */
  public record Slot(String bucket) {}

  /**
   * Takes one slot of a bucket if fewer than {@code limit} are taken in this window: one
   * conditional upsert, so that concurrent takers on any node never pass the limit together.
   *
   * @param key the bucket, e.g. {@code "guess-address:192.0.2.1"}
   * @param limit slots per window
   * @param window the window length
   * @return the slot, or empty when the bucket is full
   */
  public Optional<Slot> take(String key, int limit, Duration window) {
    if (limit < 1) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String b = bucket(key, now, window);
    return upsert(b, windowStart(now, window), limit) ? Optional.of(new Slot(b)) : Optional.empty();
  }

  /**
   * Gives a slot back: the attempt it was taken for does not count.
   *
   * @param slot the slot
   */
  public void giveBack(Slot slot) {
    jdbc.sql("UPDATE rate_limit SET hits = hits - 1 WHERE bucket = ? AND hits > 0")
        .param(slot.bucket())
        .update();
  }

  /**
   * Whether a bucket holds {@code limit} hits or more in this window: a read, for a limit that is
   * counted only when something goes wrong ({@link #count}) and can be passed by the requests in
   * flight.
   *
   * @param key the bucket
   * @param limit hits per window
   * @param window the window length
   * @return true when full
   */
  public boolean full(String key, int limit, Duration window) {
    return jdbc.sql("SELECT hits FROM rate_limit WHERE bucket = ?")
        .param(bucket(key, clock.instant(), window))
        .query(Integer.class)
        .optional()
        .map(h -> h >= limit)
        .orElse(false);
  }

  /**
   * Counts one hit on a bucket in this window.
   *
   * @param key the bucket
   * @param window the window length
   */
  public void count(String key, Duration window) {
    Instant now = clock.instant();
    upsert(bucket(key, now, window), windowStart(now, window), null);
  }

  /**
   * One hit on a bucket in one statement: inserted at 1, or raised by one while below {@code limit}
   * (always, when the limit is null).
   *
   * @return whether the hit was counted
   */
  private boolean upsert(String bucket, Instant start, Integer limit) {
    Timestamp at = Timestamp.from(start);
    List<Object> params = limit == null ? List.of(bucket, at) : List.of(bucket, at, limit);
    if (database.postgres()) {
      String sql = limit == null ? PG_UPSERT : PG_UPSERT + " WHERE rate_limit.hits < ?";
      return jdbc.sql(sql).params(params).update() == 1;
    }
    String sql = H2_UPSERT.formatted(limit == null ? "" : "AND t.hits < ?");
    try {
      return jdbc.sql(sql).params(params).update() == 1;
    } catch (DuplicateKeyException e) {
      // H2 may let two first hits both insert; the second then finds the row.
      return jdbc.sql(sql).params(params).update() == 1;
    }
  }

  private static String bucket(String key, Instant now, Duration window) {
    long index = now.toEpochMilli() / window.toMillis();
    return (key.length() > 180 ? key.substring(0, 180) : key) + "#" + index;
  }

  private static Instant windowStart(Instant now, Duration window) {
    long index = now.toEpochMilli() / window.toMillis();
    return Instant.ofEpochMilli(index * window.toMillis());
  }

  /** Deletes windows that ended more than an hour ago. */
  @Scheduled(fixedDelayString = "${ichie.jobs.rate-limit-cleanup-interval:10m}")
  public void cleanUp() {
    jdbc.sql("DELETE FROM rate_limit WHERE window_start < ?")
        .param(Timestamp.from(clock.instant().minus(Duration.ofHours(2))))
        .update();
  }
}

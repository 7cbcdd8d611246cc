package dev.ichie.server.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixed-window rate limits kept in the database, so that every server node counts the same hits.
 * Thread-safe.
 */
@Component
public class RateLimiter {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate tx;

  RateLimiter(JdbcClient jdbc, Clock clock, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Counts one hit on a bucket and says whether it is over the limit.
   *
   * @param key the bucket, e.g. {@code "activation-start-address:127.0.0.1"}
   * @param limit hits allowed per window
   * @param window the window length
   * @return empty if allowed; otherwise how long until the window ends
   */
  public Optional<Duration> hit(String key, int limit, Duration window) {
    Instant now = clock.instant();
    long index = now.toEpochMilli() / window.toMillis();
    Instant start = Instant.ofEpochMilli(index * window.toMillis());
    String bucket = key.length() > 180 ? key.substring(0, 180) : key;
    bucket = bucket + "#" + index;
    String b = bucket;
    Integer hits =
        tx.execute(
            s -> {
              if (jdbc.sql("UPDATE rate_limit SET hits = hits + 1 WHERE bucket = ?")
                      .param(b)
                      .update()
                  == 0) {
                try {
                  jdbc.sql("INSERT INTO rate_limit (bucket, window_start, hits) VALUES (?, ?, 1)")
                      .params(b, Timestamp.from(start))
                      .update();
                  return 1;
                } catch (DuplicateKeyException e) {
                  jdbc.sql("UPDATE rate_limit SET hits = hits + 1 WHERE bucket = ?")
                      .param(b)
                      .update();
                }
              }
              return jdbc.sql("SELECT hits FROM rate_limit WHERE bucket = ?")
                  .param(b)
                  .query(Integer.class)
                  .single();
            });
    if (hits != null && hits > limit) {
      Duration left = Duration.between(now, start.plus(window));
      return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
    }
    return Optional.empty();
  }

  /**
   * A slot taken in a bucket by {@link #take}, to give back with {@link #giveBack}.
   *
   * @param bucket the bucket of the window it was taken in
   */
  public record Slot(String bucket) {}

  /**
   * Takes one slot of a bucket if fewer than {@code limit} are taken in this window: one
   * conditional update, so that concurrent takers on any node never pass the limit together.
   *
   * @param key the bucket, e.g. {@code "guess-address:192.0.2.1"}
   * @param limit slots per window
   * @param window the window length
   * @return the slot, or empty when the bucket is full
   */
  public Optional<Slot> take(String key, int limit, Duration window) {
    Instant now = clock.instant();
    long index = now.toEpochMilli() / window.toMillis();
    Instant start = Instant.ofEpochMilli(index * window.toMillis());
    String b = (key.length() > 180 ? key.substring(0, 180) : key) + "#" + index;
    String sql = "UPDATE rate_limit SET hits = hits + 1 WHERE bucket = ? AND hits < ?";
    // Each statement on its own, not in one transaction: on PostgreSQL a duplicate key would
    // abort the transaction and with it the second update.
    boolean taken = jdbc.sql(sql).params(b, limit).update() == 1;
    if (!taken && limit >= 1) {
      try {
        jdbc.sql("INSERT INTO rate_limit (bucket, window_start, hits) VALUES (?, ?, 1)")
            .params(b, Timestamp.from(start))
            .update();
        taken = true;
      } catch (DuplicateKeyException e) {
        taken = jdbc.sql(sql).params(b, limit).update() == 1;
      }
    }
    return taken ? Optional.of(new Slot(b)) : Optional.empty();
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
        .param(bucket(key, window))
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
    String b = bucket(key, window);
    String sql = "UPDATE rate_limit SET hits = hits + 1 WHERE bucket = ?";
    if (jdbc.sql(sql).param(b).update() == 1) {
      return;
    }
    try {
      jdbc.sql("INSERT INTO rate_limit (bucket, window_start, hits) VALUES (?, ?, 1)")
          .params(b, Timestamp.from(windowStart(window)))
          .update();
    } catch (DuplicateKeyException e) {
      jdbc.sql(sql).param(b).update();
    }
  }

  private String bucket(String key, Duration window) {
    long index = clock.instant().toEpochMilli() / window.toMillis();
    return (key.length() > 180 ? key.substring(0, 180) : key) + "#" + index;
  }

  private Instant windowStart(Duration window) {
    long index = clock.instant().toEpochMilli() / window.toMillis();
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

package dev.ichie.server.factor;

import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lockout of one kind of password (a customer's login or confirmation password, a staff
 * password), written once for all of them: the guess is taken by one conditional update before the
 * hash is compared ({@code in_flight + 1 WHERE NOT locked AND failures + in_flight < limit}; no row
 * means locked), then settled: a wrong one counts and may lock, a right one is given back and
 * clears the count when no other guess is in flight. So N concurrent tries never compare more
 * guesses than the limit allows. Thread-safe.
 */
public final class PasswordLockout {

  private static final Pattern NAME = Pattern.compile("[a-z_]{1,40}");

  /**
   * Where a kind of password keeps its count.
   *
   * @param table the table
   * @param key the key column
   * @param failures the column of wrong tries since the last right one
   * @param inFlight the column of tries taken and not yet settled
   * @param locked the boolean lock column
   * @param hash the password's hash column, rewritten after a right password whose hash has weaker
   *     parameters than {@link PasswordHashing} now uses
   */
  public record Columns(
      String table, String key, String failures, String inFlight, String locked, String hash) {

    /** Checks every name, since they become SQL. */
    public Columns {
      for (String name : new String[] {table, key, failures, inFlight, locked, hash}) {
        if (name == null || !NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("not a column name: " + name);
        }
      }
    }
  }

  /**
   * How a check ended.
   *
   * @param status OK, WRONG, LOCKED or BUSY
   * @param failuresLeft wrong tries left before the lock
   * @param lockedNow whether this try locked it
   */
  public record Check(ProofResult.Status status, int failuresLeft, boolean lockedNow) {}

  private final JdbcClient jdbc;
  private final PasswordHashing hashing;
  private final String take;
  private final String right;
  private final String wrong;
  private final String lock;
  private final String release;
  private final String read;
  private final String rehash;

  /**
   * A lockout over the given columns.
   *
   * @param jdbc the database
   * @param hashing the bounded hashing
   * @param c the columns
   */
  public PasswordLockout(JdbcClient jdbc, PasswordHashing hashing, Columns c) {
    this.jdbc = Objects.requireNonNull(jdbc);
    this.hashing = Objects.requireNonNull(hashing);
    String less = "CASE WHEN %1$s > 0 THEN %1$s - 1 ELSE 0 END".formatted(c.inFlight());
    this.take =
        "UPDATE %s SET %s = %s + 1 WHERE %s = ? AND %s = FALSE AND %s + %s < ?"
            .formatted(
                c.table(),
                c.inFlight(),
                c.inFlight(),
                c.key(),
                c.locked(),
                c.failures(),
                c.inFlight());
    this.right =
        "UPDATE %s SET %s = CASE WHEN %s <= 1 THEN 0 ELSE %s END, %s = %s WHERE %s = ? AND %s = FALSE"
            .formatted(
                c.table(),
                c.failures(),
                c.inFlight(),
                c.failures(),
                c.inFlight(),
                less,
                c.key(),
                c.locked());
    this.wrong =
        "UPDATE %s SET %s = %s + 1, %s = %s WHERE %s = ?"
            .formatted(c.table(), c.failures(), c.failures(), c.inFlight(), less, c.key());
    this.lock =
        "UPDATE %s SET %s = TRUE WHERE %s = ? AND %s = FALSE AND %s >= ?"
            .formatted(c.table(), c.locked(), c.key(), c.locked(), c.failures());
    this.release =
        "UPDATE %s SET %s = %s WHERE %s = ?".formatted(c.table(), c.inFlight(), less, c.key());
    this.read =
        "SELECT %s AS failures, %s AS locked FROM %s WHERE %s = ?"
            .formatted(c.failures(), c.locked(), c.table(), c.key());
    this.rehash =
        "UPDATE %s SET %s = ? WHERE %s = ? AND %s = ?"
            .formatted(c.table(), c.hash(), c.key(), c.hash());
  }

  /**
   * Checks a password against its stored hash under the lockout.
   *
   * @param key the account's key, or null for an unknown account (the hash work is done anyway)
   * @param password the password; not kept
   * @param hash the stored hash (null for an unknown account)
   * @param limit wrong tries before the lock
   * @return how it ended
   */
  public Check check(String key, String password, String hash, int limit) {
    if (key == null) {
      return hashing
          .matches(password, null)
          .map(m -> new Check(ProofResult.Status.WRONG, limit, false))
          .orElse(new Check(ProofResult.Status.BUSY, limit, false));
    }
    if (jdbc.sql(take).params(key, limit).update() != 1) {
      return new Check(locked(key) ? ProofResult.Status.LOCKED : ProofResult.Status.BUSY, 0, false);
    }
    java.util.Optional<Boolean> match = hashing.matches(password, hash);
    if (match.isEmpty()) {
      jdbc.sql(release).param(key).update();
      return new Check(ProofResult.Status.BUSY, 0, false);
    }
    if (match.get()) {
      if (jdbc.sql(right).param(key).update() == 1) {
        if (hashing.outdated(hash)) {
          // Only if no one changed it meanwhile.
          jdbc.sql(rehash).params(hashing.encode(password), key, hash).update();
        }
        return new Check(ProofResult.Status.OK, limit, false);
      }
      // Locked by a concurrent wrong try after this one was taken.
      jdbc.sql(release).param(key).update();
      return new Check(ProofResult.Status.LOCKED, 0, false);
    }
    jdbc.sql(wrong).param(key).update();
    // Only the try that moves the lock from FALSE to TRUE says it locked it.
    boolean lockedNow = jdbc.sql(lock).params(key, limit).update() == 1;
    State after = state(key);
    if (after.locked()) {
      return new Check(ProofResult.Status.LOCKED, 0, lockedNow);
    }
    return new Check(ProofResult.Status.WRONG, Math.max(0, limit - after.failures()), false);
  }

  private record State(int failures, boolean locked) {}

  private State state(String key) {
    return jdbc.sql(read)
        .param(key)
        .query((rs, n) -> new State(rs.getInt("failures"), rs.getBoolean("locked")))
        .optional()
        .orElse(new State(0, true));
  }

  private boolean locked(String key) {
    return state(key).locked();
  }
}

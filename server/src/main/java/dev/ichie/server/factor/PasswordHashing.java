package dev.ichie.server.factor;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes at OWASP's recommended minimum (Password Storage Cheat Sheet: 19 MiB, 2
 * iterations, 1 lane; 16-byte salt, 32-byte hash), with a bound on how many are computed at once,
 * so that a flood of tries costs a queue, not the server's memory. A hash made with weaker
 * parameters still verifies, and is made again at its next right password. A password given in two
 * halves by two people is stored as the two halves' hashes (made at different times, by different
 * requests), and checked as both at once. Thread-safe.
 */
@Component
public final class PasswordHashing {

  /** Memory in KiB, iterations and lanes of new hashes. */
  static final int MEMORY_KIB = 19 * 1024;

  static final int ITERATIONS = 2;
  static final int LANES = 1;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /**
   * The mark of a hash made of two halves' hashes: {@code halves:<length of the first>:<h1>|<h2>}.
   */
  private static final String HALVES = "halves:";

  private final PasswordEncoder encoder =
      new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, LANES, MEMORY_KIB, ITERATIONS);
  private final Semaphore permits;
  private final long waitMillis;
  private final String unknownAccount = unmatchable(new SecureRandom());

  PasswordHashing(FactorProperties properties) {
    this.permits = new Semaphore(properties.concurrentHashes(), true);
    this.waitMillis = properties.hashWait().toMillis();
  }

  /**
   * A hash in the form of a new one (Argon2id's string format, today's parameters) over random salt
   * and random hash bytes: checking a password against it costs what a real check costs and never
   * matches. Nothing is hashed to make it, so it costs the start-up nothing.
   */
  private static String unmatchable(SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(hash);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s"
        .formatted(
            MEMORY_KIB,
            ITERATIONS,
            LANES,
            base64.encodeToString(salt),
            base64.encodeToString(hash));
  }

  /** The hash an unknown account's password is checked against. */
  String unknownAccountHash() {
    return unknownAccount;
  }

  /**
   * Hashes a new password.
   *
   * @param password the password; not kept
   * @return its Argon2id hash
   */
  public String encode(String password) {
    return encoder.encode(password);
  }

  /**
   * The stored form of a password given as two halves, typed one after the other.
   *
   * @param firstLength the number of characters of the first half
   * @param firstHash the first half's hash ({@link #encode})
   * @param secondHash the second half's hash ({@link #encode})
   * @return the stored form, which {@link #matches} checks
   */
  public static String halves(int firstLength, String firstHash, String secondHash) {
    return HALVES + firstLength + ":" + firstHash + "|" + secondHash;
  }

  /**
   * Whether a stored hash was made with parameters other than today's, or of two halves, so that it
   * should be made again from the password at its next right use.
   *
   * @param hash the stored hash
   * @return true if so
   */
  public boolean outdated(String hash) {
    return hash != null && (hash.startsWith(HALVES) || encoder.upgradeEncoding(hash));
  }

  /**
   * Compares a password with a hash, or with a hash of nothing when the account is unknown (the
   * same work, so that timing does not tell which IDs exist).
   *
   * @param password the password; not kept
   * @param hash the stored hash, or null for an unknown account
   * @return whether it matches (false for an unknown account), or empty when no turn came in time
   */
  public Optional<Boolean> matches(String password, String hash) {
    try {
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      if (hash != null && hash.startsWith(HALVES)) {
        return Optional.of(matchesHalves(password, hash));
      }
      boolean match = encoder.matches(password, hash == null ? unknownAccount : hash);
      return Optional.of(hash != null && match);
    } finally {
      permits.release();
    }
  }

  private boolean matchesHalves(String password, String stored) {
    int colon = stored.indexOf(':', HALVES.length());
    int bar = stored.indexOf('|', colon + 1);
    if (colon < 0 || bar < 0) {
      return false;
    }
    int split;
    try {
      split = Integer.parseInt(stored.substring(HALVES.length(), colon));
    } catch (NumberFormatException e) {
      return false;
    }
    boolean fits = split > 0 && split < password.length();
    String first = fits ? password.substring(0, split) : password;
    String second = fits ? password.substring(split) : password;
    // Both halves are always checked: the time does not tell which one was wrong.
    boolean a = encoder.matches(first, stored.substring(colon + 1, bar));
    boolean b = encoder.matches(second, stored.substring(bar + 1));
    return fits && a && b;
  }
}

package dev.ichie.server.factor;

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
 * parameters still verifies, and is made again at its next right password. Thread-safe.
 */
@Component
public final class PasswordHashing {

  /** Memory in KiB, iterations and lanes of new hashes. */
  static final int MEMORY_KIB = 19 * 1024;

  static final int ITERATIONS = 2;
  static final int LANES = 1;

  private final PasswordEncoder encoder =
      new Argon2PasswordEncoder(16, 32, LANES, MEMORY_KIB, ITERATIONS);
  private final Semaphore permits;
  private final long waitMillis;
  private final String dummy;

  PasswordHashing(FactorProperties properties) {
    this.permits = new Semaphore(properties.concurrentHashes(), true);
    this.waitMillis = properties.hashWait().toMillis();
    this.dummy = encoder.encode("no such account");
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
   * Whether a stored hash was made with parameters other than today's, so that it should be made
   * again from the password at its next right use.
   *
   * @param hash the stored hash
   * @return true if so
   */
  public boolean outdated(String hash) {
    return hash != null && encoder.upgradeEncoding(hash);
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
      boolean match = encoder.matches(password, hash == null ? dummy : hash);
      return Optional.of(hash != null && match);
    } finally {
      permits.release();
    }
  }
}

package dev.ichie.server.factor;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes (Spring Security's defaults: 16 MiB, 2 iterations), with a bound on how
 * many are computed at once, so that a flood of tries costs a queue, not the server's memory.
 * Thread-safe.
 */
@Component
public final class PasswordHashing {

  private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
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

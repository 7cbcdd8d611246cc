package dev.ichie.otp;

/**
 * The token that must be passed to read the raw bytes of a {@link Secret}.
 *
 * <p>It grants nothing by itself: its only purpose is to make every read of key material explicit,
 * so that {@code grep SecretAccess} lists each place where secret bytes leave a {@code Secret}.
 *
 * <p>This class is immutable and thread-safe; there is a single instance.
 */
public final class SecretAccess {

  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /**
   * Returns the access token.
   *
   * @return the single instance
   */
  public static SecretAccess get() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "SecretAccess";
  }
}

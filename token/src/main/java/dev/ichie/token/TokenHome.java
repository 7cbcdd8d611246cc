package dev.ichie.token;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The token app's home directory: {@code ~/.ichie-token}, or the directory named by the environment
 * variable {@value #ENVIRONMENT_VARIABLE}. It holds the vault ({@value #VAULT_FILE}), the vault's
 * key file when there is no app-lock PIN ({@value #KEY_FILE}) and a lock file that serialises
 * writers ({@value #LOCK_FILE}). On POSIX systems the directory is made readable by its owner only
 * (700) and the files too (600).
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenHome {

  /** The environment variable that overrides the home directory. */
  public static final String ENVIRONMENT_VARIABLE = "ICHIE_TOKEN_HOME";

  /** The default directory's name under the user's home. */
  public static final String DEFAULT_DIRECTORY = ".ichie-token";

  /** The vault file's name. */
  public static final String VAULT_FILE = "vault.ichie";

  /** The key file's name (only without an app-lock PIN). */
  public static final String KEY_FILE = "vault.key";

  /** The lock file's name. */
  public static final String LOCK_FILE = "vault.lock";

  private final Path directory;

  private TokenHome(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /**
   * A home at a given directory (it need not exist yet).
   *
   * @param directory the directory
   * @return the home
   */
  public static TokenHome at(Path directory) {
    return new TokenHome(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The home this process should use: {@value #ENVIRONMENT_VARIABLE} if set and not blank, else
   * {@code ~/.ichie-token}.
   *
   * @param environment the process environment
   * @param userHome the user's home directory
   * @return the home
   */
  public static TokenHome fromEnvironment(Map<String, String> environment, Path userHome) {
    String configured = environment.get(ENVIRONMENT_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return at(Path.of(configured));
    }
    return at(userHome.resolve(DEFAULT_DIRECTORY));
  }

  /** The home of this process, from {@link System#getenv()} and {@code user.home}. */
  public static TokenHome fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The vault file. */
  public Path vaultFile() {
    return directory.resolve(VAULT_FILE);
  }

  /** The key file. */
  public Path keyFile() {
    return directory.resolve(KEY_FILE);
  }

  /** The lock file. */
  public Path lockFile() {
    return directory.resolve(LOCK_FILE);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenHome that && directory.equals(that.directory);
  }

  @Override
  public int hashCode() {
    return directory.hashCode();
  }

  @Override
  public String toString() {
    return "TokenHome[" + directory + "]";
  }
}

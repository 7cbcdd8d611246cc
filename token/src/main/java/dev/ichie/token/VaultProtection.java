package dev.ichie.token;

/**
 * How the vault is protected.
 *
 * <p>Immutable and thread-safe.
 */
public enum VaultProtection {
  /** There is no vault yet (no account was ever activated here). */
  NONE,
  /**
   * No app-lock PIN: the vault's key is a random 32-byte key file beside it, readable by its owner
   * only. Protects against copies of the vault alone, not against someone who can read the home.
   */
  KEY_FILE,
  /** An app-lock PIN (アプリロック): the vault's key comes from the PIN through Argon2id. */
  PIN
}

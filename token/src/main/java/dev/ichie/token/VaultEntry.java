package dev.ichie.token;

import dev.ichie.otp.Secret;
import java.util.Objects;

/**
 * An account, its token secret and, once registered, its device key (取引認証: the PKCS#8 bytes of its
 * P-256 private key), as the vault holds them.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secrets.
 *
 * @param account the account
 * @param secret the token secret
 * @param deviceKey the device key's private key, or null before it is registered
 */
record VaultEntry(Account account, Secret secret, Secret deviceKey) {

  /** An entry without a device key. */
  VaultEntry(Account account, Secret secret) {
    this(account, secret, null);
  }

  /** This entry with its device key. */
  VaultEntry withDeviceKey(Secret key) {
    return new VaultEntry(account, secret, key);
  }

  VaultEntry {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(secret, "secret");
  }
}

package dev.ichie.token;

import dev.ichie.otp.Secret;
import java.util.Objects;

/**
 * An account and its token secret, as the vault holds them.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
record VaultEntry(Account account, Secret secret) {

  VaultEntry {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(secret, "secret");
  }
}

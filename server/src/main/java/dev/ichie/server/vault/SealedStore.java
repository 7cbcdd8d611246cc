package dev.ichie.server.vault;

/**
 * A feature that keeps ciphertexts of the {@link Vault} in its own tables, and can re-encrypt them
 * under the current key version (key rotation).
 */
public interface SealedStore {

  /**
   * Re-encrypts every row sealed under an older key version with the current one.
   *
   * @param vault the vault, whose current version is the target
   * @return the number of rows re-encrypted
   */
  int reencrypt(Vault vault);
}

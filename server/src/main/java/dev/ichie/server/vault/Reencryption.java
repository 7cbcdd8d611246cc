package dev.ichie.server.vault;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one re-encryption loop of key rotation: every row sealed under an older key version, in
 * batches by id, decrypted and sealed again under the current one by a conditional update on the
 * old version (a row changed meanwhile is left to the next run). A row that does not decrypt is
 * logged by id and left as is.
 */
public final class Reencryption {

  private static final Logger log = LoggerFactory.getLogger(Reencryption.class);
  private static final int BATCH = 200;

  /**
   * A sealed value as a feature's table holds it.
   *
   * @param id the row's id, also the value's associated data
   * @param ciphertext the sealed value
   * @param keyVersion the key version it was sealed under
   */
  public record SealedRow(String id, byte[] ciphertext, int keyVersion) {}

  /** Reads a feature's rows sealed under an older version. */
  @FunctionalInterface
  public interface Lister {

    /**
     * Rows sealed under a version older than {@code version}, with ids after {@code afterId}, in id
     * order.
     *
     * @param version the current version
     * @param afterId the last id of the previous batch ("" at first)
     * @param limit at most this many
     * @return the rows
     */
    List<SealedRow> sealedBefore(int version, String afterId, int limit);
  }

  /** Replaces a row's sealed value. */
  @FunctionalInterface
  public interface Replacer {

    /**
     * Replaces a row's sealed value if it is still under {@code oldVersion}.
     *
     * @param id the row
     * @param oldVersion the version it was read under
     * @param ciphertext the value sealed again
     * @param newVersion the current version
     * @return true if replaced
     */
    boolean replace(String id, int oldVersion, byte[] ciphertext, int newVersion);
  }

  private Reencryption() {}

  /**
   * Re-encrypts a table's rows under the vault's current version.
   *
   * @param vault the vault
   * @param purpose the purpose the values were sealed for
   * @param rows reads the table's rows
   * @param replacer writes a row back
   * @return how many rows were re-encrypted
   */
  public static int run(Vault vault, String purpose, Lister rows, Replacer replacer) {
    int current = vault.currentVersion();
    int done = 0;
    String after = "";
    while (true) {
      List<SealedRow> batch = rows.sealedBefore(current, after, BATCH);
      if (batch.isEmpty()) {
        return done;
      }
      for (SealedRow r : batch) {
        after = r.id();
        byte[] raw;
        try {
          raw = vault.decrypt(purpose, r.id(), r.keyVersion(), r.ciphertext());
        } catch (VaultException e) {
          log.error(
              "{} {}: does not decrypt under key version {}; left as is",
              purpose,
              r.id(),
              r.keyVersion());
          continue;
        }
        try {
          byte[] again = vault.encrypt(purpose, r.id(), current, raw);
          if (replacer.replace(r.id(), r.keyVersion(), again, current)) {
            done++;
          }
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
      }
    }
  }
}

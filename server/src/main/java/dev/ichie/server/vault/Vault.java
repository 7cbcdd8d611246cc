package dev.ichie.server.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under a key kept outside the database. Every ciphertext
 * is bound to its row and key version by the associated data ({@code purpose ":" id ":v" version}),
 * so a ciphertext copied to another row, or read under another version, fails to decrypt. Layout:
 * 12-byte random nonce ‖ ciphertext ‖ 16-byte tag. Thread-safe.
 */
public final class Vault {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final VaultProperties properties;
  private volatile VaultKeyStore keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * A vault over the configured key store, loaded now.
   *
   * @param properties where the key store is
   */
  public Vault(VaultProperties properties) {
    this.properties = properties;
    this.keys = VaultKeyStore.load(properties);
  }

  /**
   * Reads the key store again, to pick up a key version added by {@code vault rotate}. Also done by
   * itself when a ciphertext names a version this node does not know yet.
   */
  public synchronized void reload() {
    this.keys = VaultKeyStore.load(properties);
  }

  private javax.crypto.SecretKey key(int version) {
    VaultKeyStore current = keys;
    if (!current.hasVersion(version)) {
      reload();
      current = keys;
    }
    return current.key(version);
  }

  /** A ciphertext and the key version that made it. */
  public record Sealed(byte[] ciphertext, int keyVersion) {}

  /**
   * The key version new writes use.
   *
   * @return the current version
   */
  public int currentVersion() {
    return keys.currentVersion();
  }

  /**
   * Encrypts under the current key version.
   *
   * @param purpose what kind of row, e.g. {@code "token"}
   * @param id the row's id
   * @param plaintext the secret bytes; not kept
   * @return the ciphertext and its key version
   */
  public Sealed seal(String purpose, String id, byte[] plaintext) {
    int version = keys.currentVersion();
    return new Sealed(encrypt(purpose, id, version, plaintext), version);
  }

  /**
   * Encrypts under a given key version.
   *
   * @param purpose what kind of row
   * @param id the row's id
   * @param version the key version
   * @param plaintext the secret bytes; not kept
   * @return nonce ‖ ciphertext ‖ tag
   */
  public byte[] encrypt(String purpose, String id, int version, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(version), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(purpose, id, version));
      byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed for " + purpose + " " + id, e);
    }
  }

  /**
   * Decrypts and authenticates.
   *
   * @param purpose what kind of row
   * @param id the row's id
   * @param version the key version stored with the ciphertext
   * @param sealed nonce ‖ ciphertext ‖ tag
   * @return the secret bytes; the caller wipes them when done
   * @throws VaultException if the ciphertext was not made for this row and version, or was changed
   */
  public byte[] decrypt(String purpose, String id, int version, byte[] sealed) {
    if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new VaultException("ciphertext too short for " + purpose + " " + id);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key(version),
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(aad(purpose, id, version));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new VaultException("ciphertext does not authenticate for " + purpose + " " + id, e);
    }
  }

  /**
   * A keyed pseudo-random function of the input under the decoy key: HMAC-SHA-256, truncated.
   *
   * @param input the input, e.g. an SRP identity
   * @param length bytes wanted, at most 32
   * @return the output
   */
  public byte[] decoy(String input, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(keys.decoyKey());
      return Arrays.copyOf(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)), length);
    } catch (GeneralSecurityException e) {
      throw new VaultException("decoy derivation failed", e);
    }
  }

  private static byte[] aad(String purpose, String id, int version) {
    byte[] text = (purpose + ":" + id + ":v").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(text.length + 4).put(text).putInt(version).array();
  }
}

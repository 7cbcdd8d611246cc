package dev.ichie.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault file: a small versioned header and the AES-256-GCM ciphertext of the accounts ({@link
 * VaultCodec}), with the whole header as associated data.
 *
 * <pre>
 * offset size
 *   0     8  magic "ICHIETKV"
 *   8     2  format version (1), big-endian
 *  10     1  protection: 1 = key file, 2 = PIN (Argon2id)
 *  11     1  reserved, 0
 *  PIN only:
 *  12     4  Argon2id memory in KiB     16  4  passes     20  1  lanes
 *  21     1  salt length (16)           22 16  salt
 *  then, both:
 *        16  key check: HMAC-SHA-256(master key, "ichie token vault v1 check"), first 16 bytes
 *        12  GCM nonce, random per write
 *         4  CRC-32 of the header bytes before it
 *         4  ciphertext length (with the 16-byte tag)
 *  then the ciphertext and tag
 * </pre>
 *
 * The master key is the key file's 32 random bytes, or Argon2id(PIN, salt). The AES key is
 * HMAC-SHA-256(master, "ichie token vault v1 aes-256-gcm"); the key check uses another label, so it
 * tells a wrong PIN (or a key file that is not this vault's) from damage without weakening the key:
 * testing a PIN guess against it costs the same Argon2id as testing it against the GCM tag.
 *
 * <p>What reading reports: a truncated file, a wrong magic, a bad CRC, parameters out of bounds, a
 * length that does not match → damaged; an unknown format version → damaged (written by a newer
 * app); key check mismatch → wrong PIN (or, without a PIN, a key file that is not this vault's →
 * damaged); GCM tag mismatch → tampered (damaged). Nothing is ever reset.
 *
 * <p>Thread-safe; writers are serialised by {@link VaultLock}.
 */
final class VaultFile {

  static final byte[] MAGIC = "ICHIETKV".getBytes(StandardCharsets.US_ASCII);
  static final byte[] KEY_FILE_MAGIC = "ICHIETKK".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT_VERSION = 1;
  static final byte PROTECTION_KEY_FILE = 1;
  static final byte PROTECTION_PIN = 2;
  static final int SALT_LENGTH = 16;
  static final int CHECK_LENGTH = 16;
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  static final int MAX_FILE = 256 * 1024 * 1024;

  private static final byte[] CHECK_LABEL =
      "ichie token vault v1 check".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AES_LABEL =
      "ichie token vault v1 aes-256-gcm".getBytes(StandardCharsets.US_ASCII);

  private final TokenHome home;
  private final SecureRandom random;

  VaultFile(TokenHome home, SecureRandom random) {
    this.home = home;
    this.random = random;
  }

  /** The master key and how it was made. Wipe with {@link #close()}. */
  static final class Key implements AutoCloseable {
    final VaultProtection protection;
    final byte[] master;
    final byte[] salt;
    final PinKeys.KdfParameters kdf;

    private Key(VaultProtection protection, byte[] master, byte[] salt, PinKeys.KdfParameters kdf) {
      this.protection = protection;
      this.master = master;
      this.salt = salt;
      this.kdf = kdf;
    }

    @Override
    public void close() {
      Arrays.fill(master, (byte) 0);
    }
  }

  /** The parsed header and the ciphertext. */
  private record Parsed(
      VaultProtection protection,
      PinKeys.KdfParameters kdf,
      byte[] salt,
      byte[] check,
      byte[] nonce,
      byte[] header,
      byte[] ciphertext) {}

  /** How the vault on disk is protected; {@link VaultProtection#NONE} if there is none. */
  VaultProtection protection() throws TokenException {
    if (!Files.exists(home.vaultFile())) {
      return VaultProtection.NONE;
    }
    return parse(readVault()).protection();
  }

  /** A new random master key for a vault without PIN (the key file is written with the vault). */
  Key newKeyFileKey() {
    byte[] master = new byte[32];
    random.nextBytes(master);
    return new Key(VaultProtection.KEY_FILE, master, null, null);
  }

  /** A new PIN key with a fresh salt. */
  Key newPinKey(char[] pin, PinKeys.KdfParameters kdf) throws TokenException {
    PinKeys.checkNewPin(pin);
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return new Key(VaultProtection.PIN, PinKeys.derive(pin, salt, kdf), salt, kdf);
  }

  /**
   * The key of the vault on disk, from its key file.
   *
   * @throws TokenException {@link Problem#VAULT_LOCKED} if the vault has a PIN; {@link
   *     Problem#VAULT_DAMAGED} if it cannot be read or the key file is missing or not its own
   */
  Key keyFromKeyFile() throws TokenException {
    Parsed parsed = parse(readVault());
    if (parsed.protection() == VaultProtection.PIN) {
      throw new TokenException(Problem.VAULT_LOCKED, "the vault has an app-lock PIN");
    }
    byte[] master = readKeyFile();
    Key key = new Key(VaultProtection.KEY_FILE, master, null, null);
    if (!MessageDigest.isEqual(check(master), parsed.check())) {
      key.close();
      throw new TokenException(
          Problem.VAULT_DAMAGED, "the key file " + home.keyFile() + " is not this vault's key");
    }
    return key;
  }

  /**
   * The key of the vault on disk, from the PIN.
   *
   * @throws TokenException {@link Problem#WRONG_PIN} if the PIN does not pass the key check; {@link
   *     Problem#VAULT_DAMAGED} if the vault cannot be read
   */
  Key keyFromPin(char[] pin) throws TokenException {
    Parsed parsed = parse(readVault());
    if (parsed.protection() != VaultProtection.PIN) {
      return keyFromKeyFile();
    }
    byte[] master = PinKeys.derive(pin, parsed.salt(), parsed.kdf());
    Key key = new Key(VaultProtection.PIN, master, parsed.salt(), parsed.kdf());
    if (!MessageDigest.isEqual(check(master), parsed.check())) {
      key.close();
      throw new TokenException(Problem.WRONG_PIN, "the PIN does not open the vault");
    }
    return key;
  }

  /**
   * Reads and decrypts the accounts. An absent vault holds none.
   *
   * @throws TokenException {@link Problem#VAULT_DAMAGED} if the vault is damaged or tampered with,
   *     or does not belong to the key; {@link Problem#STORAGE} if it cannot be read
   */
  List<VaultEntry> read(Key key) throws TokenException {
    if (!Files.exists(home.vaultFile())) {
      return List.of();
    }
    Parsed parsed = parse(readVault());
    if (!MessageDigest.isEqual(check(key.master), parsed.check())) {
      throw new TokenException(
          Problem.VAULT_LOCKED, "the vault was changed by another program; open it again");
    }
    byte[] plaintext = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, aesKey(key.master), new GCMParameterSpec(TAG_BITS, parsed.nonce()));
      cipher.updateAAD(parsed.header());
      plaintext = cipher.doFinal(parsed.ciphertext());
      return VaultCodec.decode(plaintext);
    } catch (AEADBadTagException e) {
      throw new TokenException(
          Problem.VAULT_DAMAGED, "the vault does not authenticate: damaged or tampered with", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java platform", e);
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * Encrypts and writes the accounts atomically; writes the key file first (without PIN) or deletes
   * it after (with PIN). Call while holding {@link VaultLock}.
   */
  void write(Key key, List<VaultEntry> entries) throws TokenException {
    VaultCodec.WipeableBuffer plaintext = VaultCodec.encode(entries);
    try {
      SecureFiles.ensurePrivateDirectory(home.directory());
      SecureFiles.removeLeftovers(home.vaultFile());
      SecureFiles.removeLeftovers(home.keyFile());
      if (key.protection == VaultProtection.KEY_FILE) {
        writeKeyFileIfDifferent(key.master);
      }
      byte[] nonce = new byte[NONCE_LENGTH];
      random.nextBytes(nonce);
      byte[] header = header(key, nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey(key.master), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(header);
      int ciphertextLength = cipher.getOutputSize(plaintext.size());
      ByteBuffer file = ByteBuffer.allocate(header.length + 4 + ciphertextLength);
      file.put(header).putInt(ciphertextLength);
      cipher.doFinal(plaintext.array(), 0, plaintext.size(), file.array(), file.position());
      SecureFiles.writeAtomically(home.vaultFile(), file.array());
      if (key.protection == VaultProtection.PIN) {
        SecureFiles.delete(home.keyFile());
      }
    } catch (IOException e) {
      throw new TokenException(Problem.STORAGE, "cannot write " + home.vaultFile(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this Java platform", e);
    } finally {
      plaintext.wipe();
    }
  }

  private void writeKeyFileIfDifferent(byte[] master) throws IOException, TokenException {
    if (Files.exists(home.keyFile())) {
      byte[] existing = readKeyFile();
      try {
        if (MessageDigest.isEqual(existing, master)) {
          SecureFiles.restrictToOwner(home.keyFile());
          return;
        }
      } finally {
        Arrays.fill(existing, (byte) 0);
      }
    }
    byte[] content = new byte[KEY_FILE_MAGIC.length + master.length];
    try {
      System.arraycopy(KEY_FILE_MAGIC, 0, content, 0, KEY_FILE_MAGIC.length);
      System.arraycopy(master, 0, content, KEY_FILE_MAGIC.length, master.length);
      SecureFiles.writeAtomically(home.keyFile(), content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private byte[] readKeyFile() throws TokenException {
    byte[] content;
    try {
      content = Files.readAllBytes(home.keyFile());
    } catch (NoSuchFileException e) {
      throw new TokenException(
          Problem.VAULT_DAMAGED, "the vault's key file " + home.keyFile() + " is missing", e);
    } catch (IOException e) {
      throw new TokenException(Problem.STORAGE, "cannot read " + home.keyFile(), e);
    }
    try {
      if (content.length != KEY_FILE_MAGIC.length + 32
          || !Arrays.equals(content, 0, KEY_FILE_MAGIC.length, KEY_FILE_MAGIC, 0, 8)) {
        throw new TokenException(
            Problem.VAULT_DAMAGED, "the key file " + home.keyFile() + " is damaged");
      }
      return Arrays.copyOfRange(content, KEY_FILE_MAGIC.length, content.length);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private byte[] readVault() throws TokenException {
    Path file = home.vaultFile();
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new TokenException(Problem.VAULT_DAMAGED, file + " is too large to be a vault");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TokenException(Problem.STORAGE, "cannot read " + file, e);
    }
  }

  private static byte[] header(Key key, byte[] nonce) {
    ByteBuffer b = ByteBuffer.allocate(128);
    b.put(MAGIC).putShort((short) FORMAT_VERSION);
    if (key.protection == VaultProtection.PIN) {
      b.put(PROTECTION_PIN).put((byte) 0);
      b.putInt(key.kdf.memoryKiB()).putInt(key.kdf.iterations()).put((byte) key.kdf.parallelism());
      b.put((byte) key.salt.length).put(key.salt);
    } else {
      b.put(PROTECTION_KEY_FILE).put((byte) 0);
    }
    b.put(check(key.master)).put(nonce);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return Arrays.copyOf(b.array(), b.position());
  }

  private Parsed parse(byte[] file) throws TokenException {
    ByteBuffer b = ByteBuffer.wrap(file);
    try {
      byte[] magic = new byte[MAGIC.length];
      b.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw damaged("not an Ichie token vault (wrong magic)");
      }
      int version = Short.toUnsignedInt(b.getShort());
      if (version != FORMAT_VERSION) {
        throw damaged("vault format " + version + " is not known to this app (newer app?)");
      }
      byte protection = b.get();
      b.get();
      VaultProtection kind;
      PinKeys.KdfParameters kdf = null;
      byte[] salt = null;
      if (protection == PROTECTION_PIN) {
        kind = VaultProtection.PIN;
        int memory = b.getInt();
        int iterations = b.getInt();
        int lanes = Byte.toUnsignedInt(b.get());
        int saltLength = Byte.toUnsignedInt(b.get());
        if (saltLength < 16 || saltLength > 64) {
          throw damaged("salt length " + saltLength);
        }
        salt = new byte[saltLength];
        b.get(salt);
        try {
          kdf = new PinKeys.KdfParameters(memory, iterations, lanes);
        } catch (IllegalArgumentException e) {
          throw damaged("Argon2id parameters out of bounds: " + e.getMessage());
        }
      } else if (protection == PROTECTION_KEY_FILE) {
        kind = VaultProtection.KEY_FILE;
      } else {
        throw damaged("unknown protection " + protection);
      }
      byte[] check = new byte[CHECK_LENGTH];
      b.get(check);
      byte[] nonce = new byte[NONCE_LENGTH];
      b.get(nonce);
      int headerLength = b.position();
      int storedCrc = b.getInt();
      CRC32 crc = new CRC32();
      crc.update(file, 0, headerLength);
      if (storedCrc != (int) crc.getValue()) {
        throw damaged("the vault header is damaged (checksum)");
      }
      int ciphertextLength = b.getInt();
      if (ciphertextLength != b.remaining() || ciphertextLength < TAG_BITS / 8) {
        throw damaged("the vault is truncated or has trailing bytes");
      }
      byte[] ciphertext = new byte[ciphertextLength];
      b.get(ciphertext);
      return new Parsed(
          kind, kdf, salt, check, nonce, Arrays.copyOf(file, headerLength + 4), ciphertext);
    } catch (java.nio.BufferUnderflowException e) {
      throw damaged("the vault is truncated");
    }
  }

  private TokenException damaged(String detail) {
    return new TokenException(Problem.VAULT_DAMAGED, detail + ": " + home.vaultFile());
  }

  private static byte[] check(byte[] master) {
    return Arrays.copyOf(hmac(master, CHECK_LABEL), CHECK_LENGTH);
  }

  private static SecretKeySpec aesKey(byte[] master) {
    byte[] key = hmac(master, AES_LABEL);
    try {
      return new SecretKeySpec(key, "AES");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is missing from this Java platform", e);
    }
  }
}

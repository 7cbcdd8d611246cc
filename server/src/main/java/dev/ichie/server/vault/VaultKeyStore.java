package dev.ichie.server.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The vault's PKCS#12 key store: AES-256 keys under the aliases {@code vault-v1}, {@code vault-v2},
 * … (the highest version encrypts new writes; every version decrypts) and one HMAC key, {@code
 * activation-decoy}, for the salts answered to unknown users. Loaded once; immutable after;
 * thread-safe. Rotation writes a new file atomically and is picked up at the next start.
 */
public final class VaultKeyStore {

  private static final Pattern VERSION_ALIAS = Pattern.compile("vault-v(\\d+)");
  static final String DECOY_ALIAS = "activation-decoy";

  private final Map<Integer, SecretKey> keys;
  private final int currentVersion;
  private final SecretKey decoyKey;

  private VaultKeyStore(TreeMap<Integer, SecretKey> keys, SecretKey decoyKey) {
    this.keys = Collections.unmodifiableMap(keys);
    this.currentVersion = keys.lastKey();
    this.decoyKey = decoyKey;
  }

  /**
   * Loads the key store; in development it is created first when missing.
   *
   * @param properties where the key store is and its password
   * @return the loaded keys
   * @throws IllegalStateException if the key store is missing, unreadable or holds no vault key
   */
  public static VaultKeyStore load(VaultProperties properties) {
    Path path = properties.keyStore();
    if (path == null || properties.keyStorePassword() == null) {
      throw new IllegalStateException(
          "the vault needs ichie.vault.key-store and ichie.vault.key-store-password");
    }
    char[] password = properties.keyStorePassword().toCharArray();
    try {
      if (!Files.exists(path)) {
        if (!properties.generateIfMissing()) {
          throw new IllegalStateException(
              "the vault key store " + path + " does not exist (create it with 'vault init')");
        }
        create(path, password);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(path)) {
        ks.load(in, password);
      }
      TreeMap<Integer, SecretKey> keys = new TreeMap<>();
      SecretKey decoy = null;
      for (String alias : Collections.list(ks.aliases())) {
        Matcher m = VERSION_ALIAS.matcher(alias);
        KeyStore.Entry entry = ks.getEntry(alias, new KeyStore.PasswordProtection(password));
        if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
          continue;
        }
        if (m.matches()) {
          keys.put(Integer.parseInt(m.group(1)), secret.getSecretKey());
        } else if (DECOY_ALIAS.equals(alias)) {
          decoy = secret.getSecretKey();
        }
      }
      if (keys.isEmpty() || decoy == null) {
        throw new IllegalStateException(
            "the vault key store " + path + " holds no vault-vN key or no " + DECOY_ALIAS + " key");
      }
      return new VaultKeyStore(keys, decoy);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the vault key store " + path + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot open the vault key store " + path + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Creates a new key store with key version 1 and a decoy key.
   *
   * @param path where to write it; must not exist
   * @param password its password
   */
  public static void create(Path path, char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, password);
      ks.setEntry("vault-v1", new KeyStore.SecretKeyEntry(newAesKey()), protection(password));
      ks.setEntry(DECOY_ALIAS, new KeyStore.SecretKeyEntry(newHmacKey()), protection(password));
      write(ks, path, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create the vault key store " + path, e);
    }
  }

  /**
   * Adds the next key version to the key store file; the running servers pick it up at restart.
   *
   * @param path the key store
   * @param password its password
   * @return the new version
   */
  public static int addVersion(Path path, char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(path)) {
        ks.load(in, password);
      }
      int next = 1;
      for (String alias : Collections.list(ks.aliases())) {
        Matcher m = VERSION_ALIAS.matcher(alias);
        if (m.matches()) {
          next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
        }
      }
      ks.setEntry("vault-v" + next, new KeyStore.SecretKeyEntry(newAesKey()), protection(password));
      write(ks, path, password);
      return next;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot add a key version to " + path, e);
    }
  }

  private static KeyStore.PasswordProtection protection(char[] password) {
    return new KeyStore.PasswordProtection(password);
  }

  private static SecretKey newAesKey() throws GeneralSecurityException {
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(256, new SecureRandom());
    return gen.generateKey();
  }

  private static SecretKey newHmacKey() throws GeneralSecurityException {
    KeyGenerator gen = KeyGenerator.getInstance("HmacSHA256");
    gen.init(256, new SecureRandom());
    return gen.generateKey();
  }

  /** Writes the key store next to its place, syncs it, then renames it over the old one. */
  private static void write(KeyStore ks, Path path, char[] password)
      throws IOException, GeneralSecurityException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ks.store(out, password);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * The newest key version, used for new writes.
   *
   * @return the version
   */
  public int currentVersion() {
    return currentVersion;
  }

  boolean hasVersion(int version) {
    return keys.containsKey(version);
  }

  SecretKey key(int version) {
    SecretKey key = keys.get(version);
    if (key == null) {
      throw new VaultException("no vault key of version " + version);
    }
    return key;
  }

  SecretKey decoyKey() {
    return decoyKey;
  }
}

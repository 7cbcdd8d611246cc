package dev.ichie.token;

import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.TotpParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vault's plaintext: a versioned list of accounts with their secrets, in Java's {@link
 * DataOutputStream} encoding (big-endian numbers, modified UTF-8 strings with a 2-byte length).
 *
 * <pre>
 * int   contents version (3; 1 without the device key and 2 without the app-lock rule are read)
 * int   number of accounts
 * per account:
 *   utf serviceId, utf serviceName, utf userId, utf server URL, utf key pin (Base64, "" = none)
 *   bool  insecure plain HTTP allowed
 *   utf credentialId, utf deviceLabel, utf algorithm (SHA1, SHA256, SHA512)
 *   int   digits;  long period in seconds
 *   long  clock offset in ms;  long clock checked at, activated at (epoch ms)
 *   short secret length;  bytes secret
 *   short device key length (0: none);  bytes the device key's PKCS#8 (from version 2)
 *   bool  the service requires the app lock (from version 3)
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class VaultCodec {

  static final int CONTENTS_VERSION = 3;

  private VaultCodec() {}

  /** A buffer whose bytes can be wiped, so that plaintext secrets do not linger. */
  static final class WipeableBuffer extends ByteArrayOutputStream {
    WipeableBuffer(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }

    void wipe() {
      Arrays.fill(buf, (byte) 0);
      count = 0;
    }
  }

  /** Encodes; the caller wipes the buffer after use. */
  static WipeableBuffer encode(List<VaultEntry> entries) {
    WipeableBuffer buffer = new WipeableBuffer(1024 + entries.size() * 512);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeInt(CONTENTS_VERSION);
      out.writeInt(entries.size());
      for (VaultEntry entry : entries) {
        Account a = entry.account();
        out.writeUTF(a.serviceId());
        out.writeUTF(a.serviceName());
        out.writeUTF(a.userId());
        out.writeUTF(a.server().uri().toString());
        out.writeUTF(a.server().pin().map(PublicKeyPin::base64).orElse(""));
        out.writeBoolean(a.server().insecurePlainHttp());
        out.writeUTF(a.credentialId());
        out.writeUTF(a.deviceLabel());
        out.writeUTF(a.parameters().algorithm().name());
        out.writeInt(a.parameters().digits());
        out.writeLong(a.parameters().period().getSeconds());
        out.writeLong(a.clockOffset().toMillis());
        out.writeLong(a.clockCheckedAt().toEpochMilli());
        out.writeLong(a.activatedAt().toEpochMilli());
        byte[] secret = entry.secret().bytes(SecretAccess.get());
        try {
          out.writeShort(secret.length);
          out.write(secret);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
        byte[] key =
            entry.deviceKey() == null ? new byte[0] : entry.deviceKey().bytes(SecretAccess.get());
        try {
          out.writeShort(key.length);
          out.write(key);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
        out.writeBoolean(a.appLockRequired());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return buffer;
  }

  /**
   * Decodes.
   *
   * @throws TokenException {@link Problem#VAULT_DAMAGED} if the plaintext does not parse
   */
  static List<VaultEntry> decode(byte[] plaintext) throws TokenException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      int version = in.readInt();
      if (version < 1 || version > CONTENTS_VERSION) {
        throw new TokenException(
            Problem.VAULT_DAMAGED, "vault contents version " + version + " is unknown");
      }
      int count = in.readInt();
      if (count < 0 || count > 100_000) {
        throw new TokenException(Problem.VAULT_DAMAGED, "vault holds " + count + " accounts?");
      }
      List<VaultEntry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String serviceId = in.readUTF();
        String serviceName = in.readUTF();
        String userId = in.readUTF();
        String url = in.readUTF();
        String pin = in.readUTF();
        boolean insecure = in.readBoolean();
        String credentialId = in.readUTF();
        String deviceLabel = in.readUTF();
        HmacAlgorithm algorithm = HmacAlgorithm.valueOf(in.readUTF());
        int digits = in.readInt();
        long period = in.readLong();
        long offset = in.readLong();
        long checkedAt = in.readLong();
        long activatedAt = in.readLong();
        int secretLength = in.readUnsignedShort();
        byte[] secret = new byte[secretLength];
        try {
          in.readFully(secret);
          Secret deviceKey = null;
          if (version >= 2) {
            byte[] key = new byte[in.readUnsignedShort()];
            in.readFully(key);
            deviceKey = key.length == 0 ? null : Secret.of(key);
            Arrays.fill(key, (byte) 0);
          }
          boolean appLockRequired = version >= 3 && in.readBoolean();
          Account account =
              new Account(
                  serviceId,
                  serviceName,
                  userId,
                  ServerEndpoint.of(url, pin.isEmpty() ? null : PublicKeyPin.parse(pin), insecure),
                  credentialId,
                  deviceLabel,
                  new TotpParameters(algorithm, digits, Duration.ofSeconds(period)),
                  Duration.ofMillis(offset),
                  Instant.ofEpochMilli(checkedAt),
                  Instant.ofEpochMilli(activatedAt),
                  appLockRequired);
          entries.add(new VaultEntry(account, Secret.of(secret), deviceKey));
        } catch (TokenException e) {
          throw new TokenException(Problem.VAULT_DAMAGED, "an account's server does not parse", e);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      }
      if (in.read() != -1) {
        throw new TokenException(Problem.VAULT_DAMAGED, "trailing bytes after the accounts");
      }
      return entries;
    } catch (IOException | RuntimeException e) {
      throw new TokenException(Problem.VAULT_DAMAGED, "vault contents do not parse", e);
    }
  }
}

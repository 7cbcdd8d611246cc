package dev.ichie.bench;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The practical limit of TOTP on the JVM: one {@link Mac} kept by its thread, keyed per call with a
 * new {@link SecretKeySpec} (each call is for another customer), the counter and the output in
 * reused buffers, and the dynamic truncation of RFC 4226 §5.3. No checks, no formatting, no
 * allocation besides the key spec. HMAC-SHA-1, 6 digits. Not thread-safe: one per thread.
 */
final class BareTotp {

  private static final int MODULUS = 1_000_000;

  private final Mac mac;
  private final byte[] counter = new byte[8];
  private final byte[] out = new byte[20];

  BareTotp() {
    try {
      mac = Mac.getInstance("HmacSHA1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The code of one step. */
  int generate(byte[] key, long step) throws InvalidKeyException {
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    return code(step);
  }

  /** Whether {@code submitted} is the code of step - 1, step or step + 1; no early exit. */
  boolean verify(byte[] key, long step, int submitted) throws InvalidKeyException {
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    boolean match = code(step - 1) == submitted;
    match |= code(step) == submitted;
    match |= code(step + 1) == submitted;
    return match;
  }

  private int code(long step) {
    byte[] c = counter;
    for (int i = 7; i >= 0; i--) {
      c[i] = (byte) step;
      step >>>= 8;
    }
    mac.update(c, 0, 8);
    try {
      mac.doFinal(out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    int offset = out[19] & 0x0f;
    int value =
        (out[offset] & 0x7f) << 24
            | (out[offset + 1] & 0xff) << 16
            | (out[offset + 2] & 0xff) << 8
            | (out[offset + 3] & 0xff);
    return value % MODULUS;
  }
}

package dev.ichie.otp;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;

/**
 * The shared core of HOTP, TOTP and OCRA: one {@link Mac} per thread and algorithm, initialised
 * once per operation, and the dynamic truncation of RFC 4226 §5.3.
 *
 * <p>Each thread gets its own {@code Mac} (they are not thread-safe and {@link Mac#getInstance} is
 * slow), so this class is thread-safe. A {@code Mac} is always initialised with the key before use,
 * so nothing of one operation leaks into the next.
 */
final class HmacOtp {

  private static final ThreadLocal<Keyed> SHA1 =
      ThreadLocal.withInitial(() -> new Keyed(HmacAlgorithm.SHA1));
  private static final ThreadLocal<Keyed> SHA256 =
      ThreadLocal.withInitial(() -> new Keyed(HmacAlgorithm.SHA256));
  private static final ThreadLocal<Keyed> SHA512 =
      ThreadLocal.withInitial(() -> new Keyed(HmacAlgorithm.SHA512));

  /** 10^n for n = 0..10. */
  private static final long[] POWERS_OF_TEN = {
    1L,
    10L,
    100L,
    1_000L,
    10_000L,
    100_000L,
    1_000_000L,
    10_000_000L,
    100_000_000L,
    1_000_000_000L,
    10_000_000_000L
  };

  private HmacOtp() {}

  /**
   * Returns this thread's HMAC for the algorithm, initialised with the key. The result must be used
   * by the calling thread only, and only until its next call of this method.
   */
  static Keyed keyed(HmacAlgorithm algorithm, Secret key) {
    Keyed keyed;
    switch (algorithm) {
      case SHA1:
        keyed = SHA1.get();
        break;
      case SHA256:
        keyed = SHA256.get();
        break;
      case SHA512:
        keyed = SHA512.get();
        break;
      default:
        throw new AssertionError(algorithm);
    }
    keyed.init(key);
    return keyed;
  }

  /** A thread's {@code Mac} of one algorithm and its 8-byte counter buffer. */
  static final class Keyed {
    private final HmacAlgorithm algorithm;
    private final Mac mac;
    private final byte[] counter = new byte[8];

    private Keyed(HmacAlgorithm algorithm) {
      this.algorithm = algorithm;
      try {
        this.mac = Mac.getInstance(algorithm.jcaName());
      } catch (GeneralSecurityException e) {
        // Every Java SE platform must provide HmacSHA1, HmacSHA256 and HmacSHA512.
        throw new IllegalStateException(algorithm.jcaName() + " is not available", e);
      }
    }

    private void init(Secret key) {
      try {
        mac.init(key.keySpec(algorithm.jcaName()));
      } catch (InvalidKeyException e) {
        // HMAC takes keys of any non-empty length, and a Secret is never empty.
        throw new IllegalStateException("HMAC refused a " + key.length() + "-byte key", e);
      }
    }

    /** The initialised {@code Mac}, for messages other than a counter (OCRA). */
    Mac mac() {
      return mac;
    }

    /**
     * Computes HMAC(K, C) for the 8-byte big-endian counter C and returns its dynamic truncation
     * (RFC 4226 §5.3), a 31-bit value. The {@code Mac} is reset afterwards, still keyed.
     */
    int truncatedHmac(long value) {
      byte[] c = counter;
      c[0] = (byte) (value >>> 56);
      c[1] = (byte) (value >>> 48);
      c[2] = (byte) (value >>> 40);
      c[3] = (byte) (value >>> 32);
      c[4] = (byte) (value >>> 24);
      c[5] = (byte) (value >>> 16);
      c[6] = (byte) (value >>> 8);
      c[7] = (byte) value;
      mac.update(c, 0, 8);
      return truncate(mac.doFinal());
    }
  }

  /** Dynamic truncation of RFC 4226 §5.3: 31 bits at the offset named by the last nibble. */
  static int truncate(byte[] hmac) {
    int offset = hmac[hmac.length - 1] & 0x0f;
    return (hmac[offset] & 0x7f) << 24
        | (hmac[offset + 1] & 0xff) << 16
        | (hmac[offset + 2] & 0xff) << 8
        | (hmac[offset + 3] & 0xff);
  }

  /** Returns 10^digits, for digits from 0 to 10. */
  static long powerOfTen(int digits) {
    return POWERS_OF_TEN[digits];
  }

  /** Formats a non-negative value as exactly {@code digits} decimal digits, with leading zeros. */
  static String format(long value, int digits) {
    char[] out = new char[digits];
    long rest = value;
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = (char) ('0' + (int) (rest % 10));
      rest /= 10;
    }
    return new String(out);
  }
}

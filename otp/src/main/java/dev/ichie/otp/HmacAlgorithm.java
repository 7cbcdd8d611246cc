package dev.ichie.otp;

import java.util.Locale;
import java.util.Objects;

/**
 * The HMAC hash functions of HOTP and TOTP: HMAC-SHA-1 (RFC 4226 §5), and HMAC-SHA-256 and
 * HMAC-SHA-512 (RFC 6238 §1.2); also the functions of an OCRA suite (RFC 6287 §5.1), where they
 * name both the HMAC and the hash of a PIN.
 *
 * <p>This enum is immutable and thread-safe.
 */
public enum HmacAlgorithm {
  /** HMAC-SHA-1, the default of RFC 4226 and of authenticator apps. */
  SHA1("HmacSHA1", "SHA1", "SHA-1", 20),
  /** HMAC-SHA-256. */
  SHA256("HmacSHA256", "SHA256", "SHA-256", 32),
  /** HMAC-SHA-512. */
  SHA512("HmacSHA512", "SHA512", "SHA-512", 64);

  private final String jcaName;
  private final String uriName;
  private final String digestName;
  private final int outputLength;

  HmacAlgorithm(String jcaName, String uriName, String digestName, int outputLength) {
    this.jcaName = jcaName;
    this.uriName = uriName;
    this.digestName = digestName;
    this.outputLength = outputLength;
  }

  /**
   * Returns the JCA name of the MAC, for {@link javax.crypto.Mac#getInstance(String)}.
   *
   * @return {@code "HmacSHA1"}, {@code "HmacSHA256"} or {@code "HmacSHA512"}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the name used in {@code otpauth://} URIs and in OCRA suites.
   *
   * @return {@code "SHA1"}, {@code "SHA256"} or {@code "SHA512"}
   */
  public String uriName() {
    return uriName;
  }

  /**
   * Returns the JCA name of the plain hash function, for {@link
   * java.security.MessageDigest#getInstance(String)} (used for OCRA PIN hashes).
   *
   * @return {@code "SHA-1"}, {@code "SHA-256"} or {@code "SHA-512"}
   */
  public String digestName() {
    return digestName;
  }

  /**
   * Returns the length of the hash output in bytes.
   *
   * @return 20, 32 or 64
   */
  public int outputLength() {
    return outputLength;
  }

  /**
   * Returns the usual secret length for this algorithm: the hash output length, as in the seeds of
   * RFC 6238 Appendix B.
   *
   * @return 20, 32 or 64 bytes
   */
  public int defaultSecretLength() {
    return outputLength;
  }

  /**
   * Finds an algorithm by one of its common names, ignoring case: {@code "SHA1"}, {@code "SHA-1"},
   * {@code "HmacSHA1"}, {@code "HMAC-SHA1"}, and likewise for SHA-256 and SHA-512.
   *
   * @param name the name
   * @return the algorithm
   * @throws IllegalArgumentException if the name is none of these
   */
  public static HmacAlgorithm fromName(String name) {
    Objects.requireNonNull(name, "name must not be null");
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("HMAC-")) {
      n = n.substring(5);
    } else if (n.startsWith("HMAC")) {
      n = n.substring(4);
    }
    if (n.startsWith("SHA-")) {
      n = "SHA" + n.substring(4);
    }
    for (HmacAlgorithm algorithm : values()) {
      if (algorithm.uriName.equals(n)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "unknown algorithm '" + name + "' (expected SHA1, SHA256 or SHA512)");
  }
}

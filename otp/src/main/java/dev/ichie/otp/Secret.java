package dev.ichie.otp;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared secret key of HOTP (RFC 4226 §5.1, "K"), TOTP (RFC 6238 §4) or OCRA (RFC 6287 §5.1).
 *
 * <p>Immutable: bytes are copied in when it is made and copied out when they are read. Reading them
 * requires a {@link SecretAccess} token, so that every use is visible in a search. {@link
 * #toString()} prints the length only, {@link #equals(Object)} compares in constant time (for
 * secrets of equal length) and {@link #hashCode()} depends on the length only.
 *
 * <p>This class is thread-safe.
 */
public final class Secret {

  /**
   * The smallest length accepted by {@link #random(SecureRandom, int)}: 128 bits, the minimum of
   * RFC 4226 §4 requirement R6.
   */
  public static final int MINIMUM_RANDOM_LENGTH = 16;

  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Makes a secret from a copy of the given bytes.
   *
   * @param bytes the key material; not empty
   * @return the secret
   * @throws IllegalArgumentException if {@code bytes} is empty
   */
  public static Secret of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes must not be null");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    return new Secret(bytes.clone());
  }

  /**
   * Makes a secret from its Base32 form (RFC 4648 §6), as found in an {@code otpauth://} URI.
   *
   * @param base32 the Base32 text; see {@link Base32#decode(CharSequence)} for what is accepted
   * @return the secret
   * @throws IllegalArgumentException if the text is not valid Base32 or decodes to nothing
   */
  public static Secret fromBase32(CharSequence base32) {
    byte[] decoded = Base32.decode(base32);
    try {
      return of(decoded);
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /**
   * Makes a new random secret.
   *
   * @param random the source of randomness
   * @param length the length in bytes, at least {@value #MINIMUM_RANDOM_LENGTH}; {@link
   *     HmacAlgorithm#defaultSecretLength()} gives the usual one for an algorithm
   * @return the secret
   * @throws IllegalArgumentException if {@code length} is below {@value #MINIMUM_RANDOM_LENGTH}
   */
  public static Secret random(SecureRandom random, int length) {
    Objects.requireNonNull(random, "random must not be null");
    if (length < MINIMUM_RANDOM_LENGTH) {
      throw new IllegalArgumentException(
          "length must be at least " + MINIMUM_RANDOM_LENGTH + " bytes, was " + length);
    }
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return new Secret(bytes);
  }

  /**
   * Returns a copy of the key material.
   *
   * @param access the access token, to make this read visible
   * @return a new array with the key bytes; the caller should clear it after use
   */
  public byte[] bytes(SecretAccess access) {
    Objects.requireNonNull(access, "access must not be null");
    return bytes.clone();
  }

  /**
   * Returns the key material in Base32 without padding, the form of an {@code otpauth://} URI.
   *
   * @param access the access token, to make this read visible
   * @return the upper-case Base32 text without {@code '='} padding
   */
  public String toBase32(SecretAccess access) {
    Objects.requireNonNull(access, "access must not be null");
    return Base32.encodeUnpadded(bytes);
  }

  /**
   * Returns the length of the key.
   *
   * @return the length in bytes
   */
  public int length() {
    return bytes.length;
  }

  /** A JCA key for {@code jcaName}, made without an intermediate copy of the key bytes. */
  SecretKeySpec keySpec(String jcaName) {
    return new SecretKeySpec(bytes, jcaName);
  }

  /** Compares the key material in constant time (for equal lengths; the length is not secret). */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && MessageDigest.isEqual(bytes, ((Secret) other).bytes);
  }

  /** Depends on the length only, so that hash tables do not learn anything about the key. */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  /** Returns {@code "Secret[n bytes]"}; never the key material. */
  @Override
  public String toString() {
    return "Secret[" + bytes.length + " bytes]";
  }
}

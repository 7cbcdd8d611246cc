package dev.ichie.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * A pin of the server's public key: the SHA-256 of the DER encoding of the certificate's
 * SubjectPublicKeyInfo (RFC 7469 §2.4, "pin-sha256"), written in Base64. With a pin the app accepts
 * the server only if the platform trusts its certificate <em>and</em> the leaf certificate's key
 * has this hash. The command that prints it for a server:
 *
 * <pre>
 * openssl s_client -connect HOST:443 &lt;/dev/null | openssl x509 -pubkey -noout \
 *   | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PublicKeyPin {

  private final byte[] sha256;

  private PublicKeyPin(byte[] sha256) {
    this.sha256 = sha256;
  }

  /**
   * Reads a pin.
   *
   * @param base64 the Base64 (standard alphabet, padding optional) of 32 bytes
   * @return the pin
   * @throws TokenException {@link Problem#INVALID_KEY_PIN} if it is not that
   */
  public static PublicKeyPin parse(String base64) throws TokenException {
    Objects.requireNonNull(base64, "base64");
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new TokenException(Problem.INVALID_KEY_PIN, "the key pin is not Base64");
    }
    if (hash.length != 32) {
      throw new TokenException(
          Problem.INVALID_KEY_PIN, "the key pin must be 32 bytes, not " + hash.length);
    }
    return new PublicKeyPin(hash);
  }

  /**
   * The pin of a public key.
   *
   * @param key the key
   * @return SHA-256 of its SubjectPublicKeyInfo
   */
  public static PublicKeyPin of(PublicKey key) {
    return new PublicKeyPin(sha256(key.getEncoded()));
  }

  /**
   * Whether a key is the pinned one (constant time).
   *
   * @param key the server's key
   * @return true if its SubjectPublicKeyInfo hashes to this pin
   */
  public boolean matches(PublicKey key) {
    return MessageDigest.isEqual(sha256, sha256(key.getEncoded()));
  }

  /** The pin in Base64 with padding, as given to {@code --pin-sha256}. */
  public String base64() {
    return Base64.getEncoder().encodeToString(sha256);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicKeyPin that && MessageDigest.isEqual(sha256, that.sha256);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return "PublicKeyPin[sha256/" + base64() + "]";
  }
}

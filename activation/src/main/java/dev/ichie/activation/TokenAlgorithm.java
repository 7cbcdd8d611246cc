package dev.ichie.activation;

import java.util.Optional;

/**
 * The HMAC algorithm of the activated token, as {@code FinishResponse.algorithm} names it on the
 * wire, with the length of the token secret derived for it (ACTIVATION.md step 5: 20 bytes for
 * HMAC-SHA-1, 32 for SHA-256, 64 for SHA-512, the output length of each hash as RFC 6238 §1.2 and
 * RFC 4226 §4 recommend).
 *
 * <p>Immutable and thread-safe.
 */
public enum TokenAlgorithm {
  /** HMAC-SHA-1, wire name {@code "SHA1"}, 20-byte secret. */
  SHA1("SHA1", 20),
  /** HMAC-SHA-256, wire name {@code "SHA256"}, 32-byte secret. */
  SHA256("SHA256", 32),
  /** HMAC-SHA-512, wire name {@code "SHA512"}, 64-byte secret. */
  SHA512("SHA512", 64);

  private final String wireName;
  private final int secretLength;

  TokenAlgorithm(String wireName, int secretLength) {
    this.wireName = wireName;
    this.secretLength = secretLength;
  }

  /** The name in {@code FinishResponse.algorithm}. */
  public String wireName() {
    return wireName;
  }

  /** The length in bytes of the token secret for this algorithm. */
  public int secretLength() {
    return secretLength;
  }

  /** The algorithm with this wire name, if any (exact, case-sensitive match). */
  public static Optional<TokenAlgorithm> fromWireName(String wireName) {
    for (TokenAlgorithm algorithm : values()) {
      if (algorithm.wireName.equals(wireName)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}

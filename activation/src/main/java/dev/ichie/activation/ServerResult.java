package dev.ichie.activation;

/**
 * The server's half of a successful {@code finish}: M2 for the answer, and the SRP session key K
 * from which the token secret is derived (HKDF, RFC 5869 §2).
 *
 * <p>K never leaves this object except through {@link #deriveTokenSecret}; {@link #toString()}
 * prints sizes only. Immutable and thread-safe.
 */
public final class ServerResult {

  private final byte[] m2;
  private final byte[] sessionKey;

  ServerResult(byte[] m2, byte[] sessionKey) {
    this.m2 = m2.clone();
    this.sessionKey = sessionKey.clone();
  }

  /** M2 = H(PAD(A) | PAD(M1) | PAD(S)), 32 bytes, for {@code FinishResponse.M2}. */
  public byte[] M2() {
    return m2.clone();
  }

  /** K = H(PAD(S)), 32 bytes. */
  byte[] sessionKey() {
    return sessionKey.clone();
  }

  /**
   * The token secret: HKDF-SHA-256 (RFC 5869) with IKM = K, salt = UTF-8 of the activation id, info
   * = UTF-8 of "ichie totp secret v1" | 0x00 | serviceId | 0x00 | userId | 0x00 | credentialId.
   *
   * @param activationId the activation id sent in {@code StartResponse}
   * @param serviceId the service ID of the activation
   * @param userId the user ID of the activation
   * @param credentialId the credential id sent in {@code FinishResponse}
   * @param length 20, 32 or 64 ({@link TokenAlgorithm#secretLength()})
   * @return a new array of {@code length} bytes; the caller owns it and should zero it after use
   * @throws IllegalArgumentException if an id breaks the protocol's rules or the length is not 20,
   *     32 or 64
   */
  public byte[] deriveTokenSecret(
      String activationId, String serviceId, String userId, String credentialId, int length) {
    return TokenSecrets.derive(sessionKey, activationId, serviceId, userId, credentialId, length);
  }

  /**
   * Whether a device key's proof of protocol version 2 is right for this run, in constant time: the
   * HMAC-SHA-256 of the key's bytes under the key derived from K, the activation id, the service ID
   * and the user ID (CONFIRMATION.md, "Device key").
   *
   * @param activationId the activation id
   * @param serviceId the service ID of the activation
   * @param userId the user ID of the activation
   * @param devicePublicKey the key's DER SubjectPublicKeyInfo, as sent
   * @param proof the proof, as sent
   * @return true if right
   */
  public boolean deviceKeyProofValid(
      String activationId, String serviceId, String userId, byte[] devicePublicKey, byte[] proof) {
    byte[] key = Confirmation.activationProofKey(sessionKey, activationId, serviceId, userId);
    byte[] expected = Confirmation.hmac(key, devicePublicKey);
    java.util.Arrays.fill(key, (byte) 0);
    return java.security.MessageDigest.isEqual(expected, proof);
  }

  @Override
  public String toString() {
    return "ServerResult[M2=" + m2.length + " bytes, K=" + sessionKey.length + " bytes]";
  }
}

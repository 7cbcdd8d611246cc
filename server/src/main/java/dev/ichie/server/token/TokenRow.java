package dev.ichie.server.token;

import java.time.Instant;

/** One row of the token table joined with its customer; package-private, holds ciphertext only. */
record TokenRow(
    String id,
    long customerId,
    String serviceId,
    String customerRef,
    String userId,
    TokenState state,
    String algorithm,
    int digits,
    int periodSeconds,
    String mobileMail,
    byte[] srpSalt,
    byte[] srpVerifier,
    Integer srpKeyVersion,
    int activationAttemptsLeft,
    Instant issuedAt,
    Instant expiresAt,
    byte[] secretCiphertext,
    Integer secretKeyVersion,
    String credentialId,
    String deviceLabel,
    Instant startedAt,
    Instant lastUsedAt,
    int drift,
    long lastStep,
    int failureCount) {

  @Override
  public String toString() {
    return "TokenRow[id=" + id + ", state=" + state + "]";
  }
}

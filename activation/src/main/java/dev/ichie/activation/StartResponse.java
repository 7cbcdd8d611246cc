package dev.ichie.activation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 200 answer to {@code start}, server → app: {@code
 * {"version":1,"activationId":"…","salt":"…","B":"…","serverTime":"2026-11-26T12:00:00.123Z"}}
 * (ACTIVATION.md, "The wire format").
 *
 * <p>Checked when built: activationId 1–64 characters of the base64url alphabet, salt 32 bytes, B
 * exactly 256 bytes holding a number in [1, N-1], serverTime between the years 0000 and 9999 (kept
 * to the millisecond, as it travels). Immutable (arrays are copied in and out) and thread-safe.
 *
 * @param activationId names this run in {@code finish}; also the HKDF salt of the token secret
 * @param salt the SRP salt of the issuance (or the decoy salt), 32 bytes
 * @param B the server's public value (k·v + g^b) mod N, PAD()ded to 256 bytes
 * @param serverTime the server's clock, so the app can measure its offset
 */
public record StartResponse(
    int version, String activationId, byte[] salt, byte[] B, Instant serverTime) {

  /** Checks and copies. */
  public StartResponse {
    Messages.version(version);
    Rules.requireActivationId(activationId);
    salt = Messages.fixedLength("salt", salt, VerifierRecord.SALT_LENGTH);
    B = Messages.publicValue("B", B);
    serverTime = Messages.serverTime(serverTime);
  }

  /**
   * A version 1 answer.
   *
   * @param activationId the run's id
   * @param salt the verifier's salt
   * @param B the server's public value
   * @param serverTime the server's time
   */
  public StartResponse(String activationId, byte[] salt, byte[] B, Instant serverTime) {
    this(1, activationId, salt, B, serverTime);
  }

  /** A copy of the salt. */
  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** A copy of B. */
  @Override
  public byte[] B() {
    return B.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StartResponse that
        && version == that.version
        && activationId.equals(that.activationId)
        && Arrays.equals(salt, that.salt)
        && Arrays.equals(B, that.B)
        && serverTime.equals(that.serverTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        version, activationId, Arrays.hashCode(salt), Arrays.hashCode(B), serverTime);
  }

  @Override
  public String toString() {
    return "StartResponse[version="
        + version
        + ", activationId="
        + activationId
        + ", salt="
        + salt.length
        + " bytes, B="
        + B.length
        + " bytes, serverTime="
        + serverTime
        + "]";
  }
}

package dev.ichie.activation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 200 answer to {@code finish}, server → app: {@code
 * {"version":1,"M2":"…","credentialId":"…","algorithm":"SHA1","digits":6,"period":30,
 * "serviceName":"…","serverTime":"…"}} (ACTIVATION.md, "The wire format").
 *
 * <p>Checked when built: M2 32 bytes, credentialId 1–64 characters of the base64url alphabet,
 * digits 6–10, period 10–300 seconds, serviceName 1–64 characters, not blank, without control
 * characters, serverTime between the years 0000 and 9999 (kept to the millisecond). Immutable (M2
 * is copied in and out) and thread-safe.
 *
 * @param version 1, or 2 as its request
 * @param M2 the server's evidence message H(PAD(A) | PAD(M1) | PAD(S)), 32 bytes
 * @param credentialId names the new token; also part of the HKDF info of the token secret
 * @param algorithm the token's HMAC algorithm, which fixes the secret's length
 * @param digits the number of digits of a code (RFC 4226 §5.3)
 * @param period the time step in seconds (RFC 6238 §4.1, X)
 * @param serviceName the service's display name for the app
 * @param serverTime the server's clock
 * @param deviceKeyRegistered version 2: the device key is stored ({@code "deviceKey":"REGISTERED"})
 * @param appLock whether the app must be locked by a PIN before it shows codes ({@code
 *     "appLock":"REQUIRED"}; absent is {@link AppLock#OPTIONAL})
 */
public record FinishResponse(
    int version,
    byte[] M2,
    String credentialId,
    TokenAlgorithm algorithm,
    int digits,
    int period,
    String serviceName,
    Instant serverTime,
    boolean deviceKeyRegistered,
    AppLock appLock) {

  /** The smallest number of digits a code may have. */
  public static final int MIN_DIGITS = 6;

  /** The largest number of digits a code may have. */
  public static final int MAX_DIGITS = 10;

  /** The shortest time step in seconds. */
  public static final int MIN_PERIOD = 10;

  /** The longest time step in seconds. */
  public static final int MAX_PERIOD = 300;

  /** Checks and copies. */
  public FinishResponse {
    Messages.version(version);
    if (version == 1 && deviceKeyRegistered) {
      throw new IllegalArgumentException("a version 1 finish registers no device key");
    }
    M2 = Messages.fixedLength("M2", M2, Messages.HASH_LENGTH);
    Rules.requireCredentialId(credentialId);
    Objects.requireNonNull(algorithm, "algorithm");
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be 6 to 10, not " + digits);
    }
    if (period < MIN_PERIOD || period > MAX_PERIOD) {
      throw new IllegalArgumentException("period must be 10 to 300 seconds, not " + period);
    }
    Rules.requireLabel("serviceName", serviceName);
    serverTime = Messages.serverTime(serverTime);
    Objects.requireNonNull(appLock, "appLock");
  }

  /**
   * An answer that leaves the app lock to the customer.
   *
   * @param version 1 or 2, as its request
   * @param M2 the server's evidence
   * @param credentialId the token's credential id
   * @param algorithm the HMAC algorithm
   * @param digits the code's digits
   * @param period the time step in seconds
   * @param serviceName the bank's name
   * @param serverTime the server's time
   * @param deviceKeyRegistered version 2: the device key is stored
   */
  public FinishResponse(
      int version,
      byte[] M2,
      String credentialId,
      TokenAlgorithm algorithm,
      int digits,
      int period,
      String serviceName,
      Instant serverTime,
      boolean deviceKeyRegistered) {
    this(
        version,
        M2,
        credentialId,
        algorithm,
        digits,
        period,
        serviceName,
        serverTime,
        deviceKeyRegistered,
        AppLock.OPTIONAL);
  }

  /**
   * A version 1 answer.
   *
   * @param version 1, or 2 as its request
   * @param M2 the server's evidence
   * @param credentialId the token's credential id
   * @param algorithm the HMAC algorithm
   * @param digits the code's digits
   * @param period the time step in seconds
   * @param serviceName the bank's name
   * @param serverTime the server's time
   */
  public FinishResponse(
      byte[] M2,
      String credentialId,
      TokenAlgorithm algorithm,
      int digits,
      int period,
      String serviceName,
      Instant serverTime) {
    this(1, M2, credentialId, algorithm, digits, period, serviceName, serverTime, false);
  }

  /** A copy of M2. */
  @Override
  public byte[] M2() {
    return M2.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FinishResponse that
        && version == that.version
        && deviceKeyRegistered == that.deviceKeyRegistered
        && appLock == that.appLock
        && Arrays.equals(M2, that.M2)
        && credentialId.equals(that.credentialId)
        && algorithm == that.algorithm
        && digits == that.digits
        && period == that.period
        && serviceName.equals(that.serviceName)
        && serverTime.equals(that.serverTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        version,
        Arrays.hashCode(M2),
        credentialId,
        algorithm,
        digits,
        period,
        serviceName,
        serverTime,
        deviceKeyRegistered,
        appLock);
  }

  @Override
  public String toString() {
    return "FinishResponse[version="
        + version
        + ", M2="
        + M2.length
        + " bytes, credentialId="
        + credentialId
        + ", algorithm="
        + algorithm
        + ", digits="
        + digits
        + ", period="
        + period
        + ", serviceName="
        + serviceName
        + ", serverTime="
        + serverTime
        + ", appLock="
        + appLock
        + (deviceKeyRegistered ? ", deviceKey=REGISTERED" : "")
        + "]";
  }
}

package dev.ichie.activation;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /api/activation/v1/finish}, app → server: {@code
 * {"version":1,"activationId":"…","M1":"…","deviceLabel":"…"}} (ACTIVATION.md, "The wire format").
 *
 * <p>Checked when built: activationId 1–64 characters of the base64url alphabet, M1 32 bytes,
 * deviceLabel 1–64 characters, not blank, without control characters. Immutable (M1 is copied in
 * and out) and thread-safe.
 *
 * <p>Version 2 adds {@code "devicePublicKey"} (the device key's DER SubjectPublicKeyInfo) and
 * {@code "deviceKeyProof"} (CONFIRMATION.md, "Device key"); version 1 has neither.
 *
 * @param version 1, or 2 with the device key
 * @param activationId from {@link StartResponse#activationId()}
 * @param M1 the app's evidence message H(PAD(A) | PAD(B) | PAD(S)), 32 bytes
 * @param deviceLabel a name for the device, shown to the customer in web banking
 * @param devicePublicKey version 2: the device key, else null
 * @param deviceKeyProof version 2: HMAC-SHA-256 of the key under a key derived from K, else null
 */
public record FinishRequest(
    int version,
    String activationId,
    byte[] M1,
    String deviceLabel,
    byte[] devicePublicKey,
    byte[] deviceKeyProof) {

  /** The longest device key this record holds; the server checks its exact form. */
  public static final int MAX_DEVICE_KEY_LENGTH = 512;

  /** Checks and copies. */
  public FinishRequest {
    Messages.version(version);
    Rules.requireActivationId(activationId);
    M1 = Messages.fixedLength("M1", M1, Messages.HASH_LENGTH);
    Rules.requireLabel("deviceLabel", deviceLabel);
    if (version == 1) {
      if (devicePublicKey != null || deviceKeyProof != null) {
        throw new IllegalArgumentException("a version 1 finish has no device key");
      }
    } else {
      if (devicePublicKey == null
          || devicePublicKey.length == 0
          || devicePublicKey.length > MAX_DEVICE_KEY_LENGTH) {
        throw new IllegalArgumentException(
            "devicePublicKey must be 1 to " + MAX_DEVICE_KEY_LENGTH + " bytes");
      }
      devicePublicKey = devicePublicKey.clone();
      deviceKeyProof = Messages.fixedLength("deviceKeyProof", deviceKeyProof, Messages.HASH_LENGTH);
    }
  }

  /**
   * A version 1 request, without a device key.
   *
   * @param activationId the run's id
   * @param M1 the app's evidence
   * @param deviceLabel the device's name
   */
  public FinishRequest(String activationId, byte[] M1, String deviceLabel) {
    this(1, activationId, M1, deviceLabel, null, null);
  }

  /** A copy of the device key's SubjectPublicKeyInfo (version 2), or null. */
  @Override
  public byte[] devicePublicKey() {
    return devicePublicKey == null ? null : devicePublicKey.clone();
  }

  /** A copy of the device key's proof (version 2), or null. */
  @Override
  public byte[] deviceKeyProof() {
    return deviceKeyProof == null ? null : deviceKeyProof.clone();
  }

  /** A copy of M1. */
  @Override
  public byte[] M1() {
    return M1.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FinishRequest that
        && version == that.version
        && activationId.equals(that.activationId)
        && Arrays.equals(M1, that.M1)
        && deviceLabel.equals(that.deviceLabel)
        && Arrays.equals(devicePublicKey, that.devicePublicKey)
        && Arrays.equals(deviceKeyProof, that.deviceKeyProof);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        version,
        activationId,
        Arrays.hashCode(M1),
        deviceLabel,
        Arrays.hashCode(devicePublicKey),
        Arrays.hashCode(deviceKeyProof));
  }

  @Override
  public String toString() {
    return "FinishRequest[version="
        + version
        + ", activationId="
        + activationId
        + ", M1="
        + M1.length
        + " bytes, deviceLabel="
        + deviceLabel
        + (devicePublicKey == null ? "" : ", devicePublicKey=" + devicePublicKey.length + " bytes")
        + "]";
  }
}

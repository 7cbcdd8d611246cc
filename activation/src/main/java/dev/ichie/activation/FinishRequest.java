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
 * @param activationId from {@link StartResponse#activationId()}
 * @param M1 the app's evidence message H(PAD(A) | PAD(B) | PAD(S)), 32 bytes
 * @param deviceLabel a name for the device, shown to the customer in web banking
 */
public record FinishRequest(String activationId, byte[] M1, String deviceLabel) {

  /** Checks and copies. */
  public FinishRequest {
    Rules.requireActivationId(activationId);
    M1 = Messages.fixedLength("M1", M1, Messages.HASH_LENGTH);
    Rules.requireLabel("deviceLabel", deviceLabel);
  }

  /** A copy of M1. */
  @Override
  public byte[] M1() {
    return M1.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FinishRequest that
        && activationId.equals(that.activationId)
        && Arrays.equals(M1, that.M1)
        && deviceLabel.equals(that.deviceLabel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(activationId, Arrays.hashCode(M1), deviceLabel);
  }

  @Override
  public String toString() {
    return "FinishRequest[activationId="
        + activationId
        + ", M1="
        + M1.length
        + " bytes, deviceLabel="
        + deviceLabel
        + "]";
  }
}

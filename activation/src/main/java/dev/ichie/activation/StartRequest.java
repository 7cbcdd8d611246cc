package dev.ichie.activation;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /api/activation/v1/start}, app → server: {@code
 * {"version":1,"serviceId":"…","userId":"…","A":"…"}} (ACTIVATION.md, "The wire format"); version 2
 * (the device key at activation, CONFIRMATION.md) has the same fields.
 *
 * <p>Checked when built: serviceId 1–32 characters of {@code A-Z a-z 0-9 . _ -}, userId 1–32 ASCII
 * digits, A exactly 256 bytes holding a number in [1, N-1]. Immutable (A is copied in and out) and
 * thread-safe.
 *
 * @param version 1, or 2 when the app registers its device key at {@code finish}
 * @param serviceId サービスID
 * @param userId ユーザーID
 * @param A the app's public value g^a mod N, PAD()ded to 256 bytes
 */
public record StartRequest(int version, String serviceId, String userId, byte[] A) {

  /** Checks and copies. */
  public StartRequest {
    Messages.version(version);
    Rules.requireServiceId(serviceId);
    Rules.requireUserId(userId);
    A = Messages.publicValue("A", A);
  }

  /**
   * A version 1 request.
   *
   * @param serviceId サービスID
   * @param userId ユーザーID
   * @param A the app's public value
   */
  public StartRequest(String serviceId, String userId, byte[] A) {
    this(1, serviceId, userId, A);
  }

  /** A copy of A. */
  @Override
  public byte[] A() {
    return A.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StartRequest that
        && version == that.version
        && serviceId.equals(that.serviceId)
        && userId.equals(that.userId)
        && Arrays.equals(A, that.A);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, serviceId, userId, Arrays.hashCode(A));
  }

  @Override
  public String toString() {
    return "StartRequest[version="
        + version
        + ", serviceId="
        + serviceId
        + ", userId="
        + userId
        + ", A="
        + A.length
        + " bytes]";
  }
}

package dev.ichie.activation;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /api/activation/v1/start}, app → server: {@code
 * {"version":1,"serviceId":"…","userId":"…","A":"…"}} (ACTIVATION.md, "The wire format"). The
 * version is not a component: {@link ActivationJson} writes 1 and refuses any other.
 *
 * <p>Checked when built: serviceId 1–32 characters of {@code A-Z a-z 0-9 . _ -}, userId 1–32 ASCII
 * digits, A exactly 256 bytes holding a number in [1, N-1]. Immutable (A is copied in and out) and
 * thread-safe.
 *
 * @param serviceId サービスID
 * @param userId ユーザーID
 * @param A the app's public value g^a mod N, PAD()ded to 256 bytes
 */
public record StartRequest(String serviceId, String userId, byte[] A) {

  /** Checks and copies. */
  public StartRequest {
    Rules.requireServiceId(serviceId);
    Rules.requireUserId(userId);
    A = Messages.publicValue("A", A);
  }

  /** A copy of A. */
  @Override
  public byte[] A() {
    return A.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StartRequest that
        && serviceId.equals(that.serviceId)
        && userId.equals(that.userId)
        && Arrays.equals(A, that.A);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serviceId, userId, Arrays.hashCode(A));
  }

  @Override
  public String toString() {
    return "StartRequest[serviceId="
        + serviceId
        + ", userId="
        + userId
        + ", A="
        + A.length
        + " bytes]";
  }
}

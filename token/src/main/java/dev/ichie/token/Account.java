package dev.ichie.token;

import dev.ichie.otp.TotpParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One activated token in the app, as the customer sees it: the service (サービスID and its name), the
 * user (ユーザーID), the server, the credential id the server gave it, the token parameters, the
 * measured offset of the device clock, and when it was activated. The token secret is not part of
 * this value: it stays in the vault, and {@link TokenApp#code(Account)} uses it.
 *
 * <p>An account is named {@code serviceId:userId} ({@link #name()}); activating the same pair again
 * replaces it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serviceId サービスID
 * @param serviceName the service's display name, from the server
 * @param userId ユーザーID
 * @param server where the server is, with its key pin if any
 * @param credentialId the server's name for this token
 * @param deviceLabel the label sent at activation
 * @param parameters algorithm, digits and period
 * @param clockOffset server time minus device time, added to the device clock for codes
 * @param clockCheckedAt when the offset was measured (device time)
 * @param activatedAt when the activation finished (device time)
 * @param appLockRequired the service requires the app lock (a PIN) before the app shows codes
 */
public record Account(
    String serviceId,
    String serviceName,
    String userId,
    ServerEndpoint server,
    String credentialId,
    String deviceLabel,
    TotpParameters parameters,
    Duration clockOffset,
    Instant clockCheckedAt,
    Instant activatedAt,
    boolean appLockRequired) {

  /** Checks that nothing is missing. */
  public Account {
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(deviceLabel, "deviceLabel");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(clockOffset, "clockOffset");
    Objects.requireNonNull(clockCheckedAt, "clockCheckedAt");
    Objects.requireNonNull(activatedAt, "activatedAt");
  }

  /** The account's name, {@code serviceId:userId}. */
  public String name() {
    return serviceId + ":" + userId;
  }

  /** The same account with a newly measured clock offset. */
  public Account withClockOffset(Duration offset, Instant checkedAt) {
    return new Account(
        serviceId,
        serviceName,
        userId,
        server,
        credentialId,
        deviceLabel,
        parameters,
        offset,
        checkedAt,
        activatedAt,
        appLockRequired);
  }
}

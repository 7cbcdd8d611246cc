package dev.ichie.server.tenant;

import dev.ichie.activation.AppLock;
import dev.ichie.otp.TotpParameters;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One service (tenant) of the OTP service, as the rest of the server sees it: immutable and
 * validated.
 *
 * @param serviceId the service ID (サービスID) customers type into the token app
 * @param displayName the name customers see, in the bank's own language; the token app keeps it
 * @param displayNames the name in other languages, by language tag
 * @param timeZone the bank's time zone, for the next-day rule
 * @param totp the TOTP parameters given to new tokens; issued tokens keep their own
 * @param activationAttempts wrong activation passwords before an issuance is void
 * @param issuanceLifetime how long an issued token waits for the app
 * @param otpFailuresBeforeLock consecutive wrong codes before the token locks
 * @param maxDrift how many time steps a token's learned drift may reach either side of the server's
 *     clock; it moves one step per accepted code at most
 * @param relyingParty the service as a WebAuthn relying party
 * @param appLock the token app's app lock: required (the default) or left to the customer
 */
public record Tenant(
    String serviceId,
    String displayName,
    Map<String, String> displayNames,
    ZoneId timeZone,
    TotpParameters totp,
    int activationAttempts,
    Duration issuanceLifetime,
    int otpFailuresBeforeLock,
    int maxDrift,
    RelyingParty relyingParty,
    AppLock appLock) {

  /**
   * A service as a WebAuthn relying party.
   *
   * @param id the relying party ID (the bank's domain)
   * @param name the name an authenticator shows
   * @param origins the origins ceremonies may come from
   */
  public record RelyingParty(String id, String name, List<String> origins) {

    /** Validates the relying party. */
    public RelyingParty {
      Objects.requireNonNull(id, "relying party ID");
      Objects.requireNonNull(name, "relying party name");
      origins = List.copyOf(origins);
      if (origins.isEmpty()) {
        throw new IllegalArgumentException("a relying party has at least one origin");
      }
    }
  }

  /** Validates the service when it is built. */
  public Tenant {
    Objects.requireNonNull(serviceId, "serviceId");
    if (!serviceId.matches("[A-Za-z0-9._-]{1,32}")) {
      throw new IllegalArgumentException(
          "service ID must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' or '-': " + serviceId);
    }
    Objects.requireNonNull(displayName, "displayName of service " + serviceId);
    displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(totp, "totp");
    if (activationAttempts < 1 || activationAttempts > 10) {
      throw new IllegalArgumentException("activation attempts must be 1 to 10");
    }
    if (issuanceLifetime.isNegative() || issuanceLifetime.isZero()) {
      throw new IllegalArgumentException("issuance lifetime must be positive");
    }
    if (otpFailuresBeforeLock < 1 || otpFailuresBeforeLock > 20) {
      throw new IllegalArgumentException("OTP failures before lock must be 1 to 20");
    }
    Objects.requireNonNull(relyingParty, "relyingParty");
    Objects.requireNonNull(appLock, "appLock");
    if (maxDrift < 1 || maxDrift > 5) {
      throw new IllegalArgumentException("max drift must be 1 to 5 steps");
    }
  }

  /**
   * The name customers of this language see.
   *
   * @param locale the customer's language
   * @return the name in that language, or the bank's own name when none is configured for it
   */
  public String displayName(Locale locale) {
    return displayNames.getOrDefault(locale.getLanguage(), displayName);
  }
}

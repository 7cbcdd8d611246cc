package dev.ichie.server.tenant;

import dev.ichie.activation.AppLock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code ichie.services} configuration: every service (tenant) this server runs, keyed by its
 * service ID.
 *
 * @param services the services by service ID
 */
@ConfigurationProperties("ichie")
public record IchieProperties(Map<String, ServiceConfig> services) {

  /**
   * One service as configured.
   *
   * @param displayName the name customers see, in the bank's own language
   * @param displayNames the name in other languages, by language tag (e.g. {@code en}); mails and
   *     pages in a language listed here use it
   * @param timeZone the bank's time zone, for the next-day rule
   * @param totp the TOTP parameters given to new tokens
   * @param limits the attempt and lifetime limits
   * @param apiKeys the API clients of the bank's systems, with their hashed keys
   * @param passkeys the service as a WebAuthn relying party
   * @param appLock whether the token app must have its app lock (a PIN) before it shows codes;
   *     given to the app at activation
   */
  public record ServiceConfig(
      String displayName,
      @DefaultValue Map<String, String> displayNames,
      @DefaultValue("Asia/Tokyo") ZoneId timeZone,
      @DefaultValue TotpConfig totp,
      @DefaultValue LimitsConfig limits,
      @DefaultValue List<ApiKeyConfig> apiKeys,
      @DefaultValue PasskeyConfig passkeys,
      @DefaultValue("REQUIRED") AppLock appLock) {}

  /**
   * The service as a WebAuthn relying party.
   *
   * @param rpId the relying party ID: the bank's domain
   * @param rpName the name an authenticator shows, the service's display name when unset
   * @param origins the origins a ceremony may come from
   */
  public record PasskeyConfig(
      @DefaultValue("localhost") String rpId,
      String rpName,
      @DefaultValue("http://localhost:8080") List<String> origins) {}

  /**
   * TOTP parameters.
   *
   * @param algorithm SHA1, SHA256 or SHA512
   * @param digits 6 to 8
   * @param period the time step
   */
  public record TotpConfig(
      @DefaultValue("SHA1") String algorithm,
      @DefaultValue("6") int digits,
      @DefaultValue("30s") Duration period) {}

  /**
   * Limits.
   *
   * @param activationAttempts wrong activation passwords before an issuance is void
   * @param issuanceLifetime how long an issued token waits for the app
   * @param otpFailuresBeforeLock consecutive wrong codes before the token locks
   * @param maxDrift steps a token's learned drift may reach either side of the server's clock
   */
  public record LimitsConfig(
      @DefaultValue("5") int activationAttempts,
      @DefaultValue("24h") Duration issuanceLifetime,
      @DefaultValue("5") int otpFailuresBeforeLock,
      @DefaultValue("2") int maxDrift) {}

  /**
   * An API client and the SHA-256 of its key, in lower-case hex.
   *
   * @param name the client's name, recorded in the audit trail
   * @param sha256 the hex SHA-256 of the key
   */
  public record ApiKeyConfig(String name, String sha256) {}
}

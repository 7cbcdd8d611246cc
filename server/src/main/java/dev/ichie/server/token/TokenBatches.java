package dev.ichie.server.token;

import dev.ichie.server.tenant.Tenant;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Customers with active tokens written in batches, for the load-test seeder: the rows issuance,
 * activation and the start of use would leave, through the token feature's repository. Never for
 * production data. Thread-safe.
 */
@Component
public final class TokenBatches {

  /**
   * One customer to seed.
   *
   * @param customerRef the customer reference
   * @param userId a user ID not taken in the service
   * @param tokenId the token's id
   * @param ciphertext the token secret, sealed by the vault for purpose {@code token} and this id
   * @param keyVersion the vault key version it was sealed under
   */
  public record Seed(
      String customerRef, String userId, String tokenId, byte[] ciphertext, int keyVersion) {}

  private final TokenRepository tokens;

  TokenBatches(TokenRepository tokens) {
    this.tokens = tokens;
  }

  /**
   * How many customers of a service have a reference starting with the prefix.
   *
   * @param serviceId the service
   * @param prefix the prefix
   * @return their number
   */
  public long customersWithPrefix(String serviceId, String prefix) {
    return tokens.countCustomersWithPrefix(serviceId, prefix);
  }

  /**
   * The user IDs taken in a service.
   *
   * @param serviceId the service
   * @return a new, modifiable set
   */
  public Set<String> userIds(String serviceId) {
    return new HashSet<>(tokens.userIds(serviceId));
  }

  /**
   * Writes the customers, each with an ACTIVE token of the service's parameters, in the caller's
   * transaction.
   *
   * @param tenant the service
   * @param seeds the customers
   * @param now when
   */
  public void insertActive(Tenant tenant, List<Seed> seeds, Instant now) {
    tokens.insertActiveBatch(
        tenant.serviceId(),
        tenant.totp().algorithm().uriName(),
        tenant.totp().digits(),
        (int) tenant.totp().period().toSeconds(),
        Math.max(0, tenant.activationAttempts() - 1),
        now,
        now.plus(tenant.issuanceLifetime()),
        seeds);
  }
}

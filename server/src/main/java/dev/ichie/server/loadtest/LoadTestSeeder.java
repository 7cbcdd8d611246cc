package dev.ichie.server.loadtest;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenBatches;
import dev.ichie.server.token.UserIds;
import dev.ichie.server.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a database for a load test: many customers, each with an ACTIVE token whose secret a load
 * generator can derive from a seed key, so that it can compute valid codes without the database.
 *
 * <p>Customer {@code i} is {@code PREFIX} followed by {@code i} in 7 digits ({@link #customerRef});
 * its token secret is the first 20 bytes of HMAC-SHA-256(seed key, customer reference) ({@link
 * #secret}), stored encrypted by the vault exactly as an activation stores it. The rows are written
 * in batches, one transaction and one audit record per chunk. Never for production: the command
 * refuses the {@code prod} profile, and anyone who has the seed key can compute every code.
 */
public final class LoadTestSeeder {

  /** Customers per transaction. */
  public static final int DEFAULT_CHUNK = 1000;

  /** Most customers one call seeds. */
  public static final int MAX_COUNT = 9_999_999;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._@-]{1,50}");
  private static final String SEALED_PURPOSE = "token";
  private static final Actor ACTOR = new Actor(Actor.Type.SYSTEM, "seed-load-test", null);

  private final TokenBatches batches;
  private final TransactionTemplate tx;
  private final Vault vault;
  private final Tenants tenants;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * A seeder over the server's beans.
   *
   * @param batches writes the customers and their tokens
   * @param tx transactions on it
   * @param vault encrypts the token secrets
   * @param tenants the configured services
   * @param audit the audit trail
   * @param clock the clock
   */
  public LoadTestSeeder(
      TokenBatches batches,
      TransactionTemplate tx,
      Vault vault,
      Tenants tenants,
      AuditLog audit,
      Clock clock) {
    this.batches = batches;
    this.tx = tx;
    this.vault = vault;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The reference of load-test customer {@code i}.
   *
   * @param prefix the prefix
   * @param i the customer's number, from 0
   * @return the prefix, then {@code i} in 7 digits
   */
  public static String customerRef(String prefix, int i) {
    return prefix + String.format("%07d", i);
  }

  /**
   * The token secret of a load-test customer.
   *
   * @param seedKey the seed key
   * @param customerRef the customer reference
   * @return the first 20 bytes of HMAC-SHA-256(seedKey, customerRef in UTF-8)
   */
  public static byte[] secret(byte[] seedKey, String customerRef) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seedKey, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(customerRef.getBytes(StandardCharsets.UTF_8)), 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  /**
   * Creates {@code count} customers {@code customerRef(prefix, 0 … count-1)} in a service, each
   * with an ACTIVE token.
   *
   * @param serviceId a configured service
   * @param prefix the prefix of the customer references: 1 to 50 of {@code A-Z a-z 0-9 . _ @ -}
   * @param count how many, 1 to {@link #MAX_COUNT}
   * @param seedKey the seed key, at least 16 bytes
   * @param chunk customers per transaction
   * @return how many customers were created
   * @throws IllegalArgumentException if an argument is out of range or the service is unknown
   * @throws IllegalStateException if the service already has customers with this prefix
   */
  public int seed(String serviceId, String prefix, int count, byte[] seedKey, int chunk) {
    Tenant tenant =
        tenants
            .find(serviceId)
            .orElseThrow(() -> new IllegalArgumentException("unknown service: " + serviceId));
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "the prefix must be 1 to 50 of the characters A-Z a-z 0-9 . _ @ -");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("the count must be 1 to " + MAX_COUNT);
    }
    if (seedKey == null || seedKey.length < 16) {
      throw new IllegalArgumentException("the seed key must be at least 16 bytes");
    }
    if (chunk < 1) {
      throw new IllegalArgumentException("the chunk must be at least 1");
    }
    long existing = batches.customersWithPrefix(serviceId, prefix);
    if (existing > 0) {
      throw new IllegalStateException(
          "service "
              + serviceId
              + " already has "
              + existing
              + " customers whose reference starts with '"
              + prefix
              + "' (seeded before?); use another prefix or a fresh database");
    }
    Set<String> userIds = batches.userIds(serviceId);
    int done = 0;
    for (int from = 0; from < count; from += chunk) {
      int to = Math.min(count, from + chunk);
      seedChunk(tenant, prefix, from, to, seedKey, userIds);
      done = to;
    }
    return done;
  }

  private void seedChunk(
      Tenant tenant, String prefix, int from, int to, byte[] seedKey, Set<String> userIds) {
    String serviceId = tenant.serviceId();
    // Encrypt outside the transaction: it holds a connection only for the writes.
    List<TokenBatches.Seed> seeds = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      String ref = customerRef(prefix, i);
      String userId;
      do {
        userId = UserIds.next(random);
      } while (!userIds.add(userId));
      String tokenId = UUID.randomUUID().toString();
      byte[] raw = secret(seedKey, ref);
      try {
        Vault.Sealed sealed = vault.seal(SEALED_PURPOSE, tokenId, raw);
        seeds.add(
            new TokenBatches.Seed(ref, userId, tokenId, sealed.ciphertext(), sealed.keyVersion()));
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
    Instant now = clock.instant();
    tx.executeWithoutResult(
        s -> {
          batches.insertActive(tenant, seeds, now);
          audit.record(
              new AuditLog.Subject(serviceId, null, null, null),
              ACTOR,
              "LOAD_TEST_SEEDED",
              "OK",
              (to - from)
                  + " customers with ACTIVE tokens, "
                  + seeds.get(0).customerRef()
                  + " to "
                  + seeds.get(seeds.size() - 1).customerRef());
        });
  }
}

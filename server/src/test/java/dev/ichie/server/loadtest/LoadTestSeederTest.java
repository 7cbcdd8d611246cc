package dev.ichie.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenBatches;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.vault.Vault;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/** The load-test seeding: seeded tokens verify through the token service like activated ones. */
@ServerTest
class LoadTestSeederTest {

  static final Actor ACTOR = new Actor(Actor.Type.API_CLIENT, "test", "127.0.0.1");

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Vault vault;
  @Autowired Tenants tenants;
  @Autowired AuditLog audit;
  @Autowired TestClock clock;
  @Autowired TokenQueries queries;
  @Autowired CodeCheck codes;
  @Autowired TokenBatches batches;

  final Totp totp = new Totp(TotpParameters.DEFAULT);
  LoadTestSeeder seeder;
  byte[] seedKey;
  String prefix;

  @BeforeEach
  void setUp() {
    clock.set(TestConfig.START);
    seeder = new LoadTestSeeder(batches, tx, vault, tenants, audit, clock);
    seedKey = new byte[32];
    new SecureRandom().nextBytes(seedKey);
    UsedSecrets.add(HexFormat.of().formatHex(seedKey));
    prefix = "lt" + System.nanoTime() % 1_000_000_000 + "_";
  }

  String code(String customerRef) {
    byte[] raw = LoadTestSeeder.secret(seedKey, customerRef);
    Secret secret = Secret.of(raw);
    UsedSecrets.add(secret.toBase32(SecretAccess.get()));
    return UsedSecrets.add(totp.generate(secret, clock.instant()));
  }

  @Test
  void seedWhenDoneThenEveryTokenVerifiesWithCodeFromSeedKey() {
    assertThat(seeder.seed("demo", prefix, 50, seedKey, 20)).isEqualTo(50);

    for (int i : new int[] {0, 19, 20, 49}) {
      String ref = LoadTestSeeder.customerRef(prefix, i);
      assertThat(queries.status("demo", ref).status().state()).isEqualTo(TokenState.ACTIVE);
      String code = code(ref);
      assertThat(codes.verify("demo", ref, code, ACTOR).result()).isEqualTo(Result.OK);
      assertThat(codes.verify("demo", ref, code, ACTOR).result()).isEqualTo(Result.REPLAYED);
    }
    clock.advance(Duration.ofSeconds(30));
    String ref = LoadTestSeeder.customerRef(prefix, 7);
    assertThat(codes.verify("demo", ref, code(ref), ACTOR).result()).isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    assertThat(codes.verify("demo", ref, code(ref), ACTOR).result()).isEqualTo(Result.OK);
  }

  @Test
  void seedWhenChunkedThenOneAuditRecordPerChunkAndUniqueUserIds() {
    seeder.seed("demo", prefix, 45, seedKey, 20);

    Long audits =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM audit_event WHERE event = 'LOAD_TEST_SEEDED' AND detail LIKE ?",
            Long.class,
            "%" + prefix + "%");
    assertThat(audits).isEqualTo(3);
    Long users =
        jdbc.queryForObject(
            "SELECT COUNT(DISTINCT user_id) FROM customer WHERE customer_ref LIKE ?",
            Long.class,
            prefix + "%");
    assertThat(users).isEqualTo(45);
    Long sealedUnderCurrent =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM token t JOIN customer c ON c.id = t.customer_id"
                + " WHERE c.customer_ref LIKE ? AND t.state = 'ACTIVE'"
                + " AND t.open_customer_id = t.customer_id AND t.secret_key_version = ?",
            Long.class,
            prefix + "%",
            vault.currentVersion());
    assertThat(sealedUnderCurrent).isEqualTo(45);
  }

  @Test
  void seedWhenPrefixAlreadySeededThenRefusesAndWritesNothing() {
    seeder.seed("demo", prefix, 3, seedKey, 1000);

    assertThatThrownBy(() -> seeder.seed("demo", prefix, 3, seedKey, 1000))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has 3 customers");
    assertThatThrownBy(() -> seeder.seed("nope", prefix + "x", 3, seedKey, 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> seeder.seed("demo", prefix + "x", 3, new byte[8], 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> seeder.seed("demo", "bad prefix", 3, seedKey, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commandWhenProdProfileThenRefused() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    assertThatThrownBy(() -> SeedLoadTestCommand.RefuseProd.check(prod))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prod");
    SeedLoadTestCommand.RefuseProd.check(new MockEnvironment());

    assertThat(SeedLoadTestCommand.run(Object.class, new String[] {"seed-load-test"})).isEqualTo(2);
  }
}

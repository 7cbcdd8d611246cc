package dev.ichie.server.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.vault.Vault;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database filled by the previous version (schema V3: tokens without credential rows), then
 * migrated: every token becomes a TOTP credential in its own state, and live tokens keep working.
 * Run on each database by its subclasses, each on a database of its own left at V3 by the context.
 */
abstract class MigrationFromV3Contract {

  static final Actor ACTOR = new Actor(Actor.Type.API_CLIENT, "test", "127.0.0.1");

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired Vault vault;
  @Autowired CodeCheck codes;
  @Autowired TokenLifecycle lifecycle;
  @Autowired FactorCheck factors;
  @Autowired TestClock clock;

  private final SecureRandom random = new SecureRandom();
  private final Totp totp = new Totp(TotpParameters.DEFAULT);

  /** A customer and token as V3 wrote them; returns the secret. */
  private Secret v3Token(String ref, String userId, String state, boolean ended) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            "INSERT INTO customer (service_id, customer_ref, user_id, created_at)"
                + " VALUES ('demo', ?, ?, ?)")
        .params(ref, userId, now)
        .update();
    long customerId =
        jdbc.sql("SELECT id FROM customer WHERE customer_ref = ?")
            .param(ref)
            .query(Long.class)
            .single();
    String tokenId = UUID.randomUUID().toString();
    Secret secret = Secret.random(random, 20);
    byte[] raw = secret.bytes(dev.ichie.otp.SecretAccess.get());
    Vault.Sealed sealed = vault.seal("token", tokenId, raw);
    jdbc.sql(
            """
            INSERT INTO token (id, customer_id, open_customer_id, service_id, state, algorithm,
                digits, period_seconds, mobile_mail, activation_attempts_left, issued_at,
                expires_at, secret_ciphertext, secret_key_version, credential_id, device_label,
                activated_at, started_at, ended_at, drift, last_step, failure_count)
            VALUES (?, ?, ?, 'demo', ?, 'SHA1', 6, 30, 'v3@example.jp', 4, ?, ?, ?, ?, 'c', 'v3 phone',
                ?, ?, ?, 0, -1, ?)""")
        .params(
            tokenId,
            customerId,
            ended ? null : customerId,
            state,
            now,
            now,
            ended ? null : sealed.ciphertext(),
            ended ? null : sealed.keyVersion(),
            now,
            now,
            ended ? now : null,
            "LOCKED".equals(state) ? 5 : 0)
        .update();
    return secret;
  }

  @Test
  void migratedWhenTokensLiveThenCredentialsAndCodesStillVerify() {
    clock.set(TestConfig.START);
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    assertThat(flyway.info().current().getVersion().getVersion())
        .as("the context starts on the previous schema")
        .isEqualTo("3");
    Secret active = v3Token("V3-ACTIVE", "1000000001", "ACTIVE", false);
    Secret locked = v3Token("V3-LOCKED", "1000000002", "LOCKED", false);
    v3Token("V3-REVOKED", "1000000003", "REVOKED", true);

    flyway.migrate();

    List<String> credentials =
        jdbc.sql(
                """
                SELECT c.customer_ref || ':' || cr.kind || ':' || cr.state FROM credential cr
                JOIN customer c ON c.id = cr.customer_id ORDER BY c.customer_ref""")
            .query(String.class)
            .list();
    assertThat(credentials)
        .containsExactly(
            "V3-ACTIVE:TOTP_TOKEN:ACTIVE",
            "V3-LOCKED:TOTP_TOKEN:LOCKED",
            "V3-REVOKED:TOTP_TOKEN:REVOKED");

    assertThat(
            codes
                .verify("demo", "V3-ACTIVE", totp.generate(active, clock.instant()), ACTOR)
                .result())
        .isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    Verdict v =
        factors.check(
            new Subject("demo", "V3-ACTIVE"),
            new Operation.Verification(),
            Set.of(),
            ACTOR,
            new Proof.OtpCode(totp.generate(active, clock.instant())));
    assertThat(v.allowed()).isTrue();

    assertThat(
            factors
                .check(
                    new Subject("demo", "V3-LOCKED"),
                    new Operation.Verification(),
                    Set.of(),
                    ACTOR,
                    new Proof.OtpCode(totp.generate(locked, clock.instant())))
                .result(Factor.OTP)
                .orElseThrow()
                .reason())
        .isEqualTo("LOCKED");
    assertThat(lifecycle.unlock("demo", "V3-LOCKED", ACTOR).result()).isEqualTo(Result.OK);
    assertThat(
            jdbc.sql(
                    "SELECT cr.state FROM credential cr JOIN customer c ON c.id = cr.customer_id"
                        + " WHERE c.customer_ref = 'V3-LOCKED'")
                .query(String.class)
                .single())
        .as("the credential follows its token")
        .isEqualTo("ACTIVE");
    assertThat(
            codes
                .verify("demo", "V3-LOCKED", totp.generate(locked, clock.instant()), ACTOR)
                .result())
        .isEqualTo(Result.OK);
  }
}

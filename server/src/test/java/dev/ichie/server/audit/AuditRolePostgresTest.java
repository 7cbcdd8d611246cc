package dev.ichie.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.CodeCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * On PostgreSQL the application connects as its own role (scripts/test.sh makes {@code ichie_app})
 * and migrations run as the schema's owner: the whole token life works and is audited, while an
 * UPDATE, DELETE or TRUNCATE of the audit trail or its seals by the application's role fails.
 */
@ServerTest
@ActiveProfiles({"test", "pg"})
@TestPropertySource(
    properties = {
      "spring.datasource.username=${ICHIE_TEST_POSTGRES_APP_USER:ichie_app}",
      "spring.datasource.password=${ICHIE_TEST_POSTGRES_APP_PASSWORD:ichie_app}",
      "spring.flyway.user=${ICHIE_TEST_POSTGRES_USER:ichie}",
      "spring.flyway.password=${ICHIE_TEST_POSTGRES_PASSWORD:ichie}",
      "ichie.database.app-role=${ICHIE_TEST_POSTGRES_APP_USER:ichie_app}"
    })
class AuditRolePostgresTest {

  static final dev.ichie.server.audit.Actor BANK =
      new dev.ichie.server.audit.Actor(dev.ichie.server.audit.Actor.Type.SYSTEM, "test", null);

  @Autowired JdbcClient jdbc;
  @Autowired TokenIssuance issuance;
  @Autowired ActivationTargets activations;
  @Autowired CodeCheck codes;
  @Autowired AuditSeals seals;
  @Autowired TestClock clock;

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }

  @Test
  void appRoleWhenItWorksThenAuditedButTheTrailCannotBeChangedByIt() {
    clock.set(TestConfig.START.plus(Duration.ofDays(40)));
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
        .isEqualTo(System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_APP_USER", "ichie_app"));
    String customer = "role-" + System.nanoTime() % 1_000_000_000L;
    var issued = issuance.issue("demo", customer, "role@example.jp", "50738291", BANK);
    assertThat(issued.result()).isEqualTo(Result.OK);
    Secret secret = Secret.random(new SecureRandom(), 20);
    activations.completeActivation(
        issued.status().tokenId(), secret, "cred-" + customer, "p", BANK);
    Totp totp = new Totp(TotpParameters.DEFAULT);
    assertThat(
            codes
                .startUse(
                    "demo", customer, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK)
                .result())
        .isEqualTo(Result.OK);
    clock.advance(Duration.ofSeconds(30));
    assertThat(
            codes
                .verify(
                    "demo", customer, UsedSecrets.add(totp.generate(secret, clock.instant())), BANK)
                .result())
        .as("the code check's update and its audit record in one statement")
        .isEqualTo(Result.OK);
    long rows =
        jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE customer_ref = ?")
            .param(customer)
            .query(Long.class)
            .single();
    assertThat(rows).isGreaterThanOrEqualTo(4);

    for (String sql :
        new String[] {
          "UPDATE audit_event SET outcome = 'OK' WHERE customer_ref = '" + customer + "'",
          "DELETE FROM audit_event WHERE customer_ref = '" + customer + "'",
          "TRUNCATE audit_event CASCADE",
          "UPDATE audit_seal SET hash = hash",
          "DELETE FROM audit_seal"
        }) {
      assertThatThrownBy(() -> jdbc.sql(sql).update())
          .as(sql)
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("permission denied");
    }
    clock.advance(Duration.ofSeconds(11));
    assertThat(seals.seal()).as("sealing only adds").isPositive();
    assertThat(seals.verify().intact()).isTrue();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE customer_ref = ?")
                .param(customer)
                .query(Long.class)
                .single())
        .isEqualTo(rows);
    // This context's vault is its own: leave no secret that the other contexts sharing the
    // database cannot open (their key rotation test re-encrypts every row).
    jdbc.sql("UPDATE token SET secret_ciphertext = NULL, secret_key_version = NULL WHERE id = ?")
        .param(issued.status().tokenId())
        .update();
  }
}

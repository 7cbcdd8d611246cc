package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.netbank.BankCustomers;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One password sprayed over many login IDs from one address: the per-address limit of wrong guesses
 * stops it, though no account reaches its own lock.
 */
abstract class GuessThrottleContract {

  @Autowired FactorCheck factors;
  @Autowired BankCustomers customers;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @Test
  void sprayWhenTwoHundredTriesOverFiftyLoginIdsFromOneAddressThenThrottled() {
    clock.set(TestConfig.START);
    String run = "S" + System.nanoTime() % 1_000_000 + "x";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = run + i;
      customers.create(id, "spray" + id, "Spray", "right-" + i, "confirm-" + i, "A" + id, 1000);
      ids.add(id);
    }
    Actor sprayer = new Actor(Actor.Type.CUSTOMER, null, "203.0.113." + (run.hashCode() & 0x7f));
    int wrong = 0;
    int throttled = 0;
    for (int round = 0; round < 4; round++) {
      for (String id : ids) {
        ProofResult r = login(id, "Spring2026!", sprayer);
        if (r.status() == ProofResult.Status.WRONG) {
          wrong++;
        } else {
          assertThat(r.status()).isEqualTo(ProofResult.Status.THROTTLED);
          throttled++;
        }
      }
    }
    assertThat(wrong).as("wrong guesses compared from the address").isEqualTo(30);
    assertThat(throttled).isEqualTo(170);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM bank_customer WHERE id LIKE ? AND login_locked")
                .param(run + "%")
                .query(Long.class)
                .single())
        .as("no account reached its own lock")
        .isZero();
    assertThat(login(run + 7, "right-7", sprayer).status())
        .as("from the throttled address even the right password is not compared")
        .isEqualTo(ProofResult.Status.THROTTLED);
    assertThat(
            login(run + 7, "right-7", new Actor(Actor.Type.CUSTOMER, null, "198.51.100.4"))
                .status())
        .as("another address is not throttled")
        .isEqualTo(ProofResult.Status.OK);
    clock.advance(Duration.ofMinutes(10));
    assertThat(login(run + 8, "right-8", sprayer).status())
        .as("the next window")
        .isEqualTo(ProofResult.Status.OK);
  }

  private ProofResult login(String id, String password, Actor actor) {
    return factors
        .check(
            new Subject("demo", id),
            new Operation.Login(),
            Set.of(),
            actor,
            new Proof.Password(Factor.LOGIN_PASSWORD, password))
        .results()
        .get(0);
  }
}

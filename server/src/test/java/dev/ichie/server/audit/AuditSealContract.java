package dev.ichie.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sealed audit trail: rows sealed in order once settled; an edited row, and a row deleted with
 * its seal, found by the verification at exactly that place; put back, the chain is whole again.
 * Run on each database by its subclasses.
 */
abstract class AuditSealContract {

  @Autowired AuditLog audit;
  @Autowired AuditSeals seals;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;

  private List<Long> write(int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      audit.record(
          new AuditLog.Subject("demo", "seal-" + i, null, null),
          Actor.SYSTEM,
          "SEAL_TEST",
          "OK",
          i % 2 == 0 ? null : "detail " + i);
      ids.add(
          jdbc.sql("SELECT MAX(id) FROM audit_event WHERE event = 'SEAL_TEST'")
              .query(Long.class)
              .single());
    }
    return ids;
  }

  @Test
  void chainWhenRowEditedOrDeletedThenVerificationPointsAtItAndWholeWhenPutBack() {
    clock.set(TestConfig.START.plus(Duration.ofDays(30)));
    seals.seal(); // what other tests wrote before
    List<Long> ids = write(5);
    assertThat(seals.seal()).as("too young: not sealed yet").isZero();
    clock.advance(Duration.ofSeconds(11));
    assertThat(seals.seal()).isGreaterThanOrEqualTo(5);
    AuditSeals.Verification whole = seals.verify();
    assertThat(whole.intact()).as(String.valueOf(whole)).isTrue();
    assertThat(whole.head()).hasSize(64);

    long edited = ids.get(2);
    jdbc.sql("UPDATE audit_event SET outcome = 'REFUSED' WHERE id = ?").param(edited).update();
    AuditSeals.Verification changed = seals.verify();
    assertThat(changed.intact()).isFalse();
    assertThat(changed.firstBroken()).isEqualTo(edited);
    assertThat(changed.problem()).contains("changed");
    jdbc.sql("UPDATE audit_event SET outcome = 'OK' WHERE id = ?").param(edited).update();
    assertThat(seals.verify().intact()).isTrue();

    long deleted = ids.get(3);
    Map<String, Object> row =
        jdbc.sql("SELECT * FROM audit_event WHERE id = ?").param(deleted).query().singleRow();
    Map<String, Object> seal =
        jdbc.sql("SELECT * FROM audit_seal WHERE event_id = ?").param(deleted).query().singleRow();
    jdbc.sql("DELETE FROM audit_seal WHERE event_id = ?").param(deleted).update();
    jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(deleted).update();
    AuditSeals.Verification gone = seals.verify();
    assertThat(gone.firstBroken())
        .as("the next row's seal was made over the deleted one's")
        .isEqualTo(ids.get(4));
    jdbc.sql(
            "INSERT INTO audit_event (id, occurred_at, service_id, customer_ref, user_id, token_id,"
                + " actor_type, actor_id, event, outcome, source_address, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            row.get("id"),
            row.get("occurred_at"),
            row.get("service_id"),
            row.get("customer_ref"),
            row.get("user_id"),
            row.get("token_id"),
            row.get("actor_type"),
            row.get("actor_id"),
            row.get("event"),
            row.get("outcome"),
            row.get("source_address"),
            row.get("detail"))
        .update();
    jdbc.sql("INSERT INTO audit_seal (event_id, hash, sealed_at) VALUES (?, ?, ?)")
        .params(seal.get("event_id"), seal.get("hash"), seal.get("sealed_at"))
        .update();
    assertThat(seals.verify().intact()).isTrue();
  }

  @Test
  void exportWhenAskedFromAnIdThenOneJsonLinePerRowWithItsSeal() {
    clock.set(TestConfig.START.plus(Duration.ofDays(31)));
    List<Long> ids = write(2);
    clock.advance(Duration.ofSeconds(11));
    seals.seal();
    List<AuditSeals.Exported> rows = new ArrayList<>();
    seals.export(ids.get(0), rows::add);
    assertThat(rows).extracting(e -> e.row().id()).startsWith(ids.get(0), ids.get(1));
    assertThat(rows.get(0).seal()).hasSize(64);
    assertThat(rows.get(1).row().values()).contains("detail 1", "SEAL_TEST");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(
            AuditCommand.run(Object.class, new String[] {"audit", "nope"}, new PrintStream(bytes)))
        .as("usage")
        .isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void sealWhenRunOnSeveralNodesAtOnceThenEveryRowSealedOnceAndTheChainWhole() throws Exception {
    clock.set(TestConfig.START.plus(Duration.ofDays(32)));
    seals.seal();
    write(40);
    clock.advance(Duration.ofSeconds(11));
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return seals.seal();
                }));
      }
      int total = 0;
      for (java.util.concurrent.Future<Integer> f : runs) {
        total += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(total).as("each row sealed by one of them").isEqualTo(40);
    } finally {
      pool.shutdownNow();
    }
    AuditSeals.Verification v = seals.verify();
    assertThat(v.intact()).as(String.valueOf(v)).isTrue();
    assertThat(v.unsealed()).isZero();
  }
}

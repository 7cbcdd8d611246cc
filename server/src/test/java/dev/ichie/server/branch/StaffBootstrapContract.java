package dev.ichie.server.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code staff bootstrap} run several times at once (as on several nodes): one administrator,
 * whatever the interleaving. The database's own administrators are set aside for the test and put
 * back. Run on each database by its subclasses.
 */
abstract class StaffBootstrapContract {

  @Autowired StaffAccounts staff;
  @Autowired JdbcClient jdbc;

  @Test
  void bootstrapWhenRunManyTimesAtOnceThenOneAdministrator() throws Exception {
    List<String> existing =
        jdbc.sql("SELECT login_id FROM staff WHERE role = 'ADMIN' AND active = TRUE")
            .query(String.class)
            .list();
    jdbc.sql("UPDATE staff SET active = FALSE WHERE role = 'ADMIN' AND active = TRUE").update();
    String prefix = "boot" + System.nanoTime() % 100_000 + "-";
    List<String> ids = new ArrayList<>();
    try {
      CyclicBarrier start = new CyclicBarrier(6);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<Optional<String>>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = prefix + i;
        ids.add(id);
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return staff.bootstrapAdmin(
                      id, "管理 " + id, "本店", id + "@example.jp", Actor.SYSTEM);
                }));
      }
      int made = 0;
      for (Future<Optional<String>> f : runs) {
        made += f.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
      }
      pool.shutdownNow();
      assertThat(made).isEqualTo(1);
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM staff WHERE role = 'ADMIN' AND active = TRUE")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    } finally {
      for (String id : ids) {
        jdbc.sql("UPDATE staff SET active = FALSE WHERE login_id = ?").param(id).update();
      }
      for (String id : existing) {
        jdbc.sql("UPDATE staff SET active = TRUE WHERE login_id = ?").param(id).update();
      }
    }
  }
}

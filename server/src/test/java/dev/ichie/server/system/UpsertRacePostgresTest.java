package dev.ichie.server.system;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** The upsert races on PostgreSQL, where a duplicate key used to abort the transaction. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class UpsertRacePostgresTest extends UpsertRaceContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

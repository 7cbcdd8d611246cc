package dev.ichie.server.branch;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** Staff administration under dual control on PostgreSQL: the approvals at once, across a pool. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class StaffAdministrationPostgresTest extends StaffAdministrationContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

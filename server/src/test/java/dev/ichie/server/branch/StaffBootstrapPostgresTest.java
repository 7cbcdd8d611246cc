package dev.ichie.server.branch;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** Staff bootstrap at once on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class StaffBootstrapPostgresTest extends StaffBootstrapContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

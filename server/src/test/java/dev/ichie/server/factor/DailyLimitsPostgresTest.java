package dev.ichie.server.factor;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** The day's transfer limits on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class DailyLimitsPostgresTest extends DailyLimitsContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

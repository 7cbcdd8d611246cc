package dev.ichie.server.factor;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** The spray throttle on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
@TestPropertySource(properties = "ichie.factors.wrong-guesses-per-address=30")
class GuessThrottlePostgresTest extends GuessThrottleContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

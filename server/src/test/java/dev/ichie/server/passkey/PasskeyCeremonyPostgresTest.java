package dev.ichie.server.passkey;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** The passkey ceremonies on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class PasskeyCeremonyPostgresTest extends PasskeyCeremonyContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

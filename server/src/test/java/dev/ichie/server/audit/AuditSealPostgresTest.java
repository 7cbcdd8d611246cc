package dev.ichie.server.audit;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** The sealed audit trail on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class AuditSealPostgresTest extends AuditSealContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

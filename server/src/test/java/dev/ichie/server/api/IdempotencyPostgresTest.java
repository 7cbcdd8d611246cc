package dev.ichie.server.api;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** Retries with an Idempotency-Key on PostgreSQL, across the connections of a pool. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class IdempotencyPostgresTest extends IdempotencyContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }

  @Override
  boolean postgres() {
    return true;
  }
}

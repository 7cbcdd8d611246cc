package dev.ichie.server.confirm;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** 取引認証 on PostgreSQL: decisions sent at once are decided once, as on two nodes. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class ConfirmationPostgresTest extends ConfirmationContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }
}

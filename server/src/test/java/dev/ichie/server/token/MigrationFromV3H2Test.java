package dev.ichie.server.token;

import dev.ichie.server.support.ServerTest;
import org.springframework.test.context.TestPropertySource;

/** The migration from V3 on an H2 database of its own. */
@ServerTest
@TestPropertySource(
    properties = {
      "spring.flyway.target=3",
      "spring.datasource.url=jdbc:h2:mem:ichie-v3-${random.uuid};DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
    })
class MigrationFromV3H2Test extends MigrationFromV3Contract {}

package dev.ichie.server.token;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The migration from V3 on PostgreSQL, in a schema of its own that Flyway creates. */
@ServerTest
@ActiveProfiles({"test", "pg"})
@TestPropertySource(properties = "spring.flyway.target=3")
class MigrationFromV3PostgresTest extends MigrationFromV3Contract {

  static final String SCHEMA =
      "v3_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }

  @DynamicPropertySource
  static void ownSchema(DynamicPropertyRegistry registry) {
    String url = System.getenv("ICHIE_TEST_POSTGRES_URL");
    if (url != null) {
      registry.add(
          "spring.datasource.url",
          () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
      registry.add("spring.flyway.schemas", () -> SCHEMA);
    }
  }
}

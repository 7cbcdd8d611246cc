package dev.ichie.server.token;

import dev.ichie.server.support.PostgresRequired;
import dev.ichie.server.support.ServerTest;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/** The token service's rules on PostgreSQL. */
@ServerTest
@ActiveProfiles({"test", "pg"})
class TokenServicePostgresTest extends TokenServiceContract {

  @BeforeAll
  static void needsPostgres() {
    PostgresRequired.check();
  }

  /** A real pg_dump of the test database (data and schema). */
  @Override
  String dump() throws Exception {
    URI uri = URI.create(System.getenv("ICHIE_TEST_POSTGRES_URL").substring("jdbc:".length()));
    String pgDump =
        System.getenv().getOrDefault("ICHIE_TEST_PG_DUMP", "/usr/lib/postgresql/15/bin/pg_dump");
    Path out = Files.createTempFile("ichie-dump", ".sql");
    ProcessBuilder pb =
        new ProcessBuilder(
            pgDump,
            "-h",
            uri.getHost(),
            "-p",
            Integer.toString(uri.getPort()),
            "-U",
            System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_USER", "ichie"),
            "-f",
            out.toString(),
            uri.getPath().substring(1));
    pb.environment()
        .put("PGPASSWORD", System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_PASSWORD", "ichie"));
    pb.redirectErrorStream(true).redirectOutput(new File(out + ".log"));
    int exit = pb.start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("pg_dump failed: " + Files.readString(Path.of(out + ".log")));
    }
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
    }
  }
}

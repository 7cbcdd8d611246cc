package dev.ichie.server.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails, rather than skips, a PostgreSQL test when no PostgreSQL was given. */
public final class PostgresRequired {

  private PostgresRequired() {}

  public static void check() {
    assertThat(System.getenv("ICHIE_TEST_POSTGRES_URL"))
        .as(
            "PostgreSQL tests need ICHIE_TEST_POSTGRES_URL; run 'bash scripts/test.sh', which"
                + " starts a throw-away PostgreSQL 15")
        .isNotBlank();
  }
}

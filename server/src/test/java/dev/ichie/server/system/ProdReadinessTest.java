package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.server.IchieServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile refuses to start until a database, a key store and SMTP are configured. */
class ProdReadinessTest {

  @Test
  void prodWhenNothingConfiguredThenRefusesToStartAndSaysWhat() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(IchieServer.class)
                    .web(WebApplicationType.NONE)
                    .profiles("prod")
                    .run())
        .hasMessageContaining("The prod profile is not configured")
        .hasMessageContaining("spring.datasource.url")
        .hasMessageContaining("ichie.vault.key-store")
        .hasMessageContaining("spring.mail.host");
  }

  @Test
  void problemsWhenEmbeddedDatabaseOrMissingKeyStoreThenListed(@TempDir Path dir) {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:h2:file:./data/ichie")
            .withProperty("ichie.vault.key-store", dir.resolve("missing.p12").toString())
            .withProperty("ichie.vault.key-store-password", "x")
            .withProperty("spring.mail.host", "smtp.example.jp");
    assertThat(ProdReadiness.problems(env))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("PostgreSQL"))
        .anySatisfy(p -> assertThat(p).contains("does not exist"));
  }

  @Test
  void problemsWhenEverythingConfiguredThenNone(@TempDir Path dir) throws Exception {
    Path keyStore = Files.createFile(dir.resolve("vault.p12"));
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.example.jp/ichie")
            .withProperty("ichie.vault.key-store", keyStore.toString())
            .withProperty("ichie.vault.key-store-password", "from-the-environment")
            .withProperty("spring.mail.host", "smtp.example.jp");
    assertThat(ProdReadiness.problems(env)).isEmpty();
  }
}

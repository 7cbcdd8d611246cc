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
        configured(dir.resolve("missing.p12"))
            .withProperty("spring.datasource.url", "jdbc:h2:file:./data/ichie");
    assertThat(ProdReadiness.problems(env))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("PostgreSQL"))
        .anySatisfy(p -> assertThat(p).contains("does not exist"));
  }

  /**
   * A production configuration as docs/operations.md gives it, with the prod profile's defaults.
   */
  static MockEnvironment configured(Path keyStore) {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.example.jp/ichie")
            .withProperty("ichie.vault.key-store", keyStore.toString())
            .withProperty("ichie.vault.key-store-password", "from-the-environment")
            .withProperty("spring.mail.host", "smtp.example.jp")
            .withProperty("ichie.mail.download-url", "https://otp.bank.example.jp/app/")
            .withProperty("springdoc.swagger-ui.enabled", "false")
            .withProperty("springdoc.api-docs.enabled", "false")
            .withProperty("server.servlet.session.cookie.secure", "true")
            .withProperty("server.servlet.session.cookie.name", "__Host-ICHIE_SESSION")
            .withProperty("ichie.internal.port", "8444")
            .withProperty("management.server.port", "8081");
    env.setActiveProfiles("prod");
    return env;
  }

  @Test
  void problemsWhenEverythingConfiguredThenNone(@TempDir Path dir) throws Exception {
    Path keyStore = Files.createFile(dir.resolve("vault.p12"));
    assertThat(ProdReadiness.problems(configured(keyStore))).isEmpty();
  }

  @Test
  void noProfileWhenStartedThenRefusesAndSaysWhichToChoose() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(IchieServer.class).web(WebApplicationType.NONE).run())
        .hasMessageContaining("Ichie needs a profile")
        .hasMessageContaining("--spring.profiles.active=prod")
        .hasMessageContaining("dev");
  }

  @Test
  void problemsWhenAnyDemoArtefactThenEachNamedInOneList(@TempDir Path dir) throws Exception {
    Path keyStore = Files.createFile(dir.resolve("vault.p12"));
    MockEnvironment env =
        configured(keyStore)
            .withProperty("ichie.vault.key-store-password", "ichie-dev-only")
            .withProperty("ichie.netbank.demo-customers", "true")
            .withProperty("ichie.branch.demo-staff", "true")
            .withProperty(
                "ichie.services.demo.api-keys[0].sha256",
                "b9dc5273a9da14b105764d4791ecb93de3a9f268df50b5cef57d4cc8ddc73d0c")
            .withProperty("ichie.mail.download-url", "http://localhost:8080/app/")
            .withProperty("springdoc.swagger-ui.enabled", "true")
            .withProperty("server.servlet.session.cookie.secure", "false")
            .withProperty("ichie.internal.port", "")
            .withProperty("management.server.port", "8080");
    env.setActiveProfiles("prod", "dev");
    assertThat(ProdReadiness.problems(env))
        .hasSize(10)
        .anySatisfy(p -> assertThat(p).contains("ichie.internal.port"))
        .anySatisfy(p -> assertThat(p).contains("management.server.port"))
        .anySatisfy(p -> assertThat(p).contains("key-store-password is the development one"))
        .anySatisfy(p -> assertThat(p).contains("demo-customers"))
        .anySatisfy(p -> assertThat(p).contains("demo-staff"))
        .anySatisfy(p -> assertThat(p).contains("api-keys[0].sha256 is the demo API key"))
        .anySatisfy(p -> assertThat(p).contains("download-url"))
        .anySatisfy(p -> assertThat(p).contains("OpenAPI"))
        .anySatisfy(p -> assertThat(p).contains("session cookie"))
        .anySatisfy(p -> assertThat(p).contains("dev profile"));
  }

  @Test
  void vaultInitWhenProdAndNoKeyStoreYetThenTheCheckLetsItMakeOne(@TempDir Path dir) {
    MockEnvironment env =
        configured(dir.resolve("new.p12")).withProperty("ichie.vault.generate-if-missing", "true");
    assertThat(ProdReadiness.problems(env)).isEmpty();
    env.setProperty("ichie.vault.generate-if-missing", "false");
    assertThat(ProdReadiness.problems(env)).singleElement().asString().contains("does not exist");
  }
}

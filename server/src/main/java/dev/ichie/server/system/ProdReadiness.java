package dev.ichie.server.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile until it has what production needs: a PostgreSQL (not
 * the embedded H2) database, a vault key store that exists and its password, and an SMTP server.
 * Registered in {@code META-INF/spring.factories}, so it runs before any bean is made.
 */
public final class ProdReadiness
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  /** Creates the listener. */
  public ProdReadiness() {}

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment env = event.getEnvironment();
    if (!env.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    List<String> missing = problems(env);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The prod profile is not configured: "
              + String.join("; ", missing)
              + ". See docs/operations.md.");
    }
  }

  static List<String> problems(ConfigurableEnvironment env) {
    List<String> missing = new ArrayList<>();
    String url = env.getProperty("spring.datasource.url", "");
    if (url.isBlank() || url.startsWith("jdbc:h2:")) {
      missing.add("set spring.datasource.url to a PostgreSQL database (jdbc:postgresql://…)");
    }
    String keyStore = env.getProperty("ichie.vault.key-store", "");
    if (keyStore.isBlank()) {
      missing.add("set ichie.vault.key-store to the vault's PKCS#12 key store");
    } else if (!Files.isReadable(Path.of(keyStore))) {
      missing.add(
          "the vault key store "
              + keyStore
              + " does not exist (create it with 'java -jar ichie-server.jar vault init"
              + " --spring.profiles.active=prod')");
    }
    if (env.getProperty("ichie.vault.key-store-password", "").isBlank()) {
      missing.add("set ichie.vault.key-store-password (e.g. from the environment)");
    }
    if (env.getProperty("spring.mail.host", "").isBlank()) {
      missing.add("set spring.mail.host (and spring.mail.* as needed) to the SMTP server");
    }
    return missing;
  }
}

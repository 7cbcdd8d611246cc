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
 * Refuses to start without a profile (production must not get the development defaults by
 * accident), and refuses the {@code prod} profile until it has what production needs and none of
 * the development artefacts, naming every problem at once: a PostgreSQL (not the embedded H2)
 * database, a vault key store that exists (unless {@code vault init} is making it) with a password
 * of its own, an SMTP server, an https download URL for the mails; no demo API key, customers or
 * staff, no OpenAPI UI or document, a {@code Secure}, {@code __Host-} session cookie, and not the
 * dev profile beside it. Registered in {@code META-INF/spring.factories}, so it runs before any
 * bean is made.
 */
public final class ProdReadiness
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  /** Creates the listener. */
  public ProdReadiness() {}

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment env = event.getEnvironment();
    if (env.getActiveProfiles().length == 0) {
      throw new IllegalStateException(
          "Ichie needs a profile: --spring.profiles.active=prod for production"
              + " (docs/operations.md), or dev for the development defaults (scripts/run.sh)");
    }
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
    boolean initializing = "true".equals(env.getProperty("ichie.vault.generate-if-missing"));
    if (keyStore.isBlank()) {
      missing.add("set ichie.vault.key-store to the vault's PKCS#12 key store");
    } else if (!initializing && !Files.isReadable(Path.of(keyStore))) {
      missing.add(
          "the vault key store "
              + keyStore
              + " does not exist (create it with 'java -jar ichie-server.jar vault init"
              + " --spring.profiles.active=prod')");
    }
    String password = env.getProperty("ichie.vault.key-store-password", "");
    if (password.isBlank()) {
      missing.add("set ichie.vault.key-store-password (e.g. from the environment)");
    } else if (DEV_KEY_STORE_PASSWORD.equals(password)) {
      missing.add("ichie.vault.key-store-password is the development one: set your own");
    }
    if (env.getProperty("spring.mail.host", "").isBlank()) {
      missing.add("set spring.mail.host (and spring.mail.* as needed) to the SMTP server");
    }
    String download = env.getProperty("ichie.mail.download-url", "");
    if (!download.startsWith("https://")
        || download.contains("://localhost")
        || download.contains("://127.")) {
      missing.add(
          "set ichie.mail.download-url to the https address of the token app's download page");
    }
    if (env.acceptsProfiles(Profiles.of("dev"))) {
      missing.add("the dev profile is active beside prod (its /dev/mail page among others)");
    }
    if (env.getProperty("ichie.netbank.demo-customers", Boolean.class, false)) {
      missing.add("ichie.netbank.demo-customers is on: the demo customers' passwords are public");
    }
    if (env.getProperty("ichie.branch.demo-staff", Boolean.class, false)) {
      missing.add("ichie.branch.demo-staff is on: the demo staff's passwords are public");
    }
    for (String key : propertyNames(env)) {
      if (key.matches("ichie\\.services\\.[^.]+\\.api-keys\\[\\d+]\\.sha256")
          && DEMO_KEY_HASHES.contains(
              env.getProperty(key, "").toLowerCase(java.util.Locale.ROOT))) {
        missing.add(key + " is the demo API key, whose value is public: make a key of your own");
      }
    }
    if (env.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true)
        || env.getProperty("springdoc.api-docs.enabled", Boolean.class, true)) {
      missing.add(
          "the OpenAPI UI and document are served: set springdoc.swagger-ui.enabled and"
              + " springdoc.api-docs.enabled to false (the prod profile's defaults)");
    }
    if (!env.getProperty("server.servlet.session.cookie.secure", Boolean.class, false)
        || !env.getProperty("server.servlet.session.cookie.name", "").startsWith("__Host-")) {
      missing.add(
          "the session cookie must be Secure and named __Host-… (the prod profile's defaults)");
    }
    String serverPort = env.getProperty("server.port", "8080");
    String internalPort = env.getProperty("ichie.internal.port", "");
    if (env.getProperty("ichie.branch.enabled", Boolean.class, true)
        && (internalPort.isBlank() || internalPort.equals(serverPort))) {
      missing.add(
          "set ichie.internal.port to a listener of its own: the branch console must not be on"
              + " the public one");
    }
    String managementPort = env.getProperty("management.server.port", "");
    if (managementPort.isBlank() || managementPort.equals(serverPort)) {
      missing.add(
          "set management.server.port to a port of its own: the actuator must not be public");
    }
    return missing;
  }

  /** The development profile's key-store password, public in application-dev.yml. */
  static final String DEV_KEY_STORE_PASSWORD = "ichie-dev-only";

  /** SHA-256 of the API keys published in the README and the tests. */
  static final java.util.Set<String> DEMO_KEY_HASHES =
      java.util.Set.of(
          "b9dc5273a9da14b105764d4791ecb93de3a9f268df50b5cef57d4cc8ddc73d0c",
          "68adda5b85fb4c1060efac55607882d314b65d4733124510bee4fb8c374ad87f");

  private static java.util.Set<String> propertyNames(ConfigurableEnvironment env) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (org.springframework.core.env.PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof org.springframework.core.env.EnumerablePropertySource<?> e) {
        names.addAll(java.util.Arrays.asList(e.getPropertyNames()));
      }
    }
    return names;
  }
}

package dev.ichie.server.system;

import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.vault.VaultProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says loudly, once started, that the server runs on development defaults, and where they are. */
@Component
@Profile("dev")
class DevModeNotice {

  private static final Logger log = LoggerFactory.getLogger(DevModeNotice.class);

  private final Environment env;
  private final Tenants tenants;
  private final VaultProperties vault;

  DevModeNotice(Environment env, Tenants tenants, VaultProperties vault) {
    this.env = env;
    this.tenants = tenants;
    this.vault = vault;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    log.warn(
        "Ichie runs in DEVELOPMENT mode: database {}, vault key store {} (generated on first"
            + " start), services {}; API keys as in README.md. Never use this mode in production"
            + " (--spring.profiles.active=prod).",
        env.getProperty("spring.datasource.url"),
        vault.keyStore(),
        tenants.all().stream().map(Tenant::serviceId).toList());
    log.info(
        "Ichie is listening on port {}: http://localhost:{}/",
        env.getProperty("local.server.port"),
        env.getProperty("local.server.port"));
  }
}

package dev.ichie.server.vault;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the vault's key store at start; a missing or unreadable key store stops the start. */
@Configuration(proxyBeanMethods = false)
class VaultConfig {

  @Bean
  Vault vault(VaultProperties properties) {
    return new Vault(properties);
  }

  /** Picks up key versions added by {@code vault rotate}, so that new writes use them. */
  @org.springframework.stereotype.Component
  static final class Reloader {
    private final Vault vault;

    Reloader(Vault vault) {
      this.vault = vault;
    }

    @org.springframework.scheduling.annotation.Scheduled(
        fixedDelayString = "${ichie.vault.reload-interval:5m}",
        initialDelayString = "${ichie.vault.reload-interval:5m}")
    void reload() {
      vault.reload();
    }
  }
}

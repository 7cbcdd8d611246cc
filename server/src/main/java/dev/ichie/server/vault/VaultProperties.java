package dev.ichie.server.vault;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the vault's keys live: a PKCS#12 key store outside the database.
 *
 * @param keyStore the key store file
 * @param keyStorePassword its password (and the password of every key in it)
 * @param generateIfMissing create the key store on first start (development only)
 */
@ConfigurationProperties("ichie.vault")
public record VaultProperties(
    Path keyStore, String keyStorePassword, @DefaultValue("false") boolean generateIfMissing) {

  @Override
  public String toString() {
    return "VaultProperties[keyStore="
        + keyStore
        + ", generateIfMissing="
        + generateIfMissing
        + "]";
  }
}

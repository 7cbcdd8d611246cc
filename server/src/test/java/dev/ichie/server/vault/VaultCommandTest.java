package dev.ichie.server.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.IchieServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault commands as an operator runs them: init, rotate, reencrypt. */
class VaultCommandTest {

  @Test
  void commandsWhenRunInOrderThenNewVersionAndRowsReencrypted(@TempDir Path dir) {
    Path keyStore = dir.resolve("vault.p12");
    String[] common = {
      "--spring.profiles.active=test",
      "--ichie.vault.key-store=" + keyStore,
      "--ichie.vault.key-store-password=operator-secret",
      "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
    };
    assertThat(VaultCommand.run(IchieServer.class, args("init", common))).isZero();
    VaultProperties properties = new VaultProperties(keyStore, "operator-secret", false);
    assertThat(VaultKeyStore.load(properties).currentVersion()).isEqualTo(1);
    assertThat(VaultCommand.run(IchieServer.class, args("rotate", common))).isZero();
    assertThat(VaultKeyStore.load(properties).currentVersion()).isEqualTo(2);
    assertThat(VaultCommand.run(IchieServer.class, args("reencrypt", common))).isZero();
    assertThat(VaultCommand.run(IchieServer.class, args("bogus", common))).isEqualTo(2);
  }

  @Test
  void loadWhenPasswordWrongThenClearError(@TempDir Path dir) {
    Path keyStore = dir.resolve("vault.p12");
    VaultKeyStore.create(keyStore, "right".toCharArray());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VaultKeyStore.load(new VaultProperties(keyStore, "wrong", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot read the vault key store");
  }

  private static String[] args(String command, String[] common) {
    String[] all = new String[common.length + 2];
    all[0] = "vault";
    all[1] = command;
    System.arraycopy(common, 0, all, 2, common.length);
    return all;
  }
}

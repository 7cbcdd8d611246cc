package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ichie.otp.Base32;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {

  @TempDir Path temp;

  private TokenHome home() {
    return TokenHome.at(temp.resolve("home"));
  }

  private static TokenAppOptions options() {
    return TokenAppOptions.defaults();
  }

  @Test
  void openWhenNoVaultThenNoAccountsAndNothingWritten() throws Exception {
    try (TokenApp app = TokenApp.open(home(), options())) {
      assertThat(app.accounts()).isEmpty();
      assertThat(app.protection()).isEqualTo(VaultProtection.NONE);
    }
    assertThat(Files.exists(home().vaultFile())).isFalse();
  }

  @Test
  void writeWhenNoPinThenReadsBackAndFilesAreOwnerOnly() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234"), Fixtures.entry("b", "9")));

    try (TokenApp app = TokenApp.open(home(), options())) {
      assertThat(app.accounts()).extracting(Account::name).containsExactly("demo:1234", "b:9");
      assertThat(app.protection()).isEqualTo(VaultProtection.KEY_FILE);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home().directory())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home().vaultFile())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home().keyFile())))
        .isEqualTo("rw-------");
  }

  @Test
  void vaultFileWhenWrittenThenHoldsNoSecretInClear() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));

    byte[] file = Files.readAllBytes(home().vaultFile());
    String latin1 = new String(file, StandardCharsets.ISO_8859_1);
    assertThat(latin1)
        .doesNotContain(new String(Fixtures.RFC6238_SEED, StandardCharsets.ISO_8859_1))
        .doesNotContain(Base32.encodeUnpadded(Fixtures.RFC6238_SEED))
        .doesNotContain("demo")
        .startsWith("ICHIETKV");
  }

  @Test
  void openWhenVaultHasPinThenLockedWithoutIt() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("314159".toCharArray());
    }

    assertThat(TokenApp.protection(home())).isEqualTo(VaultProtection.PIN);
    assertThat(Files.exists(home().keyFile())).isFalse();
    assertThatThrownBy(() -> TokenApp.open(home(), options()))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.VAULT_LOCKED));
  }

  @Test
  void unlockWhenPinWrongThenRefusedAsWrongPin() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("314159".toCharArray());
    }
    byte[] before = Files.readAllBytes(home().vaultFile());

    assertThatThrownBy(() -> TokenApp.unlock(home(), options(), "314158".toCharArray()))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_PIN));
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(before);
  }

  @Test
  void unlockWhenPinRightThenAccountsAndCodes() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("３１４１５９".toCharArray()); // full-width digits are the ASCII ones
    }

    try (TokenApp app = TokenApp.unlock(home(), options(), "314159".toCharArray())) {
      Account account = app.account("demo:1234");
      // RFC 6238 Appendix B, SHA-1, T = 59 s.
      assertThat(app.codeAt(account, java.time.Instant.ofEpochSecond(59)).digits())
          .isEqualTo("94287082");
    }
  }

  @Test
  void changePinThenOldPinRefusedAndNewOpens() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("111111".toCharArray());
    }
    try (TokenApp app = TokenApp.unlock(home(), options(), "111111".toCharArray())) {
      app.setPin("222222".toCharArray());
    }

    assertThatThrownBy(() -> TokenApp.unlock(home(), options(), "111111".toCharArray()))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_PIN));
    try (TokenApp app = TokenApp.unlock(home(), options(), "222222".toCharArray())) {
      assertThat(app.accounts()).hasSize(1);
    }
  }

  @Test
  void clearPinThenOpensWithKeyFile() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("111111".toCharArray());
    }
    try (TokenApp app = TokenApp.unlock(home(), options(), "111111".toCharArray())) {
      app.clearPin();
    }

    assertThat(Files.exists(home().keyFile())).isTrue();
    try (TokenApp app = TokenApp.open(home(), options())) {
      assertThat(app.accounts()).hasSize(1);
    }
  }

  @Test
  void setPinWhenTooShortThenRefusedAndVaultUnchanged() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    byte[] before = Files.readAllBytes(home().vaultFile());
    try (TokenApp app = TokenApp.open(home(), options())) {
      assertThatThrownBy(() -> app.setPin("12345".toCharArray()))
          .isInstanceOfSatisfying(
              TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_PIN));
    }
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(before);
  }

  @Test
  void openWhenCiphertextByteFlippedThenReportedAsDamagedNeverReset() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    byte[] file = Files.readAllBytes(home().vaultFile());
    file[file.length - 20] ^= 0x01;
    Files.write(home().vaultFile(), file);

    assertDamaged("does not authenticate");
    assertThat(Files.readAllBytes(home().vaultFile())).isEqualTo(file);
  }

  @Test
  void unlockWhenCiphertextFlippedUnderPinThenDamagedNotWrongPin() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    try (TokenApp app = TokenApp.open(home(), options())) {
      app.setPin("314159".toCharArray());
    }
    byte[] file = Files.readAllBytes(home().vaultFile());
    file[file.length - 1] ^= (byte) 0x80;
    Files.write(home().vaultFile(), file);

    assertThatThrownBy(() -> TokenApp.unlock(home(), options(), "314159".toCharArray()))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.VAULT_DAMAGED);
              assertThat(e.getMessage()).contains("does not authenticate");
            });
  }

  @Test
  void openWhenHeaderByteFlippedThenDamagedByChecksum() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    byte[] file = Files.readAllBytes(home().vaultFile());
    file[30] ^= 0x01; // inside the key check or nonce
    Files.write(home().vaultFile(), file);

    assertDamaged("checksum");
  }

  @Test
  void openWhenTruncatedThenDamaged() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    byte[] file = Files.readAllBytes(home().vaultFile());
    Files.write(home().vaultFile(), java.util.Arrays.copyOf(file, file.length - 7));

    assertDamaged("truncated");
  }

  @Test
  void openWhenNotAVaultThenDamaged() throws Exception {
    Files.createDirectories(home().directory());
    Files.write(home().vaultFile(), HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));

    assertDamaged("magic");
  }

  @Test
  void openWhenKeyFileMissingThenDamaged() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    Files.delete(home().keyFile());

    assertDamaged("missing");
  }

  @Test
  void openWhenKeyFileOfAnotherVaultThenDamaged() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    TokenHome other = TokenHome.at(temp.resolve("other"));
    Fixtures.writeVault(other, List.of(Fixtures.entry("demo", "1234")));
    Files.copy(
        other.keyFile(), home().keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertDamaged("not this vault's key");
  }

  @Test
  void openWhenFormatVersionUnknownThenDamaged() throws Exception {
    Fixtures.writeVault(home(), List.of(Fixtures.entry("demo", "1234")));
    byte[] file = Files.readAllBytes(home().vaultFile());
    file[9] = 2;
    Files.write(home().vaultFile(), file);

    assertDamaged("newer app");
  }

  @Test
  void pinKeyDerivationWhenDefaultParametersThenTakesAboutHalfASecond() {
    // Not a benchmark: shows the cost on this machine in the test log, and catches a parameter
    // change that would make unlocking unbearable.
    PinKeys.derive("000000".toCharArray(), new byte[16], PinKeys.DEFAULT); // warm-up
    long start = System.nanoTime();
    PinKeys.derive("123456".toCharArray(), new byte[16], PinKeys.DEFAULT);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("Argon2id m=64 MiB, t=3, p=1 took " + millis + " ms (warm JVM)");
    assertThat(millis).isLessThan(10_000);
  }

  private void assertDamaged(String detail) {
    assertThatThrownBy(() -> TokenApp.open(home(), options()))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.VAULT_DAMAGED);
              assertThat(e.getMessage()).contains(detail);
            });
  }
}

package dev.ichie.token;

import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Accounts and vaults for tests, without a server. */
final class Fixtures {

  /** The RFC 6238 Appendix B SHA-1 seed, "12345678901234567890". */
  static final byte[] RFC6238_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  private Fixtures() {}

  static Account account(String serviceId, String userId, Duration offset) {
    try {
      return new Account(
          serviceId,
          "Test Bank " + serviceId,
          userId,
          ServerEndpoint.of("http://127.0.0.1:1", null, false),
          "cred-" + userId,
          "Test device",
          new TotpParameters(HmacAlgorithm.SHA1, 8, Duration.ofSeconds(30)),
          offset,
          Instant.parse("2026-11-26T12:00:00Z"),
          Instant.parse("2026-11-26T12:00:00Z"),
          false);
    } catch (TokenException e) {
      throw new AssertionError(e);
    }
  }

  static VaultEntry entry(String serviceId, String userId) {
    return new VaultEntry(account(serviceId, userId, Duration.ZERO), Secret.of(RFC6238_SEED));
  }

  /** Writes a vault without PIN holding the entries. */
  static void writeVault(TokenHome home, List<VaultEntry> entries) throws Exception {
    VaultFile file = new VaultFile(home, new SecureRandom());
    try (VaultFile.Key key =
        file.protection() == VaultProtection.NONE ? file.newKeyFileKey() : file.keyFromKeyFile()) {
      file.write(key, entries);
    }
  }
}

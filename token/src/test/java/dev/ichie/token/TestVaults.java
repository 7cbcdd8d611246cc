package dev.ichie.token;

import java.util.ArrayList;
import java.util.List;

/** Vaults for the command line's tests (another package). */
public final class TestVaults {

  private TestVaults() {}

  /**
   * Writes a vault without PIN whose accounts all hold the RFC 6238 SHA-1 seed, 8 digits, 30 s.
   *
   * @param home the home
   * @param names accounts as {@code serviceId:userId}
   */
  public static void write(TokenHome home, String... names) throws Exception {
    List<VaultEntry> entries = new ArrayList<>();
    for (String name : names) {
      String[] parts = name.split(":");
      entries.add(Fixtures.entry(parts[0], parts[1]));
    }
    Fixtures.writeVault(home, entries);
  }
}

package dev.ichie.token;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for {@link VaultCrashTest}: rewrites the vault in a loop with large payloads,
 * generation after generation, until it is killed (or after {@code maxGenerations}). Prints "wrote
 * N" after each write.
 */
public final class VaultWriterChild {

  private VaultWriterChild() {}

  /** Arguments: home, accounts per generation, first generation, max generations. */
  public static void main(String[] args) throws Exception {
    TokenHome home = TokenHome.at(Path.of(args[0]));
    int accounts = Integer.parseInt(args[1]);
    int first = Integer.parseInt(args[2]);
    int max = Integer.parseInt(args[3]);
    VaultFile file = new VaultFile(home, new SecureRandom());
    try (VaultFile.Key key = file.keyFromKeyFile()) {
      for (int generation = first; generation < first + max; generation++) {
        List<VaultEntry> entries = generation(accounts, generation);
        VaultLock.holding(
            home,
            () -> {
              file.write(key, entries);
              return null;
            });
        System.out.println("wrote " + generation);
        System.out.flush();
      }
    }
  }

  static List<VaultEntry> generation(int accounts, int generation) {
    List<VaultEntry> entries = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      entries.add(Fixtures.entry("gen-" + generation, Integer.toString(i)));
    }
    return entries;
  }
}

package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) in the middle of rewriting the vault leaves the old vault or the new
 * one, never a broken one: a child JVM rewrites a large vault in a loop and is killed at random
 * moments, several times.
 */
class VaultCrashTest {

  private static final int ACCOUNTS = 4000; // about 0.5 MB per write
  private static final int ROUNDS = 6;

  @TempDir Path temp;

  @Test
  void writeWhenProcessKilledAtRandomMomentsThenVaultIsOldOrNewNeverCorrupt() throws Exception {
    TokenHome home = TokenHome.at(temp.resolve("home"));
    Fixtures.writeVault(home, VaultWriterChild.generation(ACCOUNTS, 0));
    Random random = new Random();
    int next = 1;
    int lastSeen = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  VaultWriterChild.class.getName(),
                  home.directory().toString(),
                  Integer.toString(ACCOUNTS),
                  Integer.toString(next),
                  "1000")
              .redirectErrorStream(true)
              .start();
      AtomicInteger written = new AtomicInteger(-1);
      CountDownLatch running = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("wrote ")) {
                      written.set(Integer.parseInt(line.substring(6)));
                      running.countDown();
                    }
                  }
                } catch (java.io.IOException closedByKill) {
                  // the child was killed
                }
              });
      reader.start();
      // At least one write done: the loop is running. Then kill it at a random moment.
      assertThat(running.await(60, TimeUnit.SECONDS)).as("the child writes").isTrue();
      Thread.sleep(random.nextInt(400));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(10_000);

      int generation = openedGeneration(home);
      System.out.printf(
          "round %d: child reported generation %d, vault holds %d%n",
          round, written.get(), generation);
      // The vault holds the last generation the child reported, or the one after it (written,
      // renamed, then killed before it could print).
      assertThat(generation)
          .isBetween(written.get(), written.get() + 1)
          .isGreaterThanOrEqualTo(lastSeen);
      lastSeen = generation;
      next = generation + 1;
    }
    // Temporary files a kill left behind do not disturb reading, and the next write removes them.
    Fixtures.writeVault(home, VaultWriterChild.generation(1, next));
    try (var files = Files.list(home.directory())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(TokenHome.VAULT_FILE, TokenHome.KEY_FILE, TokenHome.LOCK_FILE);
    }
  }

  private static int openedGeneration(TokenHome home) throws TokenException {
    try (TokenApp app = TokenApp.open(home, TokenAppOptions.defaults())) {
      List<Account> accounts = app.accounts();
      assertThat(accounts).hasSize(ACCOUNTS);
      String service = accounts.get(0).serviceId();
      assertThat(accounts).allSatisfy(a -> assertThat(a.serviceId()).isEqualTo(service));
      return Integer.parseInt(service.substring(4));
    }
  }
}

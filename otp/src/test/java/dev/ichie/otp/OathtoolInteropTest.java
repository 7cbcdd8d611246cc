package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares HOTP and TOTP codes with those of {@code oathtool} (OATH Toolkit), an independent
 * implementation, over random secrets, times, counters and parameters. oathtool must be installed
 * ({@code apt-get install oathtool}); without it these tests fail rather than skip.
 *
 * <p>Each run uses a new random seed, printed in every failure; set {@code -Dichie.interop.seed=N}
 * to repeat a run.
 */
class OathtoolInteropTest {

  private static final int CASES = 240;

  /** oathtool's {@code -w}: also the codes of the next {@code WINDOW} steps or counters. */
  private static final int WINDOW = 2;

  private static final long SEED = Long.getLong("ichie.interop.seed", System.nanoTime());

  @BeforeAll
  static void requireOathtool() {
    List<String> version = oathtool("--version");
    assertThat(version).isNotEmpty();
  }

  @Test
  void totpWhenRandomSecretsTimesAndParametersThenMatchesOathtool() {
    SplittableRandom random = new SplittableRandom(SEED);
    int[] digitChoices = {6, 8, 7};
    int[] periodChoices = {30, 60};
    for (int i = 0; i < CASES; i++) {
      HmacAlgorithm algorithm = HmacAlgorithm.values()[i % 3];
      int digits = digitChoices[i / 3 % 3];
      int period = periodChoices[i / 9 % 2];
      Secret secret = randomSecret(random);
      long seconds = i % 10 == 0 ? random.nextLong(0, 1000) : random.nextLong(0, 1L << 34);
      TotpParameters parameters = new TotpParameters(algorithm, digits, Duration.ofSeconds(period));
      Totp totp = new Totp(parameters);
      String base32 = secret.toBase32(SecretAccess.get());
      String[] command = {
        "--totp=" + algorithm.uriName(),
        "-b",
        "-d",
        String.valueOf(digits),
        "-s",
        String.valueOf(period),
        "-N",
        "@" + seconds,
        "-w",
        String.valueOf(WINDOW),
        base32
      };

      List<String> expected = oathtool(command);

      Instant time = Instant.ofEpochSecond(seconds);
      long step = totp.step(time);
      List<String> actual = new ArrayList<>();
      for (int w = 0; w <= WINDOW; w++) {
        actual.add(totp.generateAtStep(secret, step + w));
      }
      String description = describe(i, command);
      assertThat(actual).as(description).isEqualTo(expected);
      assertThat(totp.generate(secret, time)).as(description).isEqualTo(expected.get(0));
    }
  }

  @Test
  void hotpWhenRandomSecretsAndCountersThenMatchesOathtool() {
    // oathtool computes HOTP with HMAC-SHA-1 only, as RFC 4226 defines it.
    SplittableRandom random = new SplittableRandom(SEED ^ 0x4226);
    int[] digitChoices = {6, 8, 7};
    for (int i = 0; i < CASES; i++) {
      int digits = digitChoices[i % 3];
      Secret secret = randomSecret(random);
      long counter = i % 10 == 0 ? random.nextLong(0, 100) : random.nextLong(0, 1L << 48);
      Hotp hotp = new Hotp(HmacAlgorithm.SHA1, digits);
      String[] command = {
        "--hotp",
        "-b",
        "-d",
        String.valueOf(digits),
        "-c",
        String.valueOf(counter),
        "-w",
        String.valueOf(WINDOW),
        secret.toBase32(SecretAccess.get())
      };

      List<String> expected = oathtool(command);

      List<String> actual = new ArrayList<>();
      for (int w = 0; w <= WINDOW; w++) {
        actual.add(hotp.generate(secret, counter + w));
      }
      assertThat(actual).as(describe(i, command)).isEqualTo(expected);
    }
  }

  private static Secret randomSecret(SplittableRandom random) {
    byte[] key = new byte[random.nextInt(10, 65)];
    random.nextBytes(key);
    return Secret.of(key);
  }

  private static String describe(int i, String[] command) {
    return "case " + i + " of seed " + SEED + ": oathtool " + String.join(" ", command);
  }

  private static List<String> oathtool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("oathtool");
    command.addAll(List.of(arguments));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return fail(
          "oathtool is not installed or not on the PATH; install it (Debian/Ubuntu: apt-get"
              + " install oathtool) to run the interoperability tests",
          e);
    }
    try (InputStream output = process.getInputStream()) {
      String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("oathtool did not finish: " + command);
      }
      if (process.exitValue() != 0) {
        return fail("oathtool failed with exit code " + process.exitValue() + ": " + text);
      }
      return text.lines().toList();
    } catch (IOException e) {
      return fail("could not read the output of " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while waiting for " + command, e);
    }
  }
}

package dev.ichie.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.UsedSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module and searches the whole run's log for every code,
 * password, activation password and secret the tests used.
 */
@Order(Integer.MAX_VALUE)
class LogScanTest {

  @Test
  void logWhenWholeRunScannedThenNoSecretAppears() throws Exception {
    Path log = Path.of("target/test-logs/server.log");
    assertThat(log).exists();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text).as("the log holds the run").contains("Started");
    assertThat(UsedSecrets.all())
        .as("the other tests registered what they used")
        .hasSizeGreaterThan(20);
    List<String> found = new ArrayList<>();
    for (String secret : UsedSecrets.all()) {
      Pattern p = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
      if (p.matcher(text).find()) {
        found.add(secret.substring(0, 2) + "…(" + secret.length() + " chars)");
      }
    }
    assertThat(found).as("secrets found in the log").isEmpty();
  }
}

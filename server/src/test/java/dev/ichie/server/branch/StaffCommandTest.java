package dev.ichie.server.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.IchieServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code staff bootstrap} as an operator runs it: once, while no administrator exists. */
class StaffCommandTest {

  @Test
  void bootstrapWhenNoAdministratorThenOnceWithOneTimePasswordAndToken(@TempDir Path dir) {
    String[] args = {
      "staff",
      "bootstrap",
      "--login-id=first.admin",
      "--name=最初 管理者",
      "--mail=first.admin@bank.example.jp",
      "--spring.profiles.active=test",
      "--ichie.vault.key-store=" + dir.resolve("vault.p12"),
      "--ichie.vault.key-store-password=operator-secret",
      "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db")
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int first =
        StaffCommand.run(
            IchieServer.class,
            args,
            new ByteArrayInputStream("35971624\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8);
    assertThat(first).as(said).isZero();
    assertThat(said)
        .contains("first administrator created: first.admin")
        .containsPattern("one-time password \\(to be changed at first login\\): \\S{16}")
        .containsPattern("service ID staff, user ID \\d+");
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    assertThat(
            StaffCommand.run(
                IchieServer.class,
                args,
                new ByteArrayInputStream("35971624\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(again, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("an administrator exists");
    assertThat(
            StaffCommand.run(
                IchieServer.class,
                new String[] {"staff", "bootstrap", "--login-id=x"},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream())))
        .as("usage")
        .isEqualTo(2);
  }
}

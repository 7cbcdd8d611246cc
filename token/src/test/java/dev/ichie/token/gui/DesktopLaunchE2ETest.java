package dev.ichie.token.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a person starts it: without arguments on a desktop (a double-click) it opens
 * the window and stays; without a display it prints the help; {@code gui} without a display says
 * why it cannot open. Runs in the {@code integration-test} phase, after {@code package}.
 */
class DesktopLaunchE2ETest {

  @TempDir Path home;

  @BeforeAll
  static void display() {
    WindowDriver.requireDisplay();
  }

  private record Run(Process process, CompletableFuture<String> output) {}

  private Run start(boolean withDisplay, String... args) throws IOException {
    return start(withDisplay ? null : "", args);
  }

  /** Starts the jar; {@code display} null keeps this JVM's display, "" removes it. */
  private Run start(String display, String... args) throws IOException {
    Path jar =
        Path.of(System.getProperty("ichie.token.jar", "target/ichie-token.jar"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it first (./mvnw package -pl token)");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.language=ja",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ICHIE_TOKEN_HOME", home.toString());
    if (display != null) {
      builder.environment().remove("WAYLAND_DISPLAY");
      if (display.isEmpty()) {
        builder.environment().remove("DISPLAY");
      } else {
        builder.environment().put("DISPLAY", display);
      }
    }
    Process process = builder.start();
    process.getOutputStream().close();
    InputStream out = process.getInputStream();
    return new Run(
        process,
        CompletableFuture.supplyAsync(
            () -> {
              try (out) {
                return new String(out.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "(unreadable: " + e + ")";
              }
            }));
  }

  @Test
  void jarWhenStartedWithoutArgumentsOnADesktopThenOpensTheWindowAndStays() throws Exception {
    Run run = start(true);
    try {
      boolean ended = run.process().waitFor(8, TimeUnit.SECONDS);
      assertThat(ended)
          .as(
              "the window keeps the app running; it ended with:\n%s",
              ended ? run.output().get() : "")
          .isFalse();
    } finally {
      run.process().destroy();
      run.process().waitFor(20, TimeUnit.SECONDS);
    }
    assertThat(run.output().get()).as("no help printed").doesNotContain("使い方");
  }

  @Test
  void jarWhenStartedWithoutArgumentsAndNoDisplayThenPrintsTheHelp() throws Exception {
    Run run = start(false);
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(1);
    assertThat(run.output().get()).contains("使い方: ichie-token").contains("gui");
  }

  @Test
  void guiWhenNoDisplayThenSaysWhyAndExit1() throws Exception {
    Run run = start(false, "gui");
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(1);
    assertThat(run.output().get()).contains("ウィンドウを表示する画面（ディスプレイ）がありません");
  }

  @Test
  void guiWhenDisplaySetButNoServerThereThenSaysWhyAndExit1() throws Exception {
    Run run = start(":9999", "gui");
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).isEqualTo(1);
    assertThat(run.output().get()).contains("ウィンドウを表示する画面（ディスプレイ）がありません");
  }
}

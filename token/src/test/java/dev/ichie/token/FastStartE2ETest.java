package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment's start of {@code scripts/run.sh}: {@code scripts/jvm.sh} extracts the server jar,
 * makes the signed jar among its libraries unsigned, trains the class-data archive with a start up
 * to the first healthy answer, and the server then starts on that archive, with the JVM told to
 * refuse to run without it. On the JDK running the tests and on JDK 25 when it is installed. The
 * time to healthy and the resident memory are printed, not asserted (docs/benchmarks.md).
 */
class FastStartE2ETest {

  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path work;

  @Test
  void theDeploymentStartsOnItsTrainedArchive() throws Exception {
    Path server =
        Path.of(System.getProperty("ichie.server.jar", "../server/target/ichie-server.jar"))
            .toAbsolutePath()
            .normalize();
    assertThat(server).isRegularFile();
    List<Path> javas = new ArrayList<>();
    javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    if (Files.isExecutable(JDK25)) {
      if (!javas.contains(JDK25.toRealPath())) {
        javas.add(JDK25.toRealPath());
      }
    } else {
      System.out.println(
          "FastStartE2ETest: no JDK 25 at " + JDK25 + "; the AOT cache is not tried");
    }
    for (Path java : javas) {
      Path dir = Files.createDirectories(work.resolve("java-" + javas.indexOf(java)));
      Path jar = Files.copy(server, dir.resolve("ichie-server.jar"));
      List<String> prepared = prepare(java, jar);
      Path fastJar = Path.of(prepared.get(0));
      List<String> options = prepared.subList(1, prepared.size());
      Path fastStart = fastJar.getParent().getParent();

      assertThat(Files.readString(fastStart.resolve("training.log")))
          .contains("Training run: the health endpoint answered 200");
      String archive =
          options.stream()
              .filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no class-data archive in " + options));
      assertThat(Path.of(archive.substring(archive.indexOf('=') + 1))).isRegularFile();
      try (Stream<Path> libs = Files.list(fastJar.getParent().resolve("lib"))) {
        List<Path> bouncyCastle =
            libs.filter(p -> p.getFileName().toString().startsWith("bcprov")).toList();
        assertThat(bouncyCastle).hasSize(1);
        assertThat(signatureEntries(bouncyCastle.get(0))).isEmpty();
      }
      // Refuse to start without the archive: a start that silently went without it would pass.
      String strict = archive.startsWith("-XX:AOTCache=") ? "-XX:AOTMode=on" : "-Xshare:on";
      Path data = Files.createDirectories(dir.resolve("data-dir"));
      startAndReport(java, options, strict, fastJar, data);
    }
  }

  /** Runs prepare_fast_start; answers FAST_JAR, then FAST_OPTS one per line. */
  private static List<String> prepare(Path java, Path jar) throws Exception {
    Path script = Path.of("../scripts/jvm.sh").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "source \"$1\" && prepare_fast_start \"$2\" \"$3\" && printf '%s\\n' \"$FAST_JAR\""
                    + " \"${FAST_OPTS[@]}\"",
                "prepare",
                script.toString(),
                java.toString(),
                jar.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("jvm.sh said").doesNotContain("jvm.sh:");
    return out.lines().toList();
  }

  private static List<String> signatureEntries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("META-INF/") && n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
          .toList();
    }
  }

  private static void startAndReport(
      Path java, List<String> options, String strict, Path fastJar, Path data) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(options);
    command.addAll(
        List.of(
            strict,
            "-jar",
            fastJar.toString(),
            "--spring.profiles.active=dev",
            "--server.port=" + port,
            "--server.address=127.0.0.1"));
    Path log = data.resolve("server.log");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(data.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(120);
      while (!healthy(port)) {
        if (!process.isAlive()) {
          fail("the server stopped at start-up:\n" + Files.readString(log));
        }
        if (System.nanoTime() > deadline) {
          fail("the server did not come up:\n" + Files.readString(log));
        }
        Thread.sleep(50);
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      String rss =
          Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
              .filter(l -> l.startsWith("VmRSS:"))
              .findFirst()
              .orElse("VmRSS: ?");
      System.out.printf(
          "FastStartE2ETest: %s with %s: healthy in %d ms (a first start, tests running"
              + " alongside), %s%n",
          java, strict, ms, rss.replaceAll("\\s+", " "));
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean healthy(int port) throws InterruptedException {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("UP");
    } catch (IOException notYet) {
      return false;
    }
  }
}

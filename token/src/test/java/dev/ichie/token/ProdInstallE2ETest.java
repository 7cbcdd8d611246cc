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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production installation of docs/operations.md, run as written: its {@code
 * application-prod.yml} block as the file next to the jar, its commands one after the other with
 * the real server jar, on a database of its own (scripts/test.sh makes {@code ichie_prod}) and this
 * machine's ports and passwords in the environment. Then what they must give: the listeners apart,
 * the first administrator's token issued, the audit trail whole.
 */
class ProdInstallE2ETest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<Process> background = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : background) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** The lines of the fenced block that opens with this info string. */
  static List<String> block(List<String> doc, String info) {
    int start = doc.indexOf("```" + info);
    if (start < 0) {
      fail("docs/operations.md has no ```" + info + " block");
    }
    List<String> lines = new ArrayList<>();
    for (int i = start + 1; !doc.get(i).startsWith("```"); i++) {
      lines.add(doc.get(i));
    }
    return lines;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static int status(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void installationWhenRunAsDocumentedThenListenersApartAdministratorReadyAuditWhole()
      throws Exception {
    String url = System.getenv("ICHIE_TEST_POSTGRES_PROD_URL");
    assertThat(url)
        .as(
            "the installation test needs ICHIE_TEST_POSTGRES_PROD_URL (a database of its own);"
                + " run 'bash scripts/test.sh', which starts a throw-away PostgreSQL 15")
        .isNotBlank();
    Path jar =
        Path.of(System.getProperty("ichie.server.jar", "../server/target/ichie-server.jar"))
            .toAbsolutePath()
            .normalize();
    List<String> doc = Files.readAllLines(Path.of("../docs/operations.md"));
    Path work = Files.createTempDirectory("ichie-prod-install-");
    Files.write(work.resolve("application-prod.yml"), block(doc, "yaml prod-install"));

    int publicPort = freePort();
    int internal = freePort();
    int management = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "prod");
    env.put("SPRING_DATASOURCE_URL", url);
    env.put(
        "SPRING_DATASOURCE_USERNAME",
        System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_APP_USER", "ichie_app"));
    env.put(
        "SPRING_DATASOURCE_PASSWORD",
        System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_APP_PASSWORD", "ichie_app"));
    env.put(
        "SPRING_FLYWAY_USER", System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_USER", "ichie"));
    env.put(
        "SPRING_FLYWAY_PASSWORD",
        System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_PASSWORD", "ichie"));
    env.put("ICHIE_DATABASE_APP_ROLE", env.get("SPRING_DATASOURCE_USERNAME"));
    env.put("ICHIE_VAULT_KEY_STORE", work.resolve("vault.p12").toString());
    env.put("ICHIE_VAULT_KEY_STORE_PASSWORD", "install-test-" + System.nanoTime());
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", Integer.toString(freePort()));
    env.put("SERVER_PORT", Integer.toString(publicPort));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("ICHIE_INTERNAL_PORT", Integer.toString(internal));
    env.put("ICHIE_MANAGEMENT_PORT", Integer.toString(management));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Map<String, String> said = new HashMap<>();
    for (String line : block(doc, "sh prod-install")) {
      String command = line.replace("java -jar ichie-server.jar", java + " -jar " + jar).strip();
      boolean service = command.endsWith("&");
      ProcessBuilder b =
          new ProcessBuilder(
                  "bash", "-c", service ? command.substring(0, command.length() - 1) : command)
              .directory(work.toFile())
              .redirectErrorStream(true);
      b.environment().putAll(env);
      if (service) {
        b.redirectOutput(work.resolve("server.log").toFile());
        background.add(b.start());
        Instant deadline = Instant.now().plusSeconds(150);
        while (status(management, "/actuator/health") != 200) {
          if (!background.get(0).isAlive() || Instant.now().isAfter(deadline)) {
            fail("the service did not come up:\n" + Files.readString(work.resolve("server.log")));
          }
          Thread.sleep(500);
        }
        continue;
      }
      Process p = b.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(line + "\n" + out).isZero();
      said.put(line, out);
    }

    assertThat(said.values())
        .anySatisfy(o -> assertThat(o).contains("first administrator created: k.tanaka"))
        .anySatisfy(o -> assertThat(o).contains("audit trail intact"));
    assertThat(status(publicPort, "/api/app/v1/time")).as("the app API is public").isEqualTo(200);
    for (String path : new String[] {"/branch/login", "/v3/api-docs", "/actuator/health"}) {
      assertThat(status(publicPort, path)).as("public " + path).isEqualTo(404);
    }
    assertThat(status(internal, "/branch/login")).isEqualTo(200);
    assertThat(status(management, "/actuator/health")).isEqualTo(200);
  }
}

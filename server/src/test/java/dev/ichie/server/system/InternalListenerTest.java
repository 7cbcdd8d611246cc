package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.TestConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The listeners of the prod profile: the branch console, the OpenAPI document and the dev mail page
 * only on the internal listener, the actuator only on the management port, and 404 for all of them
 * on the public listener, which still serves the APIs and web banking.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestConfig.class)
class InternalListenerTest {

  static final int INTERNAL = freePort();
  static final int MANAGEMENT = freePort();

  @DynamicPropertySource
  static void listeners(DynamicPropertyRegistry registry) {
    registry.add("ichie.internal.port", () -> INTERNAL);
    registry.add("management.server.port", () -> MANAGEMENT);
    registry.add("management.server.address", () -> "127.0.0.1");
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();

  int status(int on, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on + path)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void publicListenerWhenInternalSurfacesAskedThen404AndTheyAnswerOnTheirOwn() throws Exception {
    for (String path :
        new String[] {"/branch/login", "/branch/", "/v3/api-docs", "/swagger-ui.html"}) {
      assertThat(status(port, path)).as("public " + path).isEqualTo(404);
    }
    assertThat(status(port, "/actuator/prometheus")).isEqualTo(404);
    assertThat(status(port, "/actuator/health")).isEqualTo(404);
    assertThat(status(INTERNAL, "/branch/login")).isEqualTo(200);
    assertThat(status(INTERNAL, "/v3/api-docs")).isEqualTo(200);
    assertThat(status(MANAGEMENT, "/actuator/health")).isEqualTo(200);
    assertThat(status(MANAGEMENT, "/actuator/prometheus")).isEqualTo(200);
    assertThat(status(port, "/netbank/login")).as("web banking stays public").isEqualTo(200);
    assertThat(status(port, "/api/app/v1/time")).as("the app API stays public").isEqualTo(200);
  }
}

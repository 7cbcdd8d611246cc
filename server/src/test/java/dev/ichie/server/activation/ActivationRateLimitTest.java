package dev.ichie.server.activation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The per-user and per-address limits on start. */
@ServerTest
@TestPropertySource(
    properties = {"ichie.activation.starts-per-user=3", "ichie.activation.starts-per-address=6"})
class ActivationRateLimitTest {

  @LocalServerPort int port;

  @Test
  void startWhenOverPerUserThenPerAddressLimitThen429WithRetryAfter() throws Exception {
    TokenApp app = new TokenApp(new Http(port));
    for (int i = 0; i < 3; i++) {
      assertThat(app.activate("demo", "2000000000", "58203716").start().status()).isEqualTo(200);
    }
    Http.Answer limited = app.activate("demo", "2000000000", "58203716").start();
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("error").asString()).isEqualTo("RATE_LIMITED");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    // Other users from the same address, until the address's own limit (6 starts, the refused
    // one included).
    assertThat(app.activate("demo", "2000000001", "58203716").start().status()).isEqualTo(200);
    assertThat(app.activate("demo", "2000000002", "58203716").start().status()).isEqualTo(200);
    assertThat(app.activate("demo", "2000000003", "58203716").start().status()).isEqualTo(429);
  }
}

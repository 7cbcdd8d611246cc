package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** A bank with its own web banking turns the reference one off and keeps the OTP service. */
@ServerTest
@TestPropertySource(properties = "ichie.netbank.enabled=false")
class NetbankSwitchTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void netbankWhenDisabledThenNoPagesButApiAndConsoleRemain() {
    Http http = new Http(port);
    assertThat(http.get("/netbank/login").status()).isIn(403, 404);
    assertThat(context.getBeansOfType(LoginController.class)).isEmpty();
    assertThat(http.get("/api/v1/customers/x/token", "X-API-Key", "test-key-demo").status())
        .isEqualTo(404);
    assertThat(http.get("/branch/login").status()).isEqualTo(200);
    assertThat(http.get("/").body()).doesNotContain("/netbank/login");
  }
}

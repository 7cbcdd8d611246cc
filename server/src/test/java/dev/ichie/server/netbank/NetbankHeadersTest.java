package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages carry the secure headers: a CSP without inline scripts, no framing, no sniffing; a page
 * loads scripts only as files of the server.
 */
@ServerTest
class NetbankHeadersTest {

  @LocalServerPort int port;

  @Test
  void pagesWhenServedThenSecureHeaders() {
    for (String path : new String[] {"/netbank/login", "/branch/login", "/"}) {
      Http.Answer page = new Http(port).get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      String csp = page.header("Content-Security-Policy");
      assertThat(csp).as(path).contains("default-src 'self'").contains("frame-ancestors 'none'");
      assertThat(csp).as(path).doesNotContain("unsafe-inline");
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
      // Scripts only from the server itself, each a file: none inline, no handler attributes.
      assertThat(page.body().replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""))
          .as(path)
          .doesNotContain("<script")
          .doesNotContain(" onclick=")
          .doesNotContain("style=\"");
    }
  }
}

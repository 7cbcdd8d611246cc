package dev.ichie.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What the phone app is served with: every module pinned in the page by the hash of the bytes the
 * server sends, the published list of files with the same hashes, the strict headers, and a
 * manifest with the bank's name.
 */
@ServerTest
class PhoneAppFilesTest {

  @LocalServerPort int port;

  private static String sri(String body) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-384").digest(body.getBytes(StandardCharsets.UTF_8));
    return "sha384-" + Base64.getEncoder().encodeToString(digest);
  }

  @Test
  void pageWhenServedThenEveryModuleIsPinnedByTheHashOfWhatIsServed() throws Exception {
    Http http = new Http(port);
    Http.Answer page = http.get("/app/phone/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.body()).doesNotContain("<script>").contains("rel=\"manifest\"");

    Matcher m =
        Pattern.compile("href=\"/app/phone/([^\"]+\\.js)\" integrity=\"([^\"]+)\"")
            .matcher(page.body());
    List<String> pinned = new ArrayList<>();
    while (m.find()) {
      Http.Answer file = http.get("/app/phone/" + m.group(1));
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.header("Content-Type")).contains("javascript");
      assertThat(sri(file.body())).as(m.group(1)).isEqualTo(m.group(2));
      pinned.add(m.group(1));
    }
    assertThat(pinned)
        .contains("store.js", "texts.js", "lib/srp.js", "lib/otp.js", "lib/activation.js");
    assertThat(page.body()).containsPattern("src=\"/app/phone/app.js\" integrity=\"sha384-");

    JsonNode list = http.get("/app/phone/files.json").json();
    for (JsonNode f : list.get("files")) {
      String path = f.get("path").asString();
      if (path.endsWith(".js") || path.endsWith(".css")) {
        assertThat(sri(http.get("/app/phone/" + path).body()))
            .as(path)
            .isEqualTo(f.get("integrity").asString());
      }
    }
    assertThat(list.get("files").size()).isGreaterThanOrEqualTo(pinned.size() + 3);
  }

  @Test
  void manifestWhenAskedThenTheBanksNameInTheLanguageAndAStandaloneApp() {
    Http http = new Http(port);
    Http.Answer ja = http.get("/app/phone/manifest.webmanifest", "Accept-Language", "ja");
    assertThat(ja.header("Content-Type")).startsWith("application/manifest+json");
    assertThat(ja.json().get("name").asString()).isEqualTo("デモ銀行 トークン");
    assertThat(ja.json().get("display").asString()).isEqualTo("standalone");
    assertThat(ja.json().get("icons").size()).isEqualTo(2);
    Http.Answer en = http.get("/app/phone/manifest.webmanifest", "Accept-Language", "en");
    assertThat(en.json().get("name").asString()).isEqualTo("Demo Bank Token");
    assertThat(http.get("/app/phone/icon-512.png").status()).isEqualTo(200);
  }
}

package dev.ichie.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The download page of the issuance mail serves the app and its checksum. */
@ServerTest
@TestPropertySource(properties = "ichie.app.jar=${java.io.tmpdir}/ichie-app-download-test.jar")
class AppDownloadTest {

  static final Path JAR =
      Path.of(System.getProperty("java.io.tmpdir"), "ichie-app-download-test.jar");

  static {
    try {
      Files.write(JAR, "PK not really a jar, but bytes to serve".getBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort int port;

  @Test
  void downloadPageWhenAppConfiguredThenStepsLinkAndChecksum() throws Exception {
    Http http = new Http(port);
    Http.Answer page = http.get("/app/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("トークンアプリのダウンロード・設定")
        .contains("日時が正しくないと、正常に動作しない場合があります")
        .contains("サービスID・ユーザーID")
        .contains("/app/ichie-token.jar")
        .contains("携帯電話（スマートフォン）でご利用の場合", "href=\"/app/phone/\"", "ホーム画面に追加");
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(JAR)));
    assertThat(page.body()).contains(sha);
    Http.Answer jar = http.get("/app/ichie-token.jar");
    assertThat(jar.status()).isEqualTo(200);
    assertThat(jar.header("Content-Type")).isEqualTo("application/java-archive");
    assertThat(jar.body()).startsWith("PK not really");
    assertThat(http.get("/app/?lang=en").body()).contains("Download and set up the token app");
  }

  @Test
  void downloadPageWhenOpenedOnAPhoneThenNoSidewaysScrollTheBankAndAWayBack() {
    for (String lang : new String[] {"ja", "en"}) {
      try (dev.ichie.browser.Browser b = dev.ichie.browser.Browser.start(port, lang)) {
        b.open("/app/");
        b.waitFor("ja".equals(lang) ? "トークンアプリのダウンロード・設定" : "Download and set up the token app");
        assertThat(b.script("return [window.innerWidth, document.documentElement.scrollWidth];"))
            .as("the SHA-256 line wraps: nothing wider than the phone")
            .isEqualTo(
                java.util.List.of(
                    (long) dev.ichie.browser.Browser.WIDTH,
                    (long) dev.ichie.browser.Browser.WIDTH));
        assertThat(b.hasLink("ja".equals(lang) ? "いちえ銀行" : "Ichie Bank")).isTrue();
        assertThat(b.hasLink("ja".equals(lang) ? "インターネットバンキングへ" : "To internet banking")).isTrue();
        b.screenshot("ja".equals(lang) ? "app-download" : "app-download-en", "ja".equals(lang));
      }
    }
  }
}

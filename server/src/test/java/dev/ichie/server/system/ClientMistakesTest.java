package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.UsedSecrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The client mistakes that used to end in a 500 or in Tomcat's own page, each sent as raw bytes: a
 * clear 4xx in the shape of the part asked (JSON for the APIs, the error page for the web), the
 * pages' secure headers, nothing of the request echoed and no exception named.
 */
@ServerTest
class ClientMistakesTest {

  /** A parameter whose name must appear in no answer and no log. */
  static final String CANARY = UsedSecrets.add("canary" + (System.nanoTime() % 1_000_000) + "q");

  @LocalServerPort int port;

  record Answer(int status, String head, String body) {
    String header(String name) {
      Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(head);
      return m.find() ? m.group(1) : null;
    }
  }

  Answer raw(String request) throws IOException {
    return raw(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  Answer raw(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          got.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what arrived is the answer
      }
      String text = got.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
      assertThat(status.find()).as("a status line in: %s", head).isTrue();
      return new Answer(Integer.parseInt(status.group(1)), head, body);
    }
  }

  static String get(String target, String... headers) {
    return "GET "
        + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + String.join("", headers)
        + "\r\n";
  }

  static String post(String target, String contentType, String body) {
    return "POST "
        + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Content-Type: "
        + contentType
        + "\r\n"
        + "Content-Length: "
        + body.getBytes(StandardCharsets.ISO_8859_1).length
        + "\r\n\r\n"
        + body;
  }

  static String form(String target, String body) {
    return post(target, "application/x-www-form-urlencoded", body);
  }

  /** What every refused answer holds: its status, its shape and nothing of the request. */
  static void clear(Answer a, int status, boolean json) {
    assertThat(a.status()).as(a.head()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith(json ? "application/json" : "text/html");
    assertThat(a.body())
        .doesNotContain(CANARY)
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("Tomcat")
        .doesNotContain("at org.")
        .doesNotContain("\"status\":999");
    if (!json) {
      assertThat(a.header("Content-Security-Policy")).contains("default-src 'self'");
      assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  void parametersWhenUndecodableThen400OnEveryPartInItsShape() throws IOException {
    clear(raw(get("/netbank/?" + CANARY + "=%ff%fe")), 400, false);
    clear(raw(get("/netbank/login?" + CANARY + "=%ff%fe")), 400, false);
    clear(raw(get("/netbank/login?lang=%ff")), 400, false);
    clear(
        raw(get("/api/v1/services/demo/users/x/audit?limit=%ED%A0%80&" + CANARY + "=%ff")),
        400,
        true);
    clear(raw(form("/netbank/login", "loginId=a&" + CANARY + "=%zz")), 400, false);
    clear(raw(form("/netbank/login", "loginId=a&" + CANARY + "=%ff%fe")), 400, false);
    clear(raw(form("/api/activation/v1/start", CANARY + "=%zz")), 400, true);
  }

  @Test
  void formWhenOverTomcatsLimitsThen413() throws IOException {
    StringBuilder many = new StringBuilder(CANARY + "=1");
    for (int i = 0; i < 12_000; i++) {
      many.append("&a").append(i).append("=1");
    }
    clear(raw(form("/netbank/login", many.toString())), 413, false);
    clear(raw(form("/netbank/login", CANARY + "=" + "a".repeat(70_000))), 413, false);
  }

  @Test
  void deleteWhenItCarriesABrokenFormThenTheFormIsNotRead() throws IOException {
    String body = CANARY + "=%zz";
    Answer a =
        raw(
            "DELETE /api/v1/customers/x/passkeys/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nX-API-Key: test-key-demo\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);
    assertThat(a.status()).isBetween(400, 499);
    assertThat(a.body()).doesNotContain(CANARY).doesNotContainIgnoringCase("exception");
  }

  @Test
  void multipartWhenBrokenThenNotParsedAndRefusedAsAnyForm() throws IOException {
    Answer a = raw(post("/netbank/login", "multipart/form-data; boundary=xx", "--xx\r\n" + CANARY));
    clear(a, 403, false);
  }

  @Test
  void methodWhenUnknownThen405WithAllowAndNoTomcatPage() throws IOException {
    Answer web = raw("FOO /netbank/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    clear(web, 405, false);
    assertThat(web.header("Allow")).contains("GET").contains("POST");
    clear(
        raw(
            "PROPFIND /api/activation/v1/start HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        405,
        true);
    // Tomcat refuses TRACE itself, with no body.
    Answer trace = raw("TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(trace.status()).isEqualTo(405);
    assertThat(trace.body()).doesNotContain("Tomcat");
  }

  @Test
  void protocolWhenUnreadableThenOurShortAnswerNotTomcatsPage() throws IOException {
    clear(raw("GET / HTTP/2.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 505, false);
    clear(raw("GET /a b c\r\n\r\n"), 400, false);
    clear(raw(get("/", "X-Big: " + "a".repeat(20_000) + "\r\n")), 400, false);
    clear(
        raw("GET /api/activation/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, true);
  }

  @Test
  void errorPathWhenAskedDirectlyThenNoSuchPage() throws IOException {
    clear(raw(get("/error")), 404, false);
    clear(raw(get("/error", "Accept: application/json\r\n")), 404, false);
  }

  @Test
  void languageCookieWhenNotALanguageThenIgnored() throws IOException {
    Answer a = raw(get("/netbank/login", "Cookie: ichie-lang=%ff%00\r\n"));
    assertThat(a.status()).isEqualTo(200);
  }

  @Test
  void errorPageWhenEnglishAskedThenInEnglish() throws IOException {
    Answer en = raw(get("/netbank/login?x=%ff", "Accept-Language: en\r\n"));
    clear(en, 400, false);
    assertThat(en.body()).contains("lang=\"en\"").contains("could not be read");
    Answer ja = raw(get("/netbank/login?x=%ff"));
    assertThat(ja.body()).contains("lang=\"ja\"").contains("読み取れませんでした");
    Answer tomcat = raw("GET / HTTP/2.0\r\nHost: x\r\nAccept-Language: en\r\n\r\n");
    assertThat(tomcat.body().toLowerCase(Locale.ROOT)).contains("lang=\"en\"");
  }

  @Test
  void sessionWhenManyRequestsAtOnceThenEachAnswered() throws Exception {
    // A session is opened without its CSRF token; the pages below all add it at once.
    Answer first = raw(get("/nothing-here"));
    String cookie = first.header("Set-Cookie");
    assertThat(cookie).contains("ICHIE_SESSION=");
    String session = cookie.substring(0, cookie.indexOf(';'));
    int n = 12;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return raw(get("/netbank/login", "Cookie: " + session + "\r\n"));
              }));
    }
    go.countDown();
    try {
      for (Future<Answer> f : answers) {
        assertThat(f.get().status()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
  }
}

package dev.ichie.token;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's web-banking session against the real server, as a browser without script would keep
 * it: its cookies, the CSRF token of the last page, redirects followed. For the end-to-end tests,
 * where the token app is the real jar and the server the real process.
 */
final class NetbankSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  /** A page: where it ended, its status, its HTML. */
  record Page(String path, int status, String body) {

    /** The value of a hidden or text input, by name. */
    String input(String name) {
      Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no input " + name + " on " + path + ":\n" + body);
      }
      return m.group(1);
    }

    /** The text of the element with this id. */
    String text(String id) {
      Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no element " + id + " on " + path + ":\n" + body);
      }
      return m.group(1);
    }
  }

  private final String base;
  private final HttpClient http;
  private String csrf;

  NetbankSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  Page get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** Posts a form with the CSRF token of the last page. */
  Page post(String path, String... fields) throws IOException, InterruptedException {
    StringJoiner form = new StringJoiner("&");
    form.add("_csrf=" + URLEncoder.encode(csrf == null ? "" : csrf, StandardCharsets.UTF_8));
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.add(
          URLEncoder.encode(fields[i], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
  }

  private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            request.header("Accept-Language", "ja").timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return new Page(r.uri().getPath(), r.statusCode(), r.body());
  }
}

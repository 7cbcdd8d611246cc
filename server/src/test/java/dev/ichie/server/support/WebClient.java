package dev.ichie.server.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for the web pages: keeps cookies, follows redirects by hand, and fills
 * in the CSRF token of the last page it got.
 */
public final class WebClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;
  private String csrf;

  public WebClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A page: its status, final location and body. */
  public record Page(int status, String location, String body) {}

  public Page get(String path) {
    return follow(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
  }

  /** Posts a form with the CSRF token of the last page. */
  public Page post(String path, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    for (int i = 0; i + 1 < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return postForm(path, form);
  }

  /**
   * Posts JSON with the CSRF token of the last page in its header, as the net bank's script does.
   */
  public Page postJson(String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    HttpResponse<String> r = send(b);
    return new Page(r.statusCode(), r.uri().getPath(), r.body());
  }

  /** Posts a form exactly as given: no CSRF token added. */
  public Page postForm(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return follow(
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  private Page follow(HttpResponse<String> response) {
    HttpResponse<String> r = response;
    for (int i = 0; i < 5 && r.statusCode() / 100 == 3; i++) {
      String location = r.headers().firstValue("Location").orElseThrow();
      URI next = r.uri().resolve(location);
      r = send(HttpRequest.newBuilder(next).GET());
    }
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return new Page(r.statusCode(), r.uri().getPath(), r.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The session cookie's value, or null. */
  public String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("ICHIE_SESSION"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Replaces the session cookie, as an attacker who fixed it would. */
  public void setSessionCookie(String value) {
    cookies.getCookieStore().removeAll();
    HttpCookie cookie = new HttpCookie("ICHIE_SESSION", value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(base + "/"), cookie);
  }
}

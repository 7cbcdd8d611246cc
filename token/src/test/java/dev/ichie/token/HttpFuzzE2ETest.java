package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP fuzz test against the running server jar on its development defaults: every operation of
 * its OpenAPI document and every web form it shows (anonymous and logged in to web banking), with
 * and without the CSRF token and the API key, filled with malformed, oversized, undecodable,
 * mistyped and hostile values, bounded to about a minute. No answer may be a 5xx, name an exception
 * or show a stack trace, or echo a secret sent to it; the server's log may hold no error and no
 * secret. The seed is printed; {@code -Dichie.fuzz.seed=N} repeats a run. The server runs the
 * context Spring AOT generated at build time, as the development defaults' start does.
 */
class HttpFuzzE2ETest {

  static final int MAX_REQUESTS = 20_000;
  static final Duration BUDGET = Duration.ofSeconds(60);
  static final String API_KEY = "demo-api-key-change-me";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Pattern FORM =
      Pattern.compile(
          "<form[^>]*?action=\"([^\"]*)\"[^>]*?method=\"(get|post)\"[^>]*>(.*?)</form>",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  static final Pattern FIELD =
      Pattern.compile(
          "<(?:input|select|textarea)[^>]*?name=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  static final Pattern LINK = Pattern.compile("href=\"(/[^\"#]*)\"");
  static final List<String> LEAKS =
      List.of(
          "Exception",
          "at java.",
          "at org.",
          "Tomcat",
          "Whitelabel",
          "\"trace\"",
          "\"status\":999");

  /** A secret sent in every password, code and key field: it must come back nowhere. */
  final String canary = "Kx" + Long.toHexString(System.nanoTime()) + "q9";

  Random random;
  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  String base;
  int requests;
  int fiveHundreds;
  int leaks;
  int echoes;
  final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
  final List<String> failures = new ArrayList<>();

  record Form(String action, String method, List<String> fields) {}

  record Session(String cookie, String csrf) {}

  @Test
  void serverWhenFuzzedThenNeverA5xxNorALeak() throws Exception {
    long seed = Long.getLong("ichie.fuzz.seed", System.nanoTime());
    random = new Random(seed);
    // The context Spring AOT generated at build time, as scripts/run.sh starts it.
    try (DemoServer server =
        DemoServer.start(Files.createTempDirectory("ichie-fuzz-"), "-Dspring.aot.enabled=true")) {
      assertThat(Files.readString(server.log())).contains("Starting AOT-processed IchieServer");
      base = server.url();
      JsonNode api = JSON.readTree(get("/v3/api-docs", null).body());
      List<String[]> operations = operations(api);
      assertThat(operations).hasSizeGreaterThan(10);

      Session anonymous = session("/netbank/login", null);
      Set<Form> forms = new LinkedHashSet<>();
      for (String page :
          List.of("/", "/netbank/login", "/branch/login", "/dev/mail", "/app/", "/netbank/")) {
        forms.addAll(forms(get(page, anonymous.cookie()).body()));
      }
      Session taro = login();
      forms.addAll(crawl(taro));
      for (String action :
          List.of(
              "/branch/customers/{x}/requests",
              "/branch/requests/{x}/approve",
              "/branch/requests/{x}/reject",
              "/branch/staff/requests",
              "/branch/staff/{x}/requests",
              "/branch/login/code",
              "/branch/login/token",
              "/branch/password",
              "/netbank/passkeys/{x}/rename",
              "/netbank/passkeys/{x}/remove")) {
        forms.add(new Form(action, "post", List.of("action", "reason", "code", "password")));
      }
      assertThat(forms.size()).as("forms found").isGreaterThan(8);

      Instant deadline = Instant.now().plus(BUDGET);
      int apiCalls = 0;
      int webCalls = 0;
      List<Form> formList = new ArrayList<>(forms);
      while (requests < MAX_REQUESTS && Instant.now().isBefore(deadline)) {
        if (random.nextInt(3) == 0) {
          webCalls++;
          Form form = formList.get(random.nextInt(formList.size()));
          Session s = random.nextBoolean() ? taro : anonymous;
          submit(form, s);
          if (webCalls % 300 == 0) {
            taro = login();
          }
        } else {
          apiCalls++;
          callApi(operations.get(random.nextInt(operations.size())));
        }
      }
      String log = Files.readString(server.log(), StandardCharsets.UTF_8);
      long logErrors = log.lines().filter(l -> l.contains(" ERROR ")).count();
      System.out.printf(
          "fuzz (seed %d): %d requests (%d API over %d operations, %d web over %d forms),"
              + " statuses %s, 5xx = %d, leaks = %d, secrets echoed = %d, log errors = %d%n",
          seed,
          requests,
          apiCalls,
          operations.size(),
          webCalls,
          forms.size(),
          statuses,
          fiveHundreds,
          leaks,
          echoes,
          logErrors);
      assertThat(failures).as("answers that failed (seed %d)", seed).isEmpty();
      assertThat(fiveHundreds).isZero();
      assertThat(log).as("the server's log").doesNotContain(canary);
      assertThat(log.lines().filter(l -> l.contains(" ERROR ")).limit(5).toList())
          .as("errors in the server's log")
          .isEmpty();
    }
  }

  /** Every operation of the document: method, path, and the names of its body's fields. */
  static List<String[]> operations(JsonNode api) {
    List<String[]> ops = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        List<String> fields = new ArrayList<>(List.of(op.getKey().toUpperCase(), path.getKey()));
        JsonNode ref = op.getValue().at("/requestBody/content/application~1json/schema/$ref");
        if (!ref.isMissingNode()) {
          String name = ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
          JsonNode props = api.at("/components/schemas/" + name + "/properties");
          if (props.isObject()) {
            props.propertyNames().forEach(fields::add);
          }
        }
        ops.add(fields.toArray(String[]::new));
      }
    }
    return ops;
  }

  void callApi(String[] op) throws Exception {
    String path = op[1];
    Matcher vars = Pattern.compile("\\{[^}]+}").matcher(path);
    StringBuilder filled = new StringBuilder();
    while (vars.find()) {
      vars.appendReplacement(filled, Matcher.quoteReplacement(pathValue()));
    }
    vars.appendTail(filled);
    String query = random.nextInt(4) == 0 ? "?" + queryValue() : "";
    HttpRequest.Builder b = request(filled + query);
    if (random.nextInt(5) != 0) {
      b.header(
          random.nextBoolean() ? "X-API-Key" : "Authorization",
          random.nextInt(6) == 0
              ? "wrong-" + canary
              : (random.nextBoolean() ? API_KEY : "Bearer " + API_KEY));
    }
    if (random.nextInt(4) == 0) {
      b.header("Idempotency-Key", random.nextBoolean() ? "k-" + random.nextInt(50) : ascii(text()));
    }
    String[] types = {
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=bogus",
      "multipart/form-data; boundary=x"
    };
    b.header("Content-Type", types[random.nextInt(types.length)]);
    byte[] body = random.nextInt(6) == 0 ? bytes() : jsonBody(op).getBytes(StandardCharsets.UTF_8);
    String method = random.nextInt(15) == 0 ? pick("PATCH", "PUT", "DELETE", "FOO", "GET") : op[0];
    send(b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)), method + " " + op[1]);
  }

  String jsonBody(String[] op) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 2; i < op.length; i++) {
      if (random.nextInt(6) != 0) {
        fields.put(op[i], value(op[i]));
      }
    }
    if (random.nextInt(8) == 0) {
      fields.put(text(), value("x"));
    }
    String json = JSON.writeValueAsString(fields);
    return switch (random.nextInt(10)) {
      case 0 -> json.substring(0, random.nextInt(json.length() + 1));
      case 1 -> "[" + json + "]";
      case 2 -> "{\"a\":".repeat(200) + "1" + "}".repeat(200);
      default -> json;
    };
  }

  Object value(String name) {
    boolean secret = name.toLowerCase().matches(".*(password|code|secret|key|signature|pin).*");
    return switch (random.nextInt(9)) {
      case 0 -> random.nextLong();
      case 1 -> List.of(text(), 1);
      case 2 -> Map.of("x", text());
      case 3 -> null;
      case 4 -> random.nextBoolean();
      default -> secret ? canary + text() : text();
    };
  }

  void submit(Form form, Session s) throws Exception {
    StringBuilder body = new StringBuilder();
    boolean withCsrf = s.csrf() != null && random.nextInt(4) != 0;
    if (withCsrf) {
      body.append("_csrf=").append(s.csrf());
    }
    for (String field : form.fields()) {
      if (field.equals("_csrf") || random.nextInt(6) == 0) {
        continue;
      }
      boolean secret = field.toLowerCase().matches(".*(password|code|secret|pin).*");
      String v = secret ? canary + text() : text();
      body.append(body.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(field, StandardCharsets.UTF_8))
          .append('=')
          .append(
              random.nextInt(8) == 0 ? rawEscapes() : URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
    String action = form.action().replace("{x}", pathValue());
    HttpRequest.Builder b = request(action);
    if (s.cookie() != null) {
      b.header("Cookie", s.cookie());
    }
    if ("get".equalsIgnoreCase(form.method())) {
      send(
          request(action + "?" + body)
              .header("Cookie", s.cookie() == null ? "x=y" : s.cookie())
              .GET(),
          "GET " + form.action());
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded");
      send(b.POST(HttpRequest.BodyPublishers.ofString(body.toString())), "POST " + form.action());
    }
  }

  HttpResponse<String> send(HttpRequest.Builder b, String what) throws Exception {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      failures.add(what + ": no answer (" + e.getClass().getSimpleName() + ")");
      return null;
    }
    requests++;
    statuses.merge(r.statusCode(), 1, Integer::sum);
    String body = r.body() == null ? "" : r.body();
    if (r.statusCode() >= 500) {
      fiveHundreds++;
      failures.add(
          what + " → " + r.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
    }
    for (String leak : LEAKS) {
      if (body.contains(leak)) {
        leaks++;
        failures.add(what + " → " + r.statusCode() + " shows " + leak);
      }
    }
    if (body.contains(canary)) {
      echoes++;
      failures.add(what + " → " + r.statusCode() + " echoes a secret");
    }
    return r;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    URI uri;
    try {
      uri = URI.create(base + pathAndQuery);
    } catch (IllegalArgumentException notAUri) {
      uri =
          URI.create(
              base + "/netbank/?x=" + URLEncoder.encode(pathAndQuery, StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (random.nextInt(5) == 0) {
      b.header("Accept-Language", pick("en", "ja", "*", "zz-ZZ", ";;q=x", "en;q=0.1,ja;q=0.9"));
    }
    if (random.nextInt(6) == 0) {
      b.header("Accept", pick("application/json", "text/html", "*/*", "image/png", "x/y;q=z"));
    }
    return b;
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A session opened on a page, with that page's CSRF token. */
  Session session(String page, String cookie) throws Exception {
    HttpResponse<String> r = get(page, cookie);
    String c =
        r.headers()
            .firstValue("Set-Cookie")
            .map(v -> v.substring(0, v.indexOf(';')))
            .orElse(cookie);
    Matcher m = CSRF.matcher(r.body());
    return new Session(c, m.find() ? m.group(1) : null);
  }

  /** Web banking as the demo customer taro, by password. */
  Session login() throws Exception {
    Session s = session("/netbank/login", null);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/netbank/login"))
                .header("Cookie", s.cookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + s.csrf() + "&loginId=taro&password=taro-pass-2026"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        r.headers()
            .firstValue("Set-Cookie")
            .map(v -> v.substring(0, v.indexOf(';')))
            .orElse(s.cookie());
    return session("/netbank/", cookie);
  }

  /** The forms of web banking's pages that the logged-in customer reaches by links. */
  List<Form> crawl(Session s) throws Exception {
    List<Form> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>(List.of("/netbank/"));
    List<String> queue = new ArrayList<>(List.of("/netbank/"));
    while (!queue.isEmpty() && seen.size() < 40) {
      String page = queue.remove(0);
      HttpResponse<String> r = get(page, s.cookie());
      found.addAll(forms(r.body()));
      Matcher links = LINK.matcher(r.body());
      while (links.find()) {
        String link = links.group(1).replace("&amp;", "&");
        if (link.startsWith("/netbank/") && !link.contains("logout") && seen.add(link)) {
          queue.add(link);
        }
      }
    }
    return found;
  }

  static List<Form> forms(String html) {
    List<Form> forms = new ArrayList<>();
    Matcher m = FORM.matcher(html);
    while (m.find()) {
      List<String> fields = new ArrayList<>();
      Matcher f = FIELD.matcher(m.group(3));
      while (f.find()) {
        fields.add(f.group(1));
      }
      String action = m.group(1).replace("&amp;", "&");
      if (action.startsWith("/") && !action.contains("logout")) {
        forms.add(new Form(action, m.group(2), fields));
      }
    }
    return forms;
  }

  String pathValue() {
    return pick(
        "taro",
        "1",
        "-1",
        "%7B0%7D",
        "%2e%2e",
        "%25",
        "x".repeat(300),
        "%E3%81%82",
        "a;b",
        URLEncoder.encode(text(), StandardCharsets.UTF_8).replace("+", "%20"));
  }

  String queryValue() {
    return pick(
        "limit=%ff%fe",
        "limit=-1",
        "limit=99999999999",
        "lang=en",
        "x=%ED%A0%80",
        "a=1&a=2",
        "limit=" + URLEncoder.encode(text(), StandardCharsets.UTF_8));
  }

  String rawEscapes() {
    return pick("%ff%fe", "%zz", "%", "%E3%81", "%ED%A0%80", "%00", "a%0d%0aSet-Cookie:x=1");
  }

  String text() {
    return switch (random.nextInt(14)) {
      case 0 -> "";
      case 1 -> "x".repeat(random.nextInt(5000));
      case 2 -> "' OR 1=1 --";
      case 3 -> "<script>alert(1)</script>";
      case 4 -> "{0}${7*7}#{7*7}";
      case 5 -> "../../etc/passwd";
      case 6 -> "\u0000\u0007\r\n";
      case 7 -> "１２３４５６";
      case 8 -> "\uD83D\uDE00\u202E";
      case 9 -> Long.toString(random.nextLong());
      case 10 -> "999999999999999999999999";
      case 11 -> "ORDINARY";
      case 12 -> "true";
      default -> Integer.toString(random.nextInt(1_000_000));
    };
  }

  /** What an HTTP client can put in a header: printable ASCII, at most 2,000 characters. */
  static String ascii(String text) {
    String kept = text.replaceAll("[^\\x20-\\x7e]", "?");
    return kept.substring(0, Math.min(kept.length(), 2000));
  }

  byte[] bytes() {
    byte[] b = new byte[random.nextInt(300)];
    random.nextBytes(b);
    return b;
  }

  String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}

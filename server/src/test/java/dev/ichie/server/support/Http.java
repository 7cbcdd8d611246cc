package dev.ichie.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests against the server on loopback; keeps every body it saw. */
public final class Http {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final List<String> recorded = new CopyOnWriteArrayList<>();

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** An answer: status, headers and body. */
  public record Answer(int status, HttpResponse<String> response) {
    public String body() {
      return response.body();
    }

    public JsonNode json() {
      return JSON.readTree(response.body());
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  public Answer get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null, headers);
  }

  public Answer delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null, headers);
  }

  public Answer post(String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return send(b, body, headers);
  }

  public Answer postBytes(String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return send(b, new String(body, StandardCharsets.UTF_8), headers);
  }

  private Answer send(HttpRequest.Builder b, String body, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (body != null && !containsContentType(headers)) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (body != null) {
        recorded.add(body);
      }
      recorded.add(r.body());
      return new Answer(r.statusCode(), r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean containsContentType(String[] headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        return true;
      }
    }
    return false;
  }

  /** Every request and answer body this client sent or received. */
  public List<String> recordedBodies() {
    return List.copyOf(recorded);
  }

  public static JsonMapper json() {
    return JSON;
  }
}

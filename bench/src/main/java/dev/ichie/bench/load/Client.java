package dev.ichie.bench.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One worker's way of sending a verification: the JDK's HttpClient, or a bare HTTP/1.1 socket. */
interface Client extends Closeable {

  /**
   * POSTs {@code {"code":"…"}} to a path and returns the answer's {@code result}.
   *
   * @param path the request path
   * @param code the code
   * @return the {@code result} field of the JSON answer, or {@code HTTP_nnn} if it has none
   * @throws IOException if the exchange failed
   */
  String verify(String path, String code) throws IOException, InterruptedException;

  @Override
  void close();

  /** The {@code result} field of a JSON answer, or {@code HTTP_status}. */
  static String result(int status, String body) {
    int at = body.indexOf("\"result\":\"");
    if (at < 0) {
      return "HTTP_" + status;
    }
    int from = at + 10;
    int to = body.indexOf('"', from);
    return to < 0 ? "HTTP_" + status : body.substring(from, to);
  }

  /** The JDK's {@link HttpClient}, HTTP/1.1 with keep-alive; one per worker. */
  final class Jdk implements Client {

    private final HttpClient http;
    private final String base;
    private final String apiKey;

    Jdk(String host, int port, String apiKey) {
      this.http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      this.base = "http://" + host + ":" + port;
      this.apiKey = apiKey;
    }

    @Override
    public String verify(String path, String code) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .header("X-API-Key", apiKey)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return result(response.statusCode(), response.body());
    }

    @Override
    public void close() {
      // HttpClient of Java 17 has no close(); its connections end with it.
    }
  }

  /**
   * HTTP/1.1 over a blocking socket, keep-alive, reconnecting when the server closes (Tomcat does
   * after 100 requests by default). Reads Content-Length and chunked answers.
   */
  final class Raw implements Client {

    private final String host;
    private final int port;
    private final String headers;
    private final byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long connects;

    Raw(String host, int port, String apiKey) {
      this.host = host;
      this.port = port;
      this.headers =
          " HTTP/1.1\r\nHost: "
              + host
              + ":"
              + port
              + "\r\nX-API-Key: "
              + apiKey
              + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
              + "Content-Length: ";
    }

    long connects() {
      return connects;
    }

    @Override
    public String verify(String path, String code) throws IOException {
      String body = "{\"code\":\"" + code + "\"}";
      byte[] request =
          ("POST " + path + headers + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.ISO_8859_1);
      if (socket == null) {
        connect();
      }
      try {
        out.write(request);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        throw e;
      }
    }

    private void connect() throws IOException {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), 5000);
      s.setSoTimeout(30_000);
      socket = s;
      in = s.getInputStream();
      out = s.getOutputStream();
      start = 0;
      end = 0;
      connects++;
    }

    private String read() throws IOException {
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.1 answer: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean closing = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.equalsIgnoreCase("chunked");
        } else if (name.equalsIgnoreCase("Connection")) {
          closing = value.equalsIgnoreCase("close");
        }
      }
      StringBuilder body = new StringBuilder();
      if (chunked) {
        while (true) {
          String size = line();
          int semi = size.indexOf(';');
          int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
          if (n == 0) {
            while (!line().isEmpty()) {
              // trailers
            }
            break;
          }
          bytes(body, n);
          line();
        }
      } else if (length >= 0) {
        bytes(body, (int) length);
      } else {
        throw new IOException("answer without length");
      }
      if (closing) {
        close();
      }
      return result(status, body.toString());
    }

    private boolean fill() throws IOException {
      if (start == end) {
        start = 0;
        end = 0;
      }
      if (end == buffer.length) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
      return true;
    }

    private String line() throws IOException {
      while (true) {
        for (int i = start; i < end - 1; i++) {
          if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
            String s = new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
            start = i + 2;
            return s;
          }
        }
        if (!fill()) {
          throw new EOFException("connection closed by the server");
        }
      }
    }

    private void bytes(StringBuilder into, int n) throws IOException {
      while (end - start < n) {
        if (end - start + (buffer.length - end) < n && start > 0) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end - start >= buffer.length) {
          throw new IOException("answer larger than " + buffer.length + " bytes");
        }
        if (!fill()) {
          throw new EOFException("connection closed by the server");
        }
      }
      into.append(new String(buffer, start, n, StandardCharsets.UTF_8));
      start += n;
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
        socket = null;
      }
    }
  }
}

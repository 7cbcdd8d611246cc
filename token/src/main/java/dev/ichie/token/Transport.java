package dev.ichie.token;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP(S) to one server with {@link HttpClient}: the platform's trust store (or given trust
 * anchors), plus the key pin when the endpoint has one; HTTP/1.1; no redirects; bounded answers;
 * {@code Accept-Language} from the app's language. Each request's send and receive times come from
 * the app's clock, for the clock check. Failures become {@link TokenException}s: {@link
 * Problem#UNREACHABLE}, {@link Problem#CERTIFICATE_UNTRUSTED}, {@link Problem#KEY_PIN_MISMATCH}.
 *
 * <p>Thread-safe.
 */
final class Transport {

  /** The largest answer read, in bytes. */
  static final int MAX_ANSWER = 64 * 1024;

  /** An answer with the device times around it. */
  record Answer(int status, byte[] body, HttpHeaders headers, Instant sent, Instant received) {

    Duration roundTrip() {
      return Duration.between(sent, received);
    }

    /** The device time halfway through the round trip. */
    Instant midpoint() {
      return sent.plus(roundTrip().dividedBy(2));
    }

    /** server time − device time, the server time taken at the midpoint. */
    ClockCheck clockCheck(Instant serverTime) {
      return new ClockCheck(Duration.between(midpoint(), serverTime), roundTrip());
    }
  }

  private final ServerEndpoint endpoint;
  private final HttpClient client;
  private final Clock clock;
  private final Duration timeout;
  private final String language;

  Transport(ServerEndpoint endpoint, TokenAppOptions options) {
    this.endpoint = endpoint;
    this.clock = options.clock();
    this.timeout = options.timeout();
    this.language = options.locale().getLanguage();
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .sslContext(sslContext(endpoint.pin().orElse(null), options))
            .build();
  }

  Answer post(String path, byte[] json) throws TokenException {
    return send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
  }

  Answer get(String path) throws TokenException {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
  }

  private Answer send(HttpRequest.Builder builder) throws TokenException {
    HttpRequest request =
        builder
            .timeout(timeout)
            .header("Accept-Language", language)
            .header("User-Agent", "Ichie-token-app")
            .build();
    URI uri = request.uri();
    Instant sent = clock.instant();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_ANSWER + 1);
      }
      Instant received = clock.instant();
      if (body.length > MAX_ANSWER) {
        throw new TokenException(
            Problem.PROTOCOL_ERROR, "the answer of " + uri + " is too large", "HTTP");
      }
      return new Answer(response.statusCode(), body, response.headers(), sent, received);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException(Problem.UNREACHABLE, "interrupted", e, endpoint.uri());
    } catch (IOException e) {
      throw classify(e, uri);
    }
  }

  private TokenException classify(IOException e, URI uri) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KeyPinMismatch) {
        return new TokenException(
            Problem.KEY_PIN_MISMATCH, "the server's key is not the pinned one", e, uri.getHost());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return new TokenException(
            Problem.CERTIFICATE_UNTRUSTED,
            "the server's certificate is not trusted: " + t.getMessage(),
            e,
            uri.getHost());
      }
    }
    if (e instanceof HttpTimeoutException) {
      return new TokenException(Problem.UNREACHABLE, "time-out: " + e, e, endpoint.uri());
    }
    if (e instanceof ConnectException || e instanceof SSLException) {
      return new TokenException(Problem.UNREACHABLE, "no connection: " + e, e, endpoint.uri());
    }
    return new TokenException(Problem.UNREACHABLE, "I/O: " + e, e, endpoint.uri());
  }

  private static SSLContext sslContext(PublicKeyPin pin, TokenAppOptions options) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(options.trustStore());
      X509ExtendedTrustManager platform = null;
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          platform = extended;
          break;
        }
      }
      if (platform == null) {
        throw new IllegalStateException("the platform has no X509ExtendedTrustManager");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinningTrustManager(platform, pin)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available on this Java platform", e);
    }
  }

  /** The server's key is not the pinned one. */
  static final class KeyPinMismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    KeyPinMismatch(String message) {
      super(message);
    }
  }

  /**
   * The platform's trust manager (chain, validity, host name), then the key pin on the leaf
   * certificate. Only for servers: client methods refuse.
   */
  static final class PinningTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager platform;
    private final PublicKeyPin pin;

    PinningTrustManager(X509ExtendedTrustManager platform, PublicKeyPin pin) {
      this.platform = platform;
      this.pin = pin;
    }

    private void checkPin(X509Certificate[] chain) throws CertificateException {
      if (pin != null && (chain.length == 0 || !pin.matches(chain[0].getPublicKey()))) {
        throw new KeyPinMismatch("the server's public key does not match " + pin);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      platform.checkServerTrusted(chain, authType, engine);
      checkPin(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      platform.checkServerTrusted(chain, authType, socket);
      checkPin(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      platform.checkServerTrusted(chain, authType);
      checkPin(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the token app authenticates no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the token app authenticates no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the token app authenticates no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return platform.getAcceptedIssuers();
    }
  }
}

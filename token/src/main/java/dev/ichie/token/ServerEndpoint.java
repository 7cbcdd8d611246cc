package dev.ichie.token;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the app reaches the server, and how: its base URL ({@code https://…}, without a trailing
 * slash; the activation endpoints are {@code /api/activation/v1/…} under it), an optional pin of
 * its public key, and whether plain HTTP to a non-loopback address was explicitly allowed.
 *
 * <p>The rule: HTTPS always; plain HTTP only to a loopback address ({@code 127.0.0.0/8}, {@code
 * ::1}, {@code localhost}) for development, or with {@code insecurePlainHttp}, which callers must
 * announce loudly ({@link #insecure()}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ServerEndpoint {

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final URI base;
  private final PublicKeyPin pin;
  private final boolean insecurePlainHttp;

  private ServerEndpoint(URI base, PublicKeyPin pin, boolean insecurePlainHttp) {
    this.base = base;
    this.pin = pin;
    this.insecurePlainHttp = insecurePlainHttp;
  }

  /**
   * Checks and makes an endpoint.
   *
   * @param url the server's base URL, {@code https://host[:port][/path]}
   * @param pin the server's key pin, or null
   * @param insecurePlainHttp allow plain HTTP to an address that is not loopback
   * @return the endpoint
   * @throws TokenException {@link Problem#INVALID_SERVER_URL} if the URL is not an absolute http(s)
   *     URL with a host and without user info, query or fragment; {@link
   *     Problem#PLAIN_HTTP_REFUSED} for plain HTTP to an address that is not loopback without the
   *     flag
   */
  public static ServerEndpoint of(String url, PublicKeyPin pin, boolean insecurePlainHttp)
      throws TokenException {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new TokenException(Problem.INVALID_SERVER_URL, "not a URL: " + e.getReason(), url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new TokenException(
          Problem.INVALID_SERVER_URL, "the server must be an http(s) URL with a host", url);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    URI base;
    try {
      base = new URI(scheme + "://" + uri.getRawAuthority() + path);
    } catch (URISyntaxException e) {
      throw new TokenException(Problem.INVALID_SERVER_URL, "not a URL: " + e.getReason(), url);
    }
    if (scheme.equals("http") && !isLoopback(base.getHost()) && !insecurePlainHttp) {
      throw new TokenException(
          Problem.PLAIN_HTTP_REFUSED, "plain HTTP to " + base.getHost() + " is refused", url);
    }
    return new ServerEndpoint(base, pin, insecurePlainHttp);
  }

  /**
   * Whether a URL host is a loopback address: {@code localhost}, a literal in {@code 127.0.0.0/8}
   * or {@code ::1}. Names are never looked up.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    boolean literal = IPV4.matcher(h).matches() || (h.startsWith("[") && h.endsWith("]"));
    if (!literal) {
      return false;
    }
    try {
      String bare = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The base URL, without a trailing slash. */
  public URI uri() {
    return base;
  }

  /** The key pin, if any. */
  public Optional<PublicKeyPin> pin() {
    return Optional.ofNullable(pin);
  }

  /** Whether plain HTTP to a non-loopback address was allowed. */
  public boolean insecurePlainHttp() {
    return insecurePlainHttp;
  }

  /** Whether this endpoint is plain HTTP to an address that is not loopback: warn every time. */
  public boolean insecure() {
    return base.getScheme().equals("http") && !isLoopback(base.getHost());
  }

  /** The URL of a path under the base, e.g. {@code /api/activation/v1/start}. */
  public URI resolve(String path) {
    return URI.create(base + path);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerEndpoint that
        && base.equals(that.base)
        && Objects.equals(pin, that.pin)
        && insecurePlainHttp == that.insecurePlainHttp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(base, pin, insecurePlainHttp);
  }

  @Override
  public String toString() {
    return base.toString();
  }
}

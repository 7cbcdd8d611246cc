package dev.ichie.otp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code otpauth://TYPE/LABEL?PARAMETERS} URI, the "Key Uri Format" of Google Authenticator that
 * carries a token's secret and parameters to an authenticator app (usually as a QR code).
 *
 * <p>The label is {@code issuer:account} or just {@code account}, each part percent-encoded as
 * UTF-8. The parameters are {@code secret} (Base32, RFC 4648 §6, required), {@code issuer}, {@code
 * algorithm} (SHA1, SHA256, SHA512; default SHA1), {@code digits} (6, 7 or 8; default 6), {@code
 * period} (seconds, totp only; default 30) and {@code counter} (hotp only, required). Unknown
 * parameters are ignored; a repeated parameter is refused.
 *
 * <p>Unlike the format's description, an issuer or account may contain {@code ':'}: {@link
 * #toUriString()} writes the separator as a literal {@code ':'} and a colon inside a part as {@code
 * %3A}. {@link #parse(String)} splits the label at the first literal colon; failing that, at an
 * encoded one when the {@code issuer} parameter names the prefix; otherwise the whole label is the
 * account. Spaces after the separator are dropped, so an account may not start with a space. A URI
 * made by {@link #toUriString()} parses back to an equal {@code KeyUri}.
 *
 * <p>For a TOTP key {@code period} is set and {@code counter} is 0; for a HOTP key {@code period}
 * is {@code null}. {@link #toString()} never shows the secret.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param type TOTP or HOTP
 * @param issuer the provider or service, or {@code null} for none
 * @param account the account name, not empty
 * @param secret the shared secret
 * @param algorithm the HMAC algorithm
 * @param digits the number of digits of a code, 6 to 8
 * @param period the TOTP time step, a positive whole number of seconds; {@code null} for HOTP
 * @param counter the initial HOTP counter, not negative; 0 for TOTP
 */
public record KeyUri(
    Type type,
    String issuer,
    String account,
    Secret secret,
    HmacAlgorithm algorithm,
    int digits,
    Duration period,
    long counter) {

  /** The kind of one-time password. */
  public enum Type {
    /** Time-based, RFC 6238. */
    TOTP,
    /** Counter-based, RFC 4226. */
    HOTP;

    /** The name in the URI: {@code "totp"} or {@code "hotp"}. */
    String uriName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String SCHEME = "otpauth";
  private static final String FORM = "otpauth://TYPE/LABEL?PARAMETERS";

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a field is out of range or does not fit the type
   */
  public KeyUri {
    Objects.requireNonNull(type, "type must not be null");
    Objects.requireNonNull(account, "account must not be null");
    Objects.requireNonNull(secret, "secret must not be null");
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    if (issuer != null) {
      checkText("issuer", issuer);
    }
    checkText("account", account);
    if (account.charAt(0) == ' ') {
      throw new IllegalArgumentException("account must not start with a space");
    }
    TotpParameters.checkDigits(digits);
    if (type == Type.TOTP) {
      Objects.requireNonNull(period, "period must not be null for totp");
      TotpParameters.checkPeriod(period);
      if (counter != 0) {
        throw new IllegalArgumentException("counter must be 0 for totp, was " + counter);
      }
    } else {
      if (period != null) {
        throw new IllegalArgumentException("period must be null for hotp, was " + period);
      }
      if (counter < 0) {
        throw new IllegalArgumentException("counter must not be negative, was " + counter);
      }
    }
  }

  private static void checkText(String name, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(name + " has an unpaired surrogate at index " + i);
      }
    }
  }

  /**
   * Makes the URI of a TOTP key.
   *
   * @param issuer the provider or service, or {@code null} for none
   * @param account the account name
   * @param secret the shared secret
   * @param parameters algorithm, digits and period
   * @return the key URI
   */
  public static KeyUri totp(
      String issuer, String account, Secret secret, TotpParameters parameters) {
    Objects.requireNonNull(parameters, "parameters must not be null");
    return new KeyUri(
        Type.TOTP,
        issuer,
        account,
        secret,
        parameters.algorithm(),
        parameters.digits(),
        parameters.period(),
        0);
  }

  /**
   * Makes the URI of a HOTP key.
   *
   * @param issuer the provider or service, or {@code null} for none
   * @param account the account name
   * @param secret the shared secret
   * @param algorithm the HMAC algorithm
   * @param digits the number of digits, 6 to 8
   * @param counter the initial counter, not negative
   * @return the key URI
   */
  public static KeyUri hotp(
      String issuer,
      String account,
      Secret secret,
      HmacAlgorithm algorithm,
      int digits,
      long counter) {
    return new KeyUri(Type.HOTP, issuer, account, secret, algorithm, digits, null, counter);
  }

  /**
   * Returns the TOTP parameters of a TOTP key.
   *
   * @return algorithm, digits and period
   * @throws IllegalStateException if this is a HOTP key
   */
  public TotpParameters totpParameters() {
    if (type != Type.TOTP) {
      throw new IllegalStateException("not a totp key");
    }
    return new TotpParameters(algorithm, digits, period);
  }

  /**
   * Writes the URI, with every parameter explicit.
   *
   * @return for example {@code
   *     otpauth://totp/Ichie%20Bank:alice?secret=...&issuer=Ichie%20Bank&algorithm=SHA1&digits=6&period=30}
   */
  public String toUriString() {
    StringBuilder b = new StringBuilder(128);
    b.append(SCHEME).append("://").append(type.uriName()).append('/');
    if (issuer != null) {
      encode(issuer, b);
      b.append(':');
    }
    encode(account, b);
    b.append("?secret=").append(secret.toBase32(SecretAccess.get()));
    if (issuer != null) {
      b.append("&issuer=");
      encode(issuer, b);
    }
    b.append("&algorithm=").append(algorithm.uriName());
    b.append("&digits=").append(digits);
    if (type == Type.TOTP) {
      b.append("&period=").append(period.getSeconds());
    } else {
      b.append("&counter=").append(counter);
    }
    return b.toString();
  }

  /**
   * Parses a URI.
   *
   * @param uri the {@code otpauth://} URI
   * @return the key URI
   * @throws IllegalArgumentException saying what is wrong: the scheme, the type, a missing secret
   *     or counter, bad Base32, digits, algorithm or period, an issuer in the label that differs
   *     from the {@code issuer} parameter, or bad percent-encoding
   */
  public static KeyUri parse(String uri) {
    Objects.requireNonNull(uri, "uri must not be null");
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("not an otpauth URI: expected " + FORM);
    }
    String scheme = uri.substring(0, schemeEnd);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      throw new IllegalArgumentException(
          "not an otpauth URI: the scheme must be 'otpauth', was '" + scheme + "'");
    }
    int typeStart = schemeEnd + 3;
    int typeEnd = uri.indexOf('/', typeStart);
    if (typeEnd < 0) {
      throw new IllegalArgumentException("missing label: expected " + FORM);
    }
    String typeName = uri.substring(typeStart, typeEnd);
    Type type;
    if (typeName.equalsIgnoreCase("totp")) {
      type = Type.TOTP;
    } else if (typeName.equalsIgnoreCase("hotp")) {
      type = Type.HOTP;
    } else {
      throw new IllegalArgumentException(
          "unknown OTP type '" + typeName + "' (expected totp or hotp)");
    }
    int query = uri.indexOf('?', typeEnd);
    String rawLabel = uri.substring(typeEnd + 1, query < 0 ? uri.length() : query);
    Map<String, String> parameters =
        query < 0 ? Map.of() : parseParameters(uri.substring(query + 1));

    String issuerParameter = parameters.get("issuer");
    if (issuerParameter != null && issuerParameter.isEmpty()) {
      throw new IllegalArgumentException("issuer parameter must not be empty");
    }
    String labelIssuer = null;
    String account;
    int colon = rawLabel.indexOf(':');
    if (colon >= 0) {
      labelIssuer = decode(rawLabel.substring(0, colon), "label", false);
      account = stripLeadingSpaces(decode(rawLabel.substring(colon + 1), "label", false));
    } else {
      String label = decode(rawLabel, "label", false);
      if (issuerParameter != null && label.startsWith(issuerParameter + ":")) {
        labelIssuer = issuerParameter;
        account = stripLeadingSpaces(label.substring(issuerParameter.length() + 1));
      } else {
        account = label;
      }
    }
    if (labelIssuer != null && labelIssuer.isEmpty()) {
      throw new IllegalArgumentException("empty issuer in label");
    }
    if (account.isEmpty()) {
      throw new IllegalArgumentException("missing account name in label");
    }
    if (labelIssuer != null && issuerParameter != null && !labelIssuer.equals(issuerParameter)) {
      throw new IllegalArgumentException(
          "issuer mismatch: the label has '"
              + labelIssuer
              + "', the issuer parameter '"
              + issuerParameter
              + "'");
    }
    String issuer = issuerParameter != null ? issuerParameter : labelIssuer;

    String base32 = parameters.get("secret");
    if (base32 == null) {
      throw new IllegalArgumentException("missing secret parameter");
    }
    Secret secret;
    try {
      secret = Secret.fromBase32(base32);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad secret parameter: " + e.getMessage(), e);
    }

    String algorithmName = parameters.get("algorithm");
    HmacAlgorithm algorithm =
        algorithmName == null ? HmacAlgorithm.SHA1 : HmacAlgorithm.fromName(algorithmName);

    int digits = 6;
    String digitsText = parameters.get("digits");
    if (digitsText != null) {
      long value = parseNonNegative(digitsText);
      if (value < TotpParameters.MIN_DIGITS || value > TotpParameters.MAX_DIGITS) {
        throw new IllegalArgumentException(
            "bad digits parameter '" + digitsText + "': must be 6, 7 or 8");
      }
      digits = (int) value;
    }

    if (type == Type.TOTP) {
      Duration period = TotpParameters.DEFAULT_PERIOD;
      String periodText = parameters.get("period");
      if (periodText != null) {
        long seconds = parseNonNegative(periodText);
        if (seconds <= 0) {
          throw new IllegalArgumentException(
              "bad period parameter '"
                  + periodText
                  + "': must be a positive whole number of seconds");
        }
        period = Duration.ofSeconds(seconds);
      }
      return new KeyUri(type, issuer, account, secret, algorithm, digits, period, 0);
    }
    String counterText = parameters.get("counter");
    if (counterText == null) {
      throw new IllegalArgumentException("missing counter parameter (required for hotp)");
    }
    long counter = parseNonNegative(counterText);
    if (counter < 0) {
      throw new IllegalArgumentException(
          "bad counter parameter '" + counterText + "': must be a non-negative integer");
    }
    return new KeyUri(type, issuer, account, secret, algorithm, digits, null, counter);
  }

  /** Returns the value of 1 or more ASCII digits up to {@link Long#MAX_VALUE}, else -1. */
  private static long parseNonNegative(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static Map<String, String> parseParameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "parameter name", true);
      String value =
          equals < 0 ? "" : decode(pair.substring(equals + 1), "parameter " + name, true);
      if (parameters.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("duplicate parameter '" + name + "'");
      }
    }
    return parameters;
  }

  private static String stripLeadingSpaces(String text) {
    int i = 0;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return text.substring(i);
  }

  /** Percent-encodes the UTF-8 bytes of {@code text}, leaving only RFC 3986 unreserved bytes. */
  private static void encode(String text, StringBuilder out) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  /**
   * Decodes percent-encoding as UTF-8, strictly. Characters that are not encoded stand for their
   * own UTF-8 bytes; in a query, {@code '+'} is a space.
   */
  private static String decode(String text, String what, boolean query) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw new IllegalArgumentException(
              "bad percent-encoding in " + what + " at index " + i + ": expected %XX");
        }
        bytes.write(high << 4 | low);
        i += 3;
      } else if (c == '+' && query) {
        bytes.write(' ');
        i++;
      } else {
        int end = i + 1;
        while (end < text.length()
            && text.charAt(end) != '%'
            && !(query && text.charAt(end) == '+')) {
          end++;
        }
        byte[] utf8 = strictUtf8(text.substring(i, end), what);
        bytes.write(utf8, 0, utf8.length);
        i = end;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bad percent-encoding in " + what + ": not UTF-8", e);
    }
  }

  private static byte[] strictUtf8(String text, String what) {
    try {
      ByteBuffer buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("unpaired surrogate in " + what, e);
    }
  }

  /** Shows every field but the secret's bytes. */
  @Override
  public String toString() {
    return "KeyUri[type="
        + type
        + ", issuer="
        + issuer
        + ", account="
        + account
        + ", secret="
        + secret
        + ", algorithm="
        + algorithm
        + ", digits="
        + digits
        + ", period="
        + period
        + ", counter="
        + counter
        + "]";
  }
}

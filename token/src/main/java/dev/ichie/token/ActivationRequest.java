package dev.ichie.token;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.StartRequest;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What the customer types to activate a token (F2): the server, サービスID and ユーザーID, and a label for
 * this device that web banking shows. The activation password is passed separately, as a {@code
 * char[]}, to {@link TokenApp#activate}.
 *
 * <p>Checked when built, by the protocol's own rules: service ID 1–32 characters of {@code A–Z a–z
 * 0–9 . _ -}; user ID 1–32 digits (full-width digits are taken as ASCII); device label 1–64
 * characters, not blank, without control characters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param server the server
 * @param serviceId サービスID
 * @param userId ユーザーID
 * @param deviceLabel the device's name, e.g. {@link #defaultDeviceLabel()}
 * @param protocolVersion 2 (the default: the device key for 取引認証 is registered at activation), or 1
 *     for a server that speaks only version 1
 */
public record ActivationRequest(
    ServerEndpoint server,
    String serviceId,
    String userId,
    String deviceLabel,
    int protocolVersion) {

  /** The label when the host has no usable name. */
  public static final String FALLBACK_DEVICE_LABEL = "Ichie token app";

  private static final byte[] SOME_A = someA();

  /**
   * Checks.
   *
   * @throws IllegalArgumentException if an ID or the label breaks the rules; use {@link #of} to get
   *     a {@link TokenException} instead
   */
  public ActivationRequest {
    Objects.requireNonNull(server, "server");
    userId = asciiDigits(Objects.requireNonNull(userId, "userId"));
    new StartRequest(protocolVersion, serviceId, userId, SOME_A);
    new FinishRequest("x", new byte[32], deviceLabel);
  }

  /**
   * A request of the latest protocol version.
   *
   * @param server the server
   * @param serviceId サービスID
   * @param userId ユーザーID
   * @param deviceLabel the device's name
   */
  public ActivationRequest(
      ServerEndpoint server, String serviceId, String userId, String deviceLabel) {
    this(server, serviceId, userId, deviceLabel, ActivationJson.LATEST);
  }

  /**
   * This request in another protocol version.
   *
   * @param version 1 or 2
   * @return the request
   */
  public ActivationRequest withProtocolVersion(int version) {
    return new ActivationRequest(server, serviceId, userId, deviceLabel, version);
  }

  /**
   * Checks and makes a request, with the customer's kind of error.
   *
   * @throws TokenException {@link Problem#INVALID_IDS} or {@link Problem#INVALID_DEVICE_LABEL}
   */
  public static ActivationRequest of(
      ServerEndpoint server, String serviceId, String userId, String deviceLabel)
      throws TokenException {
    try {
      new StartRequest(serviceId, asciiDigits(userId), SOME_A);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new TokenException(Problem.INVALID_IDS, e.getMessage());
    }
    try {
      new FinishRequest("x", new byte[32], deviceLabel);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new TokenException(Problem.INVALID_DEVICE_LABEL, e.getMessage());
    }
    return new ActivationRequest(server, serviceId, userId, deviceLabel);
  }

  /**
   * This host's name, cut to 64 characters, or {@value #FALLBACK_DEVICE_LABEL} when it has none
   * that the protocol accepts.
   */
  public static String defaultDeviceLabel() {
    String name = null;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | SecurityException e) {
      // no name: the fallback
    }
    if (name == null || name.isBlank() || name.equals("localhost")) {
      return FALLBACK_DEVICE_LABEL;
    }
    String label = name.length() > 64 ? name.substring(0, 64) : name;
    try {
      new FinishRequest("x", new byte[32], label);
      return label;
    } catch (IllegalArgumentException e) {
      return FALLBACK_DEVICE_LABEL;
    }
  }

  private static String asciiDigits(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.strip().toCharArray()) {
      out.append(c >= '\uFF10' && c <= '\uFF19' ? (char) ('0' + (c - '\uFF10')) : c);
    }
    return out.toString();
  }

  private static byte[] someA() {
    byte[] a = new byte[256];
    a[255] = 2;
    return a;
  }
}

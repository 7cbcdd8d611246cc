package dev.ichie.server.system;

import java.util.List;
import java.util.Map;

/**
 * A short, plain description of a browser's {@code User-Agent} for the customer's notices: the
 * browser and the system ("Chrome / Android"), never the header itself, which the client chose.
 */
public final class UserAgents {

  // Order matters: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux.
  private static final List<Map.Entry<String, String>> BROWSERS =
      List.of(
          Map.entry("Edg/", "Edge"),
          Map.entry("OPR/", "Opera"),
          Map.entry("Firefox/", "Firefox"),
          Map.entry("FxiOS/", "Firefox"),
          Map.entry("CriOS/", "Chrome"),
          Map.entry("Chrome/", "Chrome"),
          Map.entry("Safari/", "Safari"));
  private static final List<Map.Entry<String, String>> SYSTEMS =
      List.of(
          Map.entry("iPhone", "iOS"),
          Map.entry("iPad", "iPadOS"),
          Map.entry("Android", "Android"),
          Map.entry("Windows", "Windows"),
          Map.entry("Mac OS X", "macOS"),
          Map.entry("CrOS", "ChromeOS"),
          Map.entry("Linux", "Linux"));

  private UserAgents() {}

  /**
   * Describes a User-Agent header.
   *
   * @param header the header, or null
   * @return e.g. "Chrome / Windows"; "?" for a part not recognised
   */
  public static String describe(String header) {
    String h = header == null ? "" : header;
    return find(BROWSERS, h) + " / " + find(SYSTEMS, h);
  }

  private static String find(List<Map.Entry<String, String>> names, String header) {
    return names.stream()
        .filter(e -> header.contains(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse("?");
  }
}

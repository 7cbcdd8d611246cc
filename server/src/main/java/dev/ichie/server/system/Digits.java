package dev.ichie.server.system;

/**
 * Input of code and number fields: full-width digits (０–９), which Japanese keyboards often give,
 * are the digits they are; surrounding spaces (also the full-width space) are dropped. Thread-safe.
 */
public final class Digits {

  private Digits() {}

  /**
   * The input with full-width digits made ASCII and outer spaces removed.
   *
   * @param input what the customer typed, or null
   * @return the normalised text, empty for null
   */
  public static String normalize(String input) {
    if (input == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(input.length());
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      sb.append(c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c);
    }
    return sb.toString().replace('\u3000', ' ').strip();
  }

  /**
   * A one-time password as typed: normalised, and the spaces the token app shows in the middle
   * ({@code 123 456}) removed.
   *
   * @param input what the customer typed, or null
   * @return the code's characters, empty for null
   */
  public static String code(String input) {
    return normalize(input).replace(" ", "");
  }

  /**
   * Whether the text has the shape of a one-time password ({@link Forms#CODE_PATTERN}).
   *
   * @param code a code from {@link #code}
   * @return true if so
   */
  public static boolean isCode(String code) {
    return code.matches(Forms.CODE_PATTERN);
  }

  /**
   * Whether the text is 1 to max ASCII digits.
   *
   * @param s normalised text
   * @param min fewest digits
   * @param max most digits
   * @return true if so
   */
  public static boolean digits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}

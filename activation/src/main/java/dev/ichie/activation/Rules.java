package dev.ichie.activation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The value rules of protocol version 1, in one place for the records, the JSON reader and the two
 * roles. Each check throws {@link IllegalArgumentException} with a message that names the field.
 *
 * <ul>
 *   <li>serviceId: 1–32 characters of {@code A-Z a-z 0-9 . _ -};
 *   <li>userId: 1–32 ASCII digits;
 *   <li>activationId, credentialId: 1–64 characters of the base64url alphabet ({@code A-Z a-z 0-9 -
 *       _});
 *   <li>deviceLabel, serviceName: 1–64 characters (code points), not blank, without control
 *       characters, line or paragraph separators, bidirectional overrides or lone surrogates;
 *   <li>activation password: 4–8 digits; full-width digits (U+FF10–U+FF19) count as their ASCII
 *       digits.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class Rules {

  static final int SERVICE_ID_MAX = 32;
  static final int USER_ID_MAX = 32;
  static final int ID_MAX = 64;
  static final int LABEL_MAX = 64;
  static final int PASSWORD_MIN = 4;
  static final int PASSWORD_MAX = 8;

  private Rules() {}

  static String requireServiceId(String serviceId) {
    Objects.requireNonNull(serviceId, "serviceId");
    if (!matches(serviceId, SERVICE_ID_MAX, Rules::isServiceIdChar)) {
      throw new IllegalArgumentException(
          "serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
    }
    return serviceId;
  }

  static String requireUserId(String userId) {
    Objects.requireNonNull(userId, "userId");
    if (!matches(userId, USER_ID_MAX, Rules::isAsciiDigit)) {
      throw new IllegalArgumentException("userId must be 1 to 32 ASCII digits");
    }
    return userId;
  }

  static String requireActivationId(String activationId) {
    return requireId("activationId", activationId);
  }

  static String requireCredentialId(String credentialId) {
    return requireId("credentialId", credentialId);
  }

  private static String requireId(String field, String id) {
    Objects.requireNonNull(id, field);
    if (!matches(id, ID_MAX, Rules::isBase64UrlChar)) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to 64 characters of the base64url alphabet (A-Z, a-z, 0-9, '-', '_')");
    }
    return id;
  }

  static String requireLabel(String field, String label) {
    Objects.requireNonNull(label, field);
    int codePoints = label.codePointCount(0, label.length());
    if (codePoints < 1
        || codePoints > LABEL_MAX
        || label.isBlank()
        || label.codePoints().anyMatch(Rules::isForbiddenInLabel)) {
      throw new IllegalArgumentException(
          field + " must be 1 to 64 characters, not blank, without control characters");
    }
    return label;
  }

  /**
   * P: the activation password as ASCII digit bytes. The caller should zero the result after use.
   */
  static byte[] activationPasswordDigits(CharSequence password) {
    Objects.requireNonNull(password, "activationPassword");
    int length = password.length();
    boolean valid = length >= PASSWORD_MIN && length <= PASSWORD_MAX;
    byte[] digits = new byte[valid ? length : 0];
    for (int i = 0; valid && i < length; i++) {
      char c = password.charAt(i);
      if (isAsciiDigit(c)) {
        digits[i] = (byte) c;
      } else if (c >= '\uFF10' && c <= '\uFF19') {
        digits[i] = (byte) ('0' + (c - '\uFF10'));
      } else {
        valid = false;
      }
    }
    if (!valid) {
      Arrays.fill(digits, (byte) 0);
      throw new IllegalArgumentException("activationPassword must be 4 to 8 digits");
    }
    return digits;
  }

  /** I: the UTF-8 bytes of {@code serviceId ":" userId}. */
  static byte[] identity(String serviceId, String userId) {
    requireServiceId(serviceId);
    requireUserId(userId);
    return (serviceId + ":" + userId).getBytes(StandardCharsets.UTF_8);
  }

  private interface CharRule {
    boolean test(char c);
  }

  private static boolean matches(String value, int max, CharRule rule) {
    if (value.isEmpty() || value.length() > max) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!rule.test(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isServiceIdChar(char c) {
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '-';
  }

  static boolean isBase64UrlChar(char c) {
    return isAsciiLetter(c) || isAsciiDigit(c) || c == '-' || c == '_';
  }

  private static boolean isForbiddenInLabel(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE // a lone surrogate: String.codePoints() pairs the rest
        || (codePoint >= 0x202A && codePoint <= 0x202E) // bidi embeddings and overrides
        || (codePoint >= 0x2066 && codePoint <= 0x2069); // bidi isolates
  }
}

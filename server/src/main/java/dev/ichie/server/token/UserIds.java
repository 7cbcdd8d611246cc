package dev.ichie.server.token;

import java.security.SecureRandom;

/**
 * User IDs (ユーザーID) that the service assigns: 10 digits, the first not zero, the last a Luhn check
 * digit so that the token app can catch a mistyped ID before it asks the server. Thread-safe.
 */
public final class UserIds {

  /** Length of a user ID. */
  public static final int LENGTH = 10;

  private UserIds() {}

  /**
   * A new random user ID.
   *
   * @param random the source of randomness
   * @return 10 digits with a valid check digit
   */
  public static String next(SecureRandom random) {
    StringBuilder sb = new StringBuilder(LENGTH);
    sb.append((char) ('1' + random.nextInt(9)));
    for (int i = 1; i < LENGTH - 1; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    sb.append(checkDigit(sb));
    return sb.toString();
  }

  /**
   * Whether a string is a well-formed user ID with a valid check digit.
   *
   * @param userId the candidate
   * @return true if valid
   */
  public static boolean valid(CharSequence userId) {
    if (userId == null || userId.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (userId.charAt(i) < '0' || userId.charAt(i) > '9') {
        return false;
      }
    }
    return checkDigit(userId.subSequence(0, LENGTH - 1)) == userId.charAt(LENGTH - 1);
  }

  /** The Luhn check digit of a digit string. */
  static char checkDigit(CharSequence payload) {
    int sum = 0;
    boolean dbl = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }
}

package dev.ichie.server.token;

/**
 * The rules for activation passwords (利用開始パスワード): 4 to 8 ASCII digits, not trivial. Trivial means
 * one digit repeated (0000) or a run up or down by one (1234, 9876, 7890). Thread-safe.
 */
public final class ActivationPasswords {

  /** Shortest allowed length. */
  public static final int MIN_LENGTH = 4;

  /** Longest allowed length. */
  public static final int MAX_LENGTH = 8;

  private ActivationPasswords() {}

  /**
   * Whether a password is acceptable.
   *
   * @param password the password
   * @return true if 4–8 ASCII digits and not trivial
   */
  public static boolean acceptable(CharSequence password) {
    if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < password.length(); i++) {
      char c = password.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !trivial(password);
  }

  private static boolean trivial(CharSequence p) {
    boolean same = true;
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < p.length(); i++) {
      int prev = p.charAt(i - 1) - '0';
      int cur = p.charAt(i) - '0';
      same &= cur == prev;
      up &= cur == (prev + 1) % 10;
      down &= cur == (prev + 9) % 10;
    }
    return same || up || down;
  }
}

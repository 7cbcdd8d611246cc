package dev.ichie.server.branch;

import java.security.SecureRandom;

/**
 * One half of a one-time staff password: {@value #LENGTH} characters of an alphabet without
 * look-alike characters (40 bits). The staff member types the first half and then the second as one
 * password.
 */
final class PasswordHalf {

  /** Characters in a half. */
  static final int LENGTH = 8;

  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHalf() {}

  /**
   * A new random half.
   *
   * @return its characters
   */
  static String next() {
    char[] c = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}

package dev.ichie.token.gui;

/** How the window shows a code: in two groups, "123 456" (3+3), "1234 5678" (4+4). Stateless. */
final class CodeFormat {

  private CodeFormat() {}

  /**
   * The digits in two groups split by a space, the first group the shorter one when the length is
   * odd: 6 digits as 3+3, 7 as 3+4, 8 as 4+4. Fewer than 4 digits stay as they are.
   *
   * @param digits the code
   * @return the grouped text
   */
  static String grouped(String digits) {
    if (digits.length() < 4) {
      return digits;
    }
    int split = digits.length() / 2;
    return digits.substring(0, split) + " " + digits.substring(split);
  }
}

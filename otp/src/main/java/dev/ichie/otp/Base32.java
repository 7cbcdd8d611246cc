package dev.ichie.otp;

import java.util.Objects;

/**
 * Base32 with the standard alphabet {@code A-Z 2-7} of RFC 4648 §6.
 *
 * <p>{@link #encode(byte[])} writes upper case with {@code '='} padding, {@link
 * #encodeUnpadded(byte[])} without it (the form of {@code otpauth://} URIs). {@link
 * #decode(CharSequence)} is strict: it accepts either case and text with or without padding, but
 * refuses any other character (spaces and hyphens included), wrong padding, a length that cannot
 * encode whole bytes, and non-zero trailing bits (RFC 4648 §3.5), so that each byte string has
 * exactly one accepted spelling up to case and padding.
 *
 * <p>This class has no state and is thread-safe.
 */
public final class Base32 {

  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  /** Padding characters after {@code n mod 8} data characters; -1 where that residue is invalid. */
  private static final int[] PADDING = {0, -1, 6, -1, 4, 3, -1, 1};

  private Base32() {}

  /**
   * Encodes bytes as upper-case Base32 with padding, as in RFC 4648 §6.
   *
   * @param data the bytes
   * @return the Base32 text, a multiple of 8 characters long
   */
  public static String encode(byte[] data) {
    return encode(data, true);
  }

  /**
   * Encodes bytes as upper-case Base32 without the {@code '='} padding.
   *
   * @param data the bytes
   * @return the Base32 text
   */
  public static String encodeUnpadded(byte[] data) {
    return encode(data, false);
  }

  private static String encode(byte[] data, boolean pad) {
    Objects.requireNonNull(data, "data must not be null");
    int dataChars = (data.length * 8 + 4) / 5;
    int totalChars = pad ? (data.length + 4) / 5 * 8 : dataChars;
    char[] out = new char[totalChars];
    int buffer = 0;
    int bits = 0;
    int o = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out[o++] = ALPHABET[(buffer >>> bits) & 0x1f];
      }
    }
    if (bits > 0) {
      out[o++] = ALPHABET[(buffer << (5 - bits)) & 0x1f];
    }
    while (o < totalChars) {
      out[o++] = '=';
    }
    return new String(out);
  }

  /**
   * Decodes Base32 text (RFC 4648 §6).
   *
   * <p>Letters may be upper or lower case. Padding may be left out, but if present it must be
   * complete: the text is then a multiple of 8 characters long with the number of {@code '='} that
   * RFC 4648 prescribes. The empty text decodes to no bytes.
   *
   * @param text the Base32 text
   * @return the decoded bytes
   * @throws IllegalArgumentException naming the bad character and its index, or the bad length or
   *     padding
   */
  public static byte[] decode(CharSequence text) {
    Objects.requireNonNull(text, "text must not be null");
    int length = text.length();
    int end = length;
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    int[] values = new int[end];
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      int value = valueOf(c);
      if (value < 0) {
        throw new IllegalArgumentException(
            "invalid Base32 character " + describe(c) + " at index " + i);
      }
      values[i] = value;
    }
    int residue = end % 8;
    int expectedPadding = PADDING[residue];
    if (expectedPadding < 0) {
      throw new IllegalArgumentException(
          "invalid Base32 length: "
              + end
              + " data characters ("
              + end
              + " mod 8 = "
              + residue
              + ") cannot encode whole bytes");
    }
    int padding = length - end;
    if (padding != 0 && padding != expectedPadding) {
      throw new IllegalArgumentException(
          "invalid Base32 padding: "
              + end
              + " data characters need "
              + (expectedPadding == 0 ? "no" : String.valueOf(expectedPadding))
              + " '=', found "
              + padding);
    }
    int trailingBits = end * 5 % 8;
    if (trailingBits != 0 && (values[end - 1] & ((1 << trailingBits) - 1)) != 0) {
      throw new IllegalArgumentException(
          "invalid Base32: non-zero trailing bits in the last character "
              + describe(text.charAt(end - 1))
              + " at index "
              + (end - 1));
    }
    byte[] out = new byte[end * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int o = 0;
    for (int value : values) {
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (buffer >>> bits);
      }
    }
    return out;
  }

  private static int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '2' && c <= '7') {
      return c - '2' + 26;
    }
    return -1;
  }

  private static String describe(char c) {
    String code = String.format("U+%04X", (int) c);
    return Character.isISOControl(c) || Character.isSurrogate(c)
        ? code
        : "'" + c + "' (" + code + ")";
  }
}

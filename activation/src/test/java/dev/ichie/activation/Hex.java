package dev.ichie.activation;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Hex for test vectors: spaces, line breaks and "0x" prefixes (as RFCs lay values out) are ignored.
 */
final class Hex {

  private Hex() {}

  static byte[] bytes(String spacedHex) {
    return HexFormat.of()
        .parseHex(spacedHex.replaceAll("\\s+", "").replace("0x", "").toLowerCase());
  }

  static BigInteger number(String spacedHex) {
    return new BigInteger(1, bytes(spacedHex));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}

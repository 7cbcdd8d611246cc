package dev.ichie.activation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A deterministic "SecureRandom" for recorded runs, never for real use: its output is
 * SHA-256(UTF-8(seed) | counter as 8 bytes big-endian) for counter = 0, 1, 2, …, concatenated and
 * handed out in order whatever the sizes of the requests.
 *
 * <p>Not thread-safe.
 */
final class SeededRandom extends SecureRandom {

  private static final long serialVersionUID = 1L;

  private final byte[] seed;
  private long counter;
  private byte[] block = new byte[0];
  private int used;

  SeededRandom(String seed) {
    this.seed = seed.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (used == block.length) {
        block = nextBlock();
        used = 0;
      }
      bytes[i] = block[used++];
    }
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] bytes = new byte[numBytes];
    nextBytes(bytes);
    return bytes;
  }

  @Override
  public String getAlgorithm() {
    return "SeededSHA256";
  }

  private byte[] nextBlock() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(seed);
      sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}

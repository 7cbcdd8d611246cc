package dev.ichie.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Turns an app-lock PIN into the vault's 32-byte master key with Argon2id (RFC 9106, version 0x13)
 * from Bouncy Castle. The parameters are stored in the vault header, so that they can be raised
 * later without breaking old vaults.
 *
 * <p>Full-width digits (０–９) are taken as ASCII digits, as everywhere in Ichie; the PIN is then
 * encoded as UTF-8. Stateless and thread-safe.
 */
final class PinKeys {

  /**
   * The parameters of new vaults: 64 MiB of memory, 3 passes, 1 lane (the RFC 9106 §4 second
   * recommendation's memory with t = 3). Measured on the project's 2-core machine at about 0.5 s;
   * see docs/token-app.md.
   */
  static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 1);

  /** The smallest PIN. */
  static final int MIN_PIN_LENGTH = 6;

  /** The longest PIN. */
  static final int MAX_PIN_LENGTH = 64;

  /** Argon2id cost: memory in KiB, passes, lanes. Bounds keep a forged header from hanging us. */
  record KdfParameters(int memoryKiB, int iterations, int parallelism) {
    KdfParameters {
      if (memoryKiB < 8 * 1024 || memoryKiB > 1024 * 1024) {
        throw new IllegalArgumentException("memory must be 8 MiB to 1 GiB, not " + memoryKiB);
      }
      if (iterations < 1 || iterations > 64) {
        throw new IllegalArgumentException("iterations must be 1 to 64, not " + iterations);
      }
      if (parallelism < 1 || parallelism > 16) {
        throw new IllegalArgumentException("parallelism must be 1 to 16, not " + parallelism);
      }
    }
  }

  private PinKeys() {}

  /** Refuses a PIN that is too short or too long. */
  static void checkNewPin(char[] pin) throws TokenException {
    Objects.requireNonNull(pin, "pin");
    int length = Character.codePointCount(pin, 0, pin.length);
    if (length < MIN_PIN_LENGTH || length > MAX_PIN_LENGTH) {
      throw new TokenException(
          Problem.INVALID_PIN,
          "a PIN must be " + MIN_PIN_LENGTH + " to " + MAX_PIN_LENGTH + " characters",
          MIN_PIN_LENGTH,
          MAX_PIN_LENGTH);
    }
  }

  /**
   * Derives the master key.
   *
   * @param pin the PIN; not changed
   * @param salt 16 bytes
   * @param parameters the cost
   * @return 32 bytes; the caller wipes them
   */
  static byte[] derive(char[] pin, byte[] salt, KdfParameters parameters) {
    byte[] password = utf8(pin);
    try {
      Argon2Parameters argon2 =
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withSalt(salt)
              .withMemoryAsKB(parameters.memoryKiB())
              .withIterations(parameters.iterations())
              .withParallelism(parameters.parallelism())
              .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(argon2);
      byte[] key = new byte[32];
      generator.generateBytes(password, key);
      return key;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** UTF-8 of the PIN with full-width digits made ASCII, without an intermediate String. */
  static byte[] utf8(char[] pin) {
    char[] normal = pin.clone();
    ByteBuffer encoded = null;
    try {
      for (int i = 0; i < normal.length; i++) {
        if (normal[i] >= '\uFF10' && normal[i] <= '\uFF19') {
          normal[i] = (char) ('0' + (normal[i] - '\uFF10'));
        }
      }
      encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(normal));
      byte[] out = new byte[encoded.remaining()];
      encoded.get(out);
      return out;
    } finally {
      Arrays.fill(normal, '\0');
      if (encoded != null && encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }
}

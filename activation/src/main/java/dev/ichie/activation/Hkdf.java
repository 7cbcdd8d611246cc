package dev.ichie.activation;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF (RFC 5869 §2) over Bouncy Castle's {@link HKDFBytesGenerator}: extract (§2.2), expand (§2.3)
 * and both in one go. A null salt means "not provided", which RFC 5869 §2.2 defines as HashLen zero
 * octets.
 *
 * <p>Stateless and thread-safe (each call takes a fresh digest).
 */
final class Hkdf {

  private Hkdf() {}

  /** PRK = HMAC-Hash(salt, IKM). */
  static byte[] extract(Digest digest, byte[] salt, byte[] ikm) {
    return new HKDFBytesGenerator(digest).extractPRK(salt, ikm);
  }

  /** OKM = the first {@code length} bytes of T(1) | T(2) | … keyed with PRK. */
  static byte[] expand(Digest digest, byte[] prk, byte[] info, int length) {
    return generate(digest, HKDFParameters.skipExtractParameters(prk, info), length);
  }

  /** OKM = expand(extract(salt, IKM), info, length). */
  static byte[] derive(Digest digest, byte[] ikm, byte[] salt, byte[] info, int length) {
    return generate(digest, new HKDFParameters(ikm, salt, info), length);
  }

  private static byte[] generate(Digest digest, HKDFParameters parameters, int length) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(digest);
    generator.init(parameters);
    byte[] okm = new byte[length];
    generator.generateBytes(okm, 0, length);
    return okm;
  }
}

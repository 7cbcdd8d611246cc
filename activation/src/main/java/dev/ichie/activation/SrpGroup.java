package dev.ichie.activation;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The parameters of an SRP-6a run: the safe prime N, the generator g, the hash function H and the
 * length PAD() pads to (the length of N in bytes).
 *
 * <p>Protocol version 1 uses {@link #RFC5054_2048_SHA256}: the 2048-bit group of RFC 5054 Appendix
 * A with SHA-256, so every big integer travels as 256 bytes. The RFC's 1024-bit group with SHA-1
 * exists only so that the tests can run the RFC 5054 Appendix B vectors; it is not public.
 *
 * <p>Immutable and thread-safe.
 */
public final class SrpGroup {

  /** The group of protocol version 1: RFC 5054 Appendix A, 2048-bit group (g = 2), SHA-256. */
  public static final SrpGroup RFC5054_2048_SHA256 =
      new SrpGroup(
          "RFC 5054 2048-bit group, SHA-256",
          SRP6StandardGroups.rfc5054_2048,
          "SHA-256",
          SHA256Digest::new);

  /** RFC 5054 Appendix A, 1024-bit group (g = 2), SHA-1: only for the Appendix B test vectors. */
  static final SrpGroup RFC5054_1024_SHA1 =
      new SrpGroup(
          "RFC 5054 1024-bit group, SHA-1",
          SRP6StandardGroups.rfc5054_1024,
          "SHA-1",
          SHA1Digest::new);

  private final String name;
  private final SRP6GroupParameters parameters;
  private final String digestAlgorithm;
  private final Supplier<Digest> digests;
  private final int paddedLength;
  private final int digestLength;

  private SrpGroup(
      String name,
      SRP6GroupParameters parameters,
      String digestAlgorithm,
      Supplier<Digest> digests) {
    this.name = name;
    this.parameters = parameters;
    this.digestAlgorithm = digestAlgorithm;
    this.digests = digests;
    this.paddedLength = BigIntegers.getUnsignedByteLength(parameters.getN());
    this.digestLength = digests.get().getDigestSize();
  }

  /** A short human-readable name, such as {@code "RFC 5054 2048-bit group, SHA-256"}. */
  public String name() {
    return name;
  }

  /** The safe prime N. */
  public BigInteger n() {
    return parameters.getN();
  }

  /** The generator g. */
  public BigInteger g() {
    return parameters.getG();
  }

  /** The JCA name of H, such as {@code "SHA-256"}. */
  public String digestAlgorithm() {
    return digestAlgorithm;
  }

  /** The length of N in bytes: what PAD() pads to, and the wire length of A, B and v. */
  public int paddedLength() {
    return paddedLength;
  }

  /** The output length of H in bytes: the length of M1, M2 and K. */
  public int digestLength() {
    return digestLength;
  }

  SRP6GroupParameters parameters() {
    return parameters;
  }

  /** A fresh instance of H (Bouncy Castle digests are stateful, so each use needs its own). */
  Digest newDigest() {
    return digests.get();
  }

  /** PAD(value): unsigned big-endian, left-padded with zeros to the length of N. */
  byte[] pad(BigInteger value) {
    return BigIntegers.asUnsignedByteArray(paddedLength, value);
  }

  /**
   * A hash value held as a BigInteger (as Bouncy Castle returns M1, M2, K) as its H-sized bytes.
   */
  byte[] hashBytes(BigInteger value) {
    return BigIntegers.asUnsignedByteArray(digestLength, value);
  }

  @Override
  public String toString() {
    return name;
  }
}

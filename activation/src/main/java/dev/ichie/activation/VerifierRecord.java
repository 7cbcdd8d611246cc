package dev.ichie.activation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the server stores at issuance instead of the activation password: the salt and the SRP-6a
 * verifier v = g^x mod N (RFC 5054 §2.4), for protocol version 1.
 *
 * <p>The salt is 32 bytes; the verifier is PAD(v), 256 bytes, a number in [1, N-1]. Both are
 * checked when the record is built, copied in and copied out. The verifier is password-equivalent
 * for offline guessing (whoever holds it can test activation passwords against it), so {@link
 * #toString()} prints sizes only and {@link #equals} compares in constant time. Immutable and
 * thread-safe.
 *
 * @param salt the 32-byte salt
 * @param verifier PAD(v), 256 bytes
 */
public record VerifierRecord(byte[] salt, byte[] verifier) {

  /** The salt length of protocol version 1. */
  public static final int SALT_LENGTH = 32;

  /** Checks and copies. */
  public VerifierRecord {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(verifier, "verifier");
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException(
          "salt must be " + SALT_LENGTH + " bytes, not " + salt.length);
    }
    SrpGroup group = SrpGroup.RFC5054_2048_SHA256;
    BigInteger v = new BigInteger(1, verifier);
    if (verifier.length != group.paddedLength() || v.signum() == 0 || v.compareTo(group.n()) >= 0) {
      throw new IllegalArgumentException(
          "verifier must be " + group.paddedLength() + " bytes holding a number in [1, N-1]");
    }
    salt = salt.clone();
    verifier = verifier.clone();
  }

  /** A copy of the salt. */
  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** A copy of PAD(v). */
  @Override
  public byte[] verifier() {
    return verifier.clone();
  }

  BigInteger verifierValue() {
    return new BigInteger(1, verifier);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifierRecord that
        && MessageDigest.isEqual(salt, that.salt)
        && MessageDigest.isEqual(verifier, that.verifier);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "VerifierRecord[salt=" + salt.length + " bytes, verifier=" + verifier.length + " bytes]";
  }
}

package dev.ichie.activation;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's half of {@code start}: the public value B for the answer and the private value b to
 * store with the activation until {@code finish}, on whichever server node that arrives.
 *
 * <p>B is the server's public value of RFC 5054 §2.5.3 (Server Key Exchange). b is secret: with b
 * and the stored verifier anyone can complete the run as the server. Store it like the verifier and
 * delete it when the activation ends. {@link #toString()} prints sizes only. Both arrays are copied
 * in and out; immutable and thread-safe.
 *
 * @param B the public value B = (k·v + g^b) mod N, PAD()ded to 256 bytes, for {@code
 *     StartResponse.B}
 * @param b the private value b, PAD()ded to 256 bytes, to store for {@link ServerRole#finish}
 */
public record ServerChallenge(byte[] B, byte[] b) {

  /** Copies. */
  public ServerChallenge {
    B = Objects.requireNonNull(B, "B").clone();
    b = Objects.requireNonNull(b, "b").clone();
  }

  /** A copy of B. */
  @Override
  public byte[] B() {
    return B.clone();
  }

  /** A copy of b. */
  @Override
  public byte[] b() {
    return b.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ServerChallenge that
        && Arrays.equals(B, that.B)
        && MessageDigest.isEqual(b, that.b);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(B);
  }

  @Override
  public String toString() {
    return "ServerChallenge[B=" + B.length + " bytes, b=" + b.length + " bytes]";
  }
}

package dev.ichie.activation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;

/**
 * The server's role in SRP-6a (RFC 5054 §2.5–2.6, with the evidence messages M1 and M2 of Bouncy
 * Castle's {@code SRP6Server}; formulas in the package documentation).
 *
 * <p>Stateless between the two requests: {@link #start} returns the private value b for the caller
 * to store with the activation (together with A), and {@link #finish} takes them back, so that
 * {@code start} and {@code finish} can run on different server nodes. The caller keeps the rest of
 * the protocol's rules: one attempt off the issuance before {@code finish}, {@code finish} at most
 * once and within 5 minutes, the same answer shape for unknown users.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerRole {

  private ServerRole() {}

  /**
   * Answers {@code start}: checks A and picks b.
   *
   * @param record the issuance's salt and verifier (or a decoy)
   * @param A the app's public value, 256 bytes (from {@link StartRequest#A()})
   * @param random where b comes from
   * @return B for the answer and b to store
   * @throws ProtocolException {@link ErrorCode#MALFORMED} if A is not 256 bytes, is ≡ 0 mod N or is
   *     not less than N
   */
  public static ServerChallenge start(VerifierRecord record, byte[] A, SecureRandom random)
      throws ProtocolException {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(random, "random");
    SrpGroup group = SrpGroup.RFC5054_2048_SHA256;
    publicValue(group, "A", A);
    return start(group, record.verifierValue(), A, Srp6.newPrivateValue(group, random));
  }

  static ServerChallenge start(SrpGroup group, BigInteger verifier, byte[] A, BigInteger b)
      throws ProtocolException {
    publicValue(group, "A", A);
    BigInteger publicB = Srp6.Server.create(group, verifier, b).generateServerCredentials();
    return new ServerChallenge(group.pad(publicB), group.pad(b));
  }

  /**
   * Answers {@code finish}: recomputes B from the stored b, computes S and checks M1 in constant
   * time. Only when M1 is right does it compute M2 and the session key.
   *
   * @param record the same record {@link #start} used
   * @param A the A stored at {@code start}
   * @param b the b stored at {@code start}
   * @param M1 the app's evidence message, 32 bytes (from {@link FinishRequest#M1()})
   * @return M2 and the session key, or empty if M1 is wrong (wrong activation password, or a decoy)
   * @throws ProtocolException {@link ErrorCode#MALFORMED} if A or M1 is malformed
   * @throws IllegalArgumentException if b is not a private value this class made
   */
  public static Optional<ServerResult> finish(VerifierRecord record, byte[] A, byte[] b, byte[] M1)
      throws ProtocolException {
    Objects.requireNonNull(record, "record");
    return finish(SrpGroup.RFC5054_2048_SHA256, record.verifierValue(), A, b, M1);
  }

  static Optional<ServerResult> finish(
      SrpGroup group, BigInteger verifier, byte[] A, byte[] b, byte[] M1) throws ProtocolException {
    Objects.requireNonNull(M1, "M1");
    if (M1.length != group.digestLength()) {
      throw new ProtocolException(
          ErrorCode.MALFORMED, "M1 must be " + group.digestLength() + " bytes, not " + M1.length);
    }
    Srp6.Server server = computeSecret(group, verifier, A, b);
    BigInteger expected =
        Srp6.m1(group, server.clientPublicValue(), server.serverPublicValue(), server.secret());
    // Constant time, so that the time to refuse says nothing about how much of M1 was right.
    if (!MessageDigest.isEqual(group.hashBytes(expected), M1)) {
      return Optional.empty();
    }
    try {
      if (!server.verifyClientEvidenceMessage(new BigInteger(1, M1))) {
        throw new IllegalStateException("Bouncy Castle refused an M1 that matched its formula");
      }
      BigInteger m2 = server.calculateServerEvidenceMessage();
      BigInteger key = server.calculateSessionKey();
      return Optional.of(new ServerResult(group.hashBytes(m2), group.hashBytes(key)));
    } catch (CryptoException e) {
      throw new IllegalStateException("Bouncy Castle refused a state this class checked", e);
    }
  }

  /** S as the server computes it; for the RFC 5054 vectors. */
  static BigInteger premasterSecret(SrpGroup group, BigInteger verifier, byte[] A, byte[] b)
      throws ProtocolException {
    return computeSecret(group, verifier, A, b).secret();
  }

  private static Srp6.Server computeSecret(SrpGroup group, BigInteger verifier, byte[] A, byte[] b)
      throws ProtocolException {
    BigInteger publicA = publicValue(group, "A", A);
    BigInteger privateB = Srp6.privateValue(group, "b", Objects.requireNonNull(b, "b"));
    Srp6.Server server = Srp6.Server.create(group, verifier, privateB);
    server.generateServerCredentials();
    try {
      server.calculateSecret(publicA);
    } catch (CryptoException e) {
      throw new IllegalStateException("Bouncy Castle refused an A this class checked", e);
    }
    return server;
  }

  private static BigInteger publicValue(SrpGroup group, String name, byte[] value)
      throws ProtocolException {
    Objects.requireNonNull(value, name);
    String problem = Srp6.publicValueProblem(group, name, value);
    if (problem != null) {
      throw new ProtocolException(ErrorCode.MALFORMED, problem);
    }
    return new BigInteger(1, value);
  }
}

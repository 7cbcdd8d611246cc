package dev.ichie.activation;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.srp.SRP6Client;
import org.bouncycastle.crypto.agreement.srp.SRP6Server;
import org.bouncycastle.crypto.agreement.srp.SRP6Util;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;

/**
 * The wiring to Bouncy Castle's SRP-6a ({@code org.bouncycastle.crypto.agreement.srp}), the only
 * place that calls it. Bouncy Castle 1.87 computes, with PAD() to the length of N:
 *
 * <pre>
 * k  = H(PAD(N) | PAD(g))                 SRP6Util.calculateK
 * x  = H(salt | H(I | ":" | P))           SRP6Util.calculateX (salt and inner hash not padded)
 * v  = g^x mod N                          SRP6VerifierGenerator
 * A  = g^a mod N                          SRP6Client
 * B  = (k*v + g^b) mod N                  SRP6Server
 * u  = H(PAD(A) | PAD(B))                 SRP6Util.calculateU
 * S  = (B - k*g^x)^(a + u*x) mod N        SRP6Client (app)
 *    = (A * v^u)^b mod N                  SRP6Server (server)
 * M1 = H(PAD(A) | PAD(B) | PAD(S))        SRP6Util.calculateM1
 * M2 = H(PAD(A) | PAD(M1) | PAD(S))       SRP6Util.calculateM2 (M1 padded to the length of N)
 * K  = H(PAD(S))                          SRP6Util.calculateKey
 * </pre>
 *
 * <p>Bouncy Castle returns M1, M2 and K as BigIntegers; this package uses them as the H-sized byte
 * strings they were hashed to (left-padded with zeros, see {@link SrpGroup#hashBytes}). Private
 * values a and b are chosen as Bouncy Castle does ({@link SRP6Util#generatePrivateValue}, a number
 * in [2^255, N-1]) from the caller's SecureRandom, and injected through {@code
 * selectPrivateValue()}. Bouncy Castle also blinds its exponents with fresh randomness; that
 * randomness comes from its own default SecureRandom (the instances are initialised with a null
 * random), so it does not disturb the caller's random stream and does not change any result.
 *
 * <p>Stateless and thread-safe; the nested Bouncy Castle subclasses are single-use and not
 * thread-safe.
 */
final class Srp6 {

  private Srp6() {}

  static BigInteger k(SrpGroup group) {
    return SRP6Util.calculateK(group.newDigest(), group.n(), group.g());
  }

  static BigInteger x(SrpGroup group, byte[] salt, byte[] identity, byte[] password) {
    return SRP6Util.calculateX(group.newDigest(), group.n(), salt, identity, password);
  }

  static BigInteger u(SrpGroup group, BigInteger publicA, BigInteger publicB) {
    return SRP6Util.calculateU(group.newDigest(), group.n(), publicA, publicB);
  }

  static BigInteger verifier(SrpGroup group, byte[] salt, byte[] identity, byte[] password) {
    SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
    generator.init(group.parameters(), group.newDigest());
    return generator.generateVerifier(salt, identity, password);
  }

  static BigInteger newPrivateValue(SrpGroup group, SecureRandom random) {
    return SRP6Util.generatePrivateValue(group.newDigest(), group.n(), group.g(), random);
  }

  static BigInteger m1(SrpGroup group, BigInteger a, BigInteger b, BigInteger s) {
    return SRP6Util.calculateM1(group.newDigest(), group.n(), a, b, s);
  }

  static BigInteger m2(SrpGroup group, BigInteger a, BigInteger m1, BigInteger s) {
    return SRP6Util.calculateM2(group.newDigest(), group.n(), a, m1, s);
  }

  static BigInteger key(SrpGroup group, BigInteger s) {
    return SRP6Util.calculateKey(group.newDigest(), group.n(), s);
  }

  /**
   * Why a public value (A or B) is unacceptable, or null when it is fine: it must be exactly the
   * length of N and lie in [1, N-1]. Values ≡ 0 mod N would let the other side force S = 0.
   */
  static String publicValueProblem(SrpGroup group, String name, byte[] value) {
    if (value.length != group.paddedLength()) {
      return name + " must be " + group.paddedLength() + " bytes, not " + value.length;
    }
    BigInteger number = new BigInteger(1, value);
    if (number.mod(group.n()).signum() == 0) {
      return name + " must not be zero modulo N";
    }
    if (number.compareTo(group.n()) >= 0) {
      return name + " must be less than N";
    }
    return null;
  }

  /** Like {@link #publicValueProblem} but for a private value (a or b) as the server stores it. */
  static BigInteger privateValue(SrpGroup group, String name, byte[] value) {
    BigInteger number = new BigInteger(1, value);
    if (value.length != group.paddedLength()
        || number.signum() == 0
        || number.compareTo(group.n()) >= 0) {
      throw new IllegalArgumentException(
          name + " must be " + group.paddedLength() + " bytes holding a number in [1, N-1]");
    }
    return number;
  }

  /** Bouncy Castle's server with a private value b chosen earlier (stored between requests). */
  static final class Server extends SRP6Server {
    private final BigInteger chosen;

    private Server(BigInteger b) {
      this.chosen = b;
    }

    static Server create(SrpGroup group, BigInteger verifier, BigInteger b) {
      Server server = new Server(b);
      server.init(group.parameters(), verifier, group.newDigest(), null);
      return server;
    }

    @Override
    protected BigInteger selectPrivateValue() {
      return chosen;
    }

    BigInteger clientPublicValue() {
      return A;
    }

    BigInteger serverPublicValue() {
      return B;
    }

    BigInteger secret() {
      return S;
    }
  }

  /** Bouncy Castle's client with a private value a chosen earlier (before the salt was known). */
  static final class Client extends SRP6Client {
    private final BigInteger chosen;

    private Client(BigInteger a) {
      this.chosen = a;
    }

    static Client create(SrpGroup group, BigInteger a) {
      Client client = new Client(a);
      client.init(group.parameters(), group.newDigest(), null);
      return client;
    }

    @Override
    protected BigInteger selectPrivateValue() {
      return chosen;
    }

    BigInteger scramblingParameter() {
      return u;
    }

    BigInteger clientPublicValue() {
      return A;
    }

    BigInteger secret() {
      return S;
    }
  }
}

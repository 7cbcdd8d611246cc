package dev.ichie.activation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.CryptoException;

/**
 * The token app's role in one activation run: SRP-6a as Bouncy Castle's {@code SRP6Client} computes
 * it (RFC 5054 §2.5–2.6; formulas in the package documentation), then the token secret.
 *
 * <ol>
 *   <li>{@link #start} picks a and gives A for {@code StartRequest};
 *   <li>{@link #respond} takes the salt and B from {@code StartResponse} and gives M1 for {@code
 *       FinishRequest};
 *   <li>{@link #verifyServer} checks M2 from {@code FinishResponse}: a server without the verifier
 *       cannot produce it;
 *   <li>only then {@link #deriveTokenSecret}.
 * </ol>
 *
 * <p>The activation password is held (as ASCII digit bytes) only until {@link #respond}, because x
 * needs the salt, which arrives after A has gone out; it is zeroed there. Bouncy Castle computes x
 * and A in one call, so {@link #start} computes A with an empty salt and {@link #respond} repeats
 * the call with the real salt: A = g^a does not depend on the salt, and {@code respond} checks that
 * it came out the same.
 *
 * <p>Not thread-safe: one session per run, used by one thread. A session that saw a wrong M2 is
 * spent; start a new run.
 */
public final class AppSession {

  private enum State {
    STARTED,
    RESPONDED,
    VERIFIED,
    FAILED
  }

  private final SrpGroup group;
  private final String serviceId;
  private final String userId;
  private final byte[] identity;
  private final BigInteger a;
  private final BigInteger publicA;
  private byte[] password;
  private Srp6.Client client;
  private BigInteger m1;
  private byte[] sessionKey;
  private State state = State.STARTED;

  private AppSession(
      SrpGroup group,
      String serviceId,
      String userId,
      byte[] identity,
      byte[] password,
      BigInteger a) {
    this.group = group;
    this.serviceId = serviceId;
    this.userId = userId;
    this.identity = identity.clone();
    this.password = password.clone();
    this.a = a;
    this.publicA =
        Srp6.Client.create(group, a).generateClientCredentials(new byte[0], identity, password);
  }

  /**
   * Starts a run.
   *
   * @param serviceId サービスID: 1–32 characters of {@code A-Z a-z 0-9 . _ -}
   * @param userId ユーザーID: 1–32 ASCII digits
   * @param activationPassword 利用開始パスワード: 4–8 digits (full-width digits are taken as their ASCII
   *     digits)
   * @param random where a comes from
   * @return the session; {@link #A()} is ready to send
   * @throws IllegalArgumentException if an argument breaks these rules
   */
  public static AppSession start(
      String serviceId, String userId, CharSequence activationPassword, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] identity = Rules.identity(serviceId, userId);
    byte[] password = Rules.activationPasswordDigits(activationPassword);
    try {
      SrpGroup group = SrpGroup.RFC5054_2048_SHA256;
      return new AppSession(
          group, serviceId, userId, identity, password, Srp6.newPrivateValue(group, random));
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** A session with raw I, P and a chosen a: for the RFC 5054 vectors and the transcript. */
  static AppSession start(
      SrpGroup group,
      String serviceId,
      String userId,
      byte[] identity,
      byte[] password,
      BigInteger a) {
    return new AppSession(group, serviceId, userId, identity, password, a);
  }

  /** A = g^a mod N, PAD()ded to 256 bytes, for {@code StartRequest.A}. */
  public byte[] A() {
    return group.pad(publicA);
  }

  /**
   * Computes S and the evidence message M1 from the server's answer to {@code start}.
   *
   * @param salt the salt from {@code StartResponse} (16 to 64 bytes; 32 in protocol version 1)
   * @param B the server's public value from {@code StartResponse}, 256 bytes
   * @return M1 = H(PAD(A) | PAD(B) | PAD(S)), 32 bytes, for {@code FinishRequest.M1}
   * @throws ProtocolException {@link ErrorCode#MALFORMED} if the salt has a wrong length or B is
   *     not 256 bytes, is ≡ 0 mod N or is not less than N
   * @throws IllegalStateException if this session already responded
   */
  public byte[] respond(byte[] salt, byte[] B) throws ProtocolException {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(B, "B");
    requireState(State.STARTED, "respond was already called");
    if (salt.length < 16 || salt.length > 64) {
      throw new ProtocolException(
          ErrorCode.MALFORMED, "salt must be 16 to 64 bytes, not " + salt.length);
    }
    String problem = Srp6.publicValueProblem(group, "B", B);
    if (problem != null) {
      throw new ProtocolException(ErrorCode.MALFORMED, problem);
    }
    Srp6.Client run = Srp6.Client.create(group, a);
    try {
      if (!run.generateClientCredentials(salt, identity, password).equals(publicA)) {
        throw new IllegalStateException("A changed with the salt");
      }
      run.calculateSecret(new BigInteger(1, B));
      m1 = run.calculateClientEvidenceMessage();
    } catch (CryptoException e) {
      throw new IllegalStateException("Bouncy Castle refused a B this class checked", e);
    } finally {
      Arrays.fill(password, (byte) 0);
      password = new byte[0];
    }
    client = run;
    state = State.RESPONDED;
    return group.hashBytes(m1);
  }

  /**
   * Checks the server's evidence message in constant time. After a wrong M2 the session is spent.
   *
   * @param M2 from {@code FinishResponse}
   * @return true if M2 = H(PAD(A) | PAD(M1) | PAD(S)), that is if the server holds the verifier
   * @throws IllegalStateException if {@link #respond} has not run, or M2 was already checked
   */
  public boolean verifyServer(byte[] M2) {
    Objects.requireNonNull(M2, "M2");
    requireState(State.RESPONDED, "verifyServer needs respond first, and runs once");
    BigInteger expected = Srp6.m2(group, publicA, m1, client.secret());
    // Constant time, and no early return on a length mismatch.
    if (!MessageDigest.isEqual(group.hashBytes(expected), M2)) {
      state = State.FAILED;
      return false;
    }
    try {
      if (!client.verifyServerEvidenceMessage(new BigInteger(1, M2))) {
        throw new IllegalStateException("Bouncy Castle refused an M2 that matched its formula");
      }
      sessionKey = group.hashBytes(client.calculateSessionKey());
    } catch (CryptoException e) {
      throw new IllegalStateException("Bouncy Castle refused a state this class checked", e);
    }
    state = State.VERIFIED;
    return true;
  }

  /**
   * The token secret, the same the server derives: HKDF-SHA-256 (RFC 5869) with IKM = K =
   * H(PAD(S)), salt = UTF-8 of the activation id, info = UTF-8 of "ichie totp secret v1" | 0x00 |
   * serviceId | 0x00 | userId | 0x00 | credentialId, with this session's service and user IDs.
   *
   * @param activationId from {@code StartResponse}
   * @param credentialId from {@code FinishResponse}
   * @param length 20, 32 or 64 ({@link TokenAlgorithm#secretLength()})
   * @return a new array of {@code length} bytes; the caller owns it and should zero it after use
   * @throws IllegalStateException unless {@link #verifyServer} accepted M2
   * @throws IllegalArgumentException if an id breaks the protocol's rules or the length is not 20,
   *     32 or 64
   */
  public byte[] deriveTokenSecret(String activationId, String credentialId, int length) {
    requireState(State.VERIFIED, "the token secret needs a verified M2");
    return TokenSecrets.derive(sessionKey, activationId, serviceId, userId, credentialId, length);
  }

  /**
   * The proof that a device key belongs to this run (protocol version 2, CONFIRMATION.md):
   * HMAC-SHA-256 under HKDF-SHA-256(IKM = K, salt = activation id, info = "ichie device key v1" ‖
   * 0x00 ‖ serviceId ‖ 0x00 ‖ userId) over the key's SubjectPublicKeyInfo bytes. Sent with M1, so
   * it is computed from S before the server has answered.
   *
   * @param activationId from {@code StartResponse}
   * @param devicePublicKey the device key's DER SubjectPublicKeyInfo
   * @return 32 bytes
   * @throws IllegalStateException before {@link #respond}, or after a wrong M2
   */
  public byte[] deviceKeyProof(String activationId, byte[] devicePublicKey) {
    Objects.requireNonNull(devicePublicKey, "devicePublicKey");
    if (state != State.RESPONDED && state != State.VERIFIED) {
      throw new IllegalStateException("the device key's proof needs respond first");
    }
    byte[] k = group.hashBytes(Srp6.key(group, client.secret()));
    try {
      byte[] key = Confirmation.activationProofKey(k, activationId, serviceId, userId);
      return Confirmation.hmac(key, devicePublicKey);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** u = H(PAD(A) | PAD(B)), after {@link #respond}; for the RFC 5054 vectors. */
  BigInteger scramblingParameter() {
    return client.scramblingParameter();
  }

  /** S, after {@link #respond}; for the RFC 5054 vectors. */
  BigInteger premasterSecret() {
    return client.secret();
  }

  /** K, after {@link #verifyServer}; for the tests. */
  byte[] sessionKey() {
    requireState(State.VERIFIED, "the session key needs a verified M2");
    return sessionKey.clone();
  }

  private void requireState(State expected, String message) {
    if (state != expected) {
      throw new IllegalStateException(message);
    }
  }

  @Override
  public String toString() {
    return "AppSession[" + state + "]";
  }
}

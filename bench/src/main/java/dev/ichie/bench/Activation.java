package dev.ichie.bench;

import dev.ichie.activation.ActivationVerifiers;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.ProtocolException;
import dev.ichie.activation.ServerChallenge;
import dev.ichie.activation.ServerResult;
import dev.ichie.activation.ServerRole;
import dev.ichie.activation.VerifierRecord;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token activation, protocol version 1 (SRP-6a over the RFC 5054 2048-bit group, then HKDF), both
 * roles in one process and no JSON, in milliseconds per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class Activation {

  static final String SERVICE_ID = "ichie-bench";
  static final String USER_ID = "1234567890";
  static final String PASSWORD = "58204716";
  static final String ACTIVATION_ID = "bench-activation-0123456789";
  static final String CREDENTIAL_ID = "bench-credential-0123456789";
  static final int SECRET_LENGTH = 20;

  /** A thread's randomness and the issuance the runs activate. */
  @State(Scope.Thread)
  public static class Issuance {
    SecureRandom random;
    VerifierRecord record;

    /** Makes the issuance's verifier. */
    @Setup
    public void setUp() {
      random = new SecureRandom();
      record = ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, random);
    }
  }

  /**
   * One full run: {@code AppSession.start}, {@code ServerRole.start}, {@code AppSession.respond},
   * {@code ServerRole.finish}, {@code AppSession.verifyServer}, and the token secret on both sides.
   *
   * @param issuance the stored verifier and the randomness
   * @return the token secret
   * @throws ProtocolException never
   */
  @Benchmark
  public byte[] fullActivation(Issuance issuance) throws ProtocolException {
    SecureRandom random = issuance.random;
    AppSession app = AppSession.start(SERVICE_ID, USER_ID, PASSWORD, random);
    byte[] a = app.A();
    ServerChallenge challenge = ServerRole.start(issuance.record, a, random);
    byte[] m1 = app.respond(issuance.record.salt(), challenge.B());
    ServerResult result =
        ServerRole.finish(issuance.record, a, challenge.b(), m1)
            .orElseThrow(() -> new IllegalStateException("the server refused M1"));
    if (!app.verifyServer(result.M2())) {
      throw new IllegalStateException("the app refused M2");
    }
    byte[] serverSecret =
        result.deriveTokenSecret(ACTIVATION_ID, SERVICE_ID, USER_ID, CREDENTIAL_ID, SECRET_LENGTH);
    byte[] appSecret = app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, SECRET_LENGTH);
    if (!Arrays.equals(serverSecret, appSecret)) {
      throw new IllegalStateException("the two sides derived different secrets");
    }
    return appSecret;
  }

  /**
   * Issuance alone: {@code ActivationVerifiers.create} with a fresh salt (x = H(salt | H(I:P)), v =
   * g^x mod N).
   *
   * @param issuance the randomness
   * @return the record
   */
  @Benchmark
  public VerifierRecord verifierCreation(Issuance issuance) {
    return ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, issuance.random);
  }
}

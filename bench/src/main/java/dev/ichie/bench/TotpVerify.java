package dev.ichie.bench;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.warrenstrange.googleauth.GoogleAuthenticator;
import dev.ichie.otp.TotpParameters;
import dev.ichie.otp.TotpVerifier;
import dev.ichie.otp.Verification;
import java.security.InvalidKeyException;
import java.security.Key;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification of a submitted code against a window of ±1 step (t-1, t, t+1) for the next customer
 * of the {@link Customers} pool, by each contender, in operations per second. Every code is the
 * valid one of step t, so every verification succeeds.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class TotpVerify {

  private static final TotpVerifier VERIFIER = new TotpVerifier(TotpParameters.DEFAULT, 1, 1);
  private static final TimeBasedOneTimePasswordGenerator JAVA_OTP =
      new TimeBasedOneTimePasswordGenerator(Customers.PERIOD);
  private static final Instant PREVIOUS = Customers.NOW.minus(Customers.PERIOD);
  private static final Instant NEXT = Customers.NOW.plus(Customers.PERIOD);

  /** googleauth's default configuration: window size 3, that is ±1 step. */
  private static final GoogleAuthenticator GOOGLE_AUTH = new GoogleAuthenticator();

  /** A thread's bare-loop {@code Mac}. */
  @State(Scope.Thread)
  public static class Bare {
    final BareTotp totp = new BareTotp();
  }

  /**
   * Ours: {@code TotpVerifier(DEFAULT, 1, 1).verify(secret, code, now, 0, NO_STEP)}; three HMACs,
   * compared in constant time, code parsed from its string.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return the outcome, always accepted
   */
  @Benchmark
  public Verification ours(Customers customers, Customers.Cursor cursor) {
    int i = cursor.next();
    return VERIFIER.verify(
        customers.secrets[i], customers.codes[i], Customers.NOW, 0, TotpVerifier.NO_STEP);
  }

  /**
   * java-otp 0.4.0 has no verifier: three {@code generateOneTimePassword(Key, Instant)} calls, at
   * now - 30 s, now and now + 30 s, each compared with the submitted code.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return whether one matched, always true
   * @throws InvalidKeyException never
   */
  @Benchmark
  public boolean javaOtp(Customers customers, Customers.Cursor cursor) throws InvalidKeyException {
    int i = cursor.next();
    Key key = customers.keys[i];
    int code = customers.codeValues[i];
    boolean match = JAVA_OTP.generateOneTimePassword(key, PREVIOUS) == code;
    match |= JAVA_OTP.generateOneTimePassword(key, Customers.NOW) == code;
    match |= JAVA_OTP.generateOneTimePassword(key, NEXT) == code;
    return match;
  }

  /**
   * googleauth 1.5.0: {@code authorize(String base32, int code, long millis)} with its default
   * window of 3 steps. It stops at the first match, so for a code of step t it computes two HMACs.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return whether it matched, always true
   */
  @Benchmark
  public boolean googleAuth(Customers customers, Customers.Cursor cursor) {
    int i = cursor.next();
    return GOOGLE_AUTH.authorize(
        customers.base32[i], customers.codeValues[i], Customers.NOW_MILLIS);
  }

  /**
   * The bare loop: {@code init} with a new key spec, three {@code doFinal} for t-1, t and t+1,
   * truncation, compared with the submitted number; no early exit.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @param bare the thread's {@code Mac}
   * @return whether one matched, always true
   * @throws InvalidKeyException never
   */
  @Benchmark
  public boolean bareLoop(Customers customers, Customers.Cursor cursor, Bare bare)
      throws InvalidKeyException {
    int i = cursor.next();
    return bare.totp.verify(customers.raw[i], Customers.STEP, customers.codeValues[i]);
  }
}

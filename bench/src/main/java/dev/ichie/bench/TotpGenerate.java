package dev.ichie.bench;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.warrenstrange.googleauth.GoogleAuthenticator;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import java.security.InvalidKeyException;
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
 * One TOTP code (HMAC-SHA-1, 6 digits, 30 s) for the next customer of the {@link Customers} pool,
 * by each contender, in operations per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class TotpGenerate {

  private static final Totp TOTP = new Totp(TotpParameters.DEFAULT);
  private static final TimeBasedOneTimePasswordGenerator JAVA_OTP =
      new TimeBasedOneTimePasswordGenerator(Customers.PERIOD);
  private static final GoogleAuthenticator GOOGLE_AUTH = new GoogleAuthenticator();

  /** A thread's bare-loop {@code Mac}. */
  @State(Scope.Thread)
  public static class Bare {
    final BareTotp totp = new BareTotp();
  }

  /**
   * Ours: {@code Totp.generate}, returning the code as a string of 6 digits.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return the code
   */
  @Benchmark
  public String ours(Customers customers, Customers.Cursor cursor) {
    return TOTP.generate(customers.secrets[cursor.next()], Customers.NOW);
  }

  /**
   * java-otp 0.4.0: {@code TimeBasedOneTimePasswordGenerator.generateOneTimePassword(Key,
   * Instant)}, returning an int.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return the code
   * @throws InvalidKeyException never
   */
  @Benchmark
  public int javaOtp(Customers customers, Customers.Cursor cursor) throws InvalidKeyException {
    return JAVA_OTP.generateOneTimePassword(customers.keys[cursor.next()], Customers.NOW);
  }

  /**
   * googleauth 1.5.0: {@code GoogleAuthenticator.getTotpPassword(String base32, long millis)},
   * returning an int.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @return the code
   */
  @Benchmark
  public int googleAuth(Customers customers, Customers.Cursor cursor) {
    return GOOGLE_AUTH.getTotpPassword(customers.base32[cursor.next()], Customers.NOW_MILLIS);
  }

  /**
   * The bare loop: {@code init} with a new key spec, one {@code doFinal}, truncation.
   *
   * @param customers the pool
   * @param cursor the thread's place in it
   * @param bare the thread's {@code Mac}
   * @return the code
   * @throws InvalidKeyException never
   */
  @Benchmark
  public int bareLoop(Customers customers, Customers.Cursor cursor, Bare bare)
      throws InvalidKeyException {
    return bare.totp.generate(customers.raw[cursor.next()], Customers.STEP);
  }
}

package dev.ichie.bench;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.warrenstrange.googleauth.GoogleAuthenticator;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.otp.TotpVerifier;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The customers every TOTP contender works on: {@value #SIZE} random 20-byte HMAC-SHA-1 secrets
 * (the same ones in every fork, from a fixed seed), each in the form its library takes, with the
 * valid 6-digit code of the current step at {@link #NOW}.
 *
 * <p>Each invocation takes the next customer, so that the key changes from call to call, as on a
 * server verifying codes for many customers. Every code is accepted by every contender (checked at
 * setup), so every verification measured is a success.
 */
@State(Scope.Benchmark)
public class Customers {

  /** The number of customers; a power of two. */
  public static final int SIZE = 1024;

  static final int MASK = SIZE - 1;

  /** The server's clock during the run: 15 s into a 30 s step, so t-1, t and t+1 are clear. */
  public static final Instant NOW = Instant.parse("2026-05-04T09:30:15Z");

  static final Duration PERIOD = TotpParameters.DEFAULT_PERIOD;
  static final long NOW_MILLIS = NOW.toEpochMilli();
  static final long STEP = NOW.getEpochSecond() / PERIOD.getSeconds();

  /** Ours: the secret as the service holds it. */
  public Secret[] secrets;

  /** Ours: the submitted code, as the API receives it. */
  public String[] codes;

  /** The same code as a number, for the contenders that take one. */
  public int[] codeValues;

  /** java-otp: a JCA key per customer. */
  public Key[] keys;

  /** googleauth: the secret in Base32, the form its API takes. */
  public String[] base32;

  /** The bare loop: the raw key bytes. */
  public byte[][] raw;

  /** Makes the pool and checks that every contender computes the same codes. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    SplittableRandom random = new SplittableRandom(0x1C41EL);
    secrets = new Secret[SIZE];
    codes = new String[SIZE];
    codeValues = new int[SIZE];
    keys = new Key[SIZE];
    base32 = new String[SIZE];
    raw = new byte[SIZE][];

    Totp totp = new Totp(TotpParameters.DEFAULT);
    TotpVerifier verifier = new TotpVerifier(TotpParameters.DEFAULT, 1, 1);
    TimeBasedOneTimePasswordGenerator javaOtp = new TimeBasedOneTimePasswordGenerator(PERIOD);
    GoogleAuthenticator googleAuth = new GoogleAuthenticator();
    BareTotp bare = new BareTotp();
    for (int i = 0; i < SIZE; i++) {
      String code;
      byte[] key = new byte[20];
      do {
        random.nextBytes(key);
        secrets[i] = Secret.of(key);
        code = totp.generate(secrets[i], NOW);
        // googleauth refuses the code 0 (000000); keep every contender on successes.
      } while (Integer.parseInt(code) == 0);
      raw[i] = key;
      codes[i] = code;
      codeValues[i] = Integer.parseInt(code);
      keys[i] = new SecretKeySpec(key, "HmacSHA1");
      base32[i] = secrets[i].toBase32(SecretAccess.get());

      int value = codeValues[i];
      check(i, "java-otp", javaOtp.generateOneTimePassword(keys[i], NOW) == value);
      check(i, "googleauth", googleAuth.getTotpPassword(base32[i], NOW_MILLIS) == value);
      check(i, "bare loop", bare.generate(key, STEP) == value);
      check(i, "ours", verifier.verify(secrets[i], code, NOW, 0, TotpVerifier.NO_STEP).accepted());
      check(i, "googleauth", googleAuth.authorize(base32[i], value, NOW_MILLIS));
      check(i, "bare loop", bare.verify(key, STEP, value));
    }
  }

  private static void check(int customer, String who, boolean ok) {
    if (!ok) {
      throw new IllegalStateException(who + " disagrees on customer " + customer);
    }
  }

  /** Which customer a thread takes next: each thread goes round the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    /**
     * Returns the next customer's index.
     *
     * @return 0 to {@value Customers#SIZE} - 1
     */
    public int next() {
      return next++ & MASK;
    }
  }
}

package dev.ichie.otp;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The data input of one OCRA computation (RFC 6287 §5.1): counter C, question Q, PIN hash P,
 * session information S and timestamp T, for one {@link OcraSuite}.
 *
 * <p>Made by a {@link Builder} obtained from {@link #builder(OcraSuite)}; the builder checks each
 * value against the suite as it is given, and {@link Builder#build()} checks that every input the
 * suite names is there. The question is one of:
 *
 * <ul>
 *   <li>{@link Builder#challenge(String)}: one challenge, for one-way challenge-response and plain
 *       signature (RFC 6287 §7; for a signature the challenge is the data to sign);
 *   <li>{@link Builder#serverComputation(String, String)}: the server's response of mutual
 *       challenge-response (§7), over the client's challenge then the server's;
 *   <li>{@link Builder#clientComputation(String, String)}: the client's response of mutual
 *       challenge-response, over the server's challenge then the client's.
 * </ul>
 *
 * <p>Each challenge has the suite's format and at most its length. The question is encoded as §5.1
 * prescribes and padded with zeros to 128 bytes: letters and digits as ASCII, a numeric question as
 * the hexadecimal digits of its value and a hexadecimal one as its own digits, both left-aligned
 * (as in the reference implementation of RFC 6287 Appendix A). Session information shorter than the
 * suite's length is padded with leading zeros, as in that implementation.
 *
 * <p>This class is immutable and thread-safe; {@link #toString()} shows neither the PIN hash nor
 * the session information.
 */
public final class OcraInput {

  private static final int QUESTION_LENGTH = 128;

  private final OcraSuite suite;
  private final long counter;
  private final String question;
  private final byte[] questionBytes;
  private final byte[] pinHash;
  private final byte[] session;
  private final long timeSteps;

  private OcraInput(Builder b) {
    this.suite = b.suite;
    this.counter = b.counter == null ? 0 : b.counter;
    this.question = b.question;
    this.questionBytes = b.questionBytes;
    this.pinHash = b.pinHash;
    this.session = b.session;
    this.timeSteps = b.timeSteps == null ? 0 : b.timeSteps;
  }

  /**
   * Starts the data input of a computation with a suite.
   *
   * @param suite the suite
   * @return a builder
   */
  public static Builder builder(OcraSuite suite) {
    return new Builder(suite);
  }

  /**
   * Returns the suite this input was made for.
   *
   * @return the suite
   */
  public OcraSuite suite() {
    return suite;
  }

  /**
   * Returns the question as given: one challenge, or two concatenated for mutual authentication.
   *
   * @return the question text
   */
  public String question() {
    return question;
  }

  /**
   * The whole message of RFC 6287 §5.1: OCRASuite | 00 | C | Q | P | S | T, the suite as ASCII, C
   * and T as 8 bytes big-endian, Q as 128 bytes.
   */
  byte[] message() {
    byte[] suiteBytes = suite.toString().getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + suiteBytes.length);
    out.write(suiteBytes, 0, suiteBytes.length);
    out.write(0);
    if (suite.usesCounter()) {
      writeLong(out, counter);
    }
    out.write(questionBytes, 0, questionBytes.length);
    if (pinHash != null) {
      out.write(pinHash, 0, pinHash.length);
    }
    if (session != null) {
      out.write(session, 0, session.length);
    }
    if (suite.usesTime()) {
      writeLong(out, timeSteps);
    }
    return out.toByteArray();
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("OcraInput[").append(suite);
    if (suite.usesCounter()) {
      b.append(", counter=").append(Long.toUnsignedString(counter));
    }
    b.append(", question=").append(question);
    if (pinHash != null) {
      b.append(", PIN hash");
    }
    if (session != null) {
      b.append(", session information");
    }
    if (suite.usesTime()) {
      b.append(", timeSteps=").append(timeSteps);
    }
    return b.append(']').toString();
  }

  /**
   * Collects the inputs of one OCRA computation and checks each against the suite.
   *
   * <p>Not thread-safe; use one builder per computation.
   */
  public static final class Builder {
    private final OcraSuite suite;
    private Long counter;
    private String question;
    private byte[] questionBytes;
    private byte[] pinHash;
    private byte[] session;
    private Long timeSteps;

    private Builder(OcraSuite suite) {
      this.suite = Objects.requireNonNull(suite, "suite must not be null");
    }

    /**
     * Sets the counter C.
     *
     * @param counter the counter, taken as an unsigned 64-bit number
     * @return this builder
     * @throws IllegalArgumentException if the suite has no counter
     */
    public Builder counter(long counter) {
      require(suite.usesCounter(), "a counter (C)");
      this.counter = counter;
      return this;
    }

    /**
     * Sets the question to one challenge: for one-way challenge-response and plain signature (RFC
     * 6287 §7).
     *
     * @param challenge the challenge, in the suite's format and at most its length
     * @return this builder
     * @throws IllegalArgumentException if the challenge does not fit the suite
     */
    public Builder challenge(String challenge) {
      checkChallenge("challenge", challenge);
      return question(challenge);
    }

    /**
     * Sets the question for the server's response R-S of mutual challenge-response (RFC 6287 §7):
     * the client's challenge followed by the server's.
     *
     * @param clientChallenge the challenge QC the client sent
     * @param serverChallenge the challenge QS the server sends
     * @return this builder
     * @throws IllegalArgumentException if a challenge does not fit the suite
     */
    public Builder serverComputation(String clientChallenge, String serverChallenge) {
      checkChallenge("client challenge", clientChallenge);
      checkChallenge("server challenge", serverChallenge);
      return question(clientChallenge + serverChallenge);
    }

    /**
     * Sets the question for the client's response R-C of mutual challenge-response (RFC 6287 §7):
     * the server's challenge followed by the client's.
     *
     * @param clientChallenge the challenge QC the client sent
     * @param serverChallenge the challenge QS the server sent
     * @return this builder
     * @throws IllegalArgumentException if a challenge does not fit the suite
     */
    public Builder clientComputation(String clientChallenge, String serverChallenge) {
      checkChallenge("client challenge", clientChallenge);
      checkChallenge("server challenge", serverChallenge);
      return question(serverChallenge + clientChallenge);
    }

    /**
     * Sets the PIN hash P from the PIN, hashed with the suite's PIN hash function over its UTF-8
     * bytes.
     *
     * @param pin the PIN or password
     * @return this builder
     * @throws IllegalArgumentException if the suite has no PIN
     */
    public Builder pin(CharSequence pin) {
      Objects.requireNonNull(pin, "pin must not be null");
      require(suite.usesPin(), "a PIN (P)");
      HmacAlgorithm hash = suite.pinHash().orElseThrow();
      ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
      try {
        MessageDigest digest = MessageDigest.getInstance(hash.digestName());
        digest.update(utf8.duplicate());
        this.pinHash = digest.digest();
      } catch (NoSuchAlgorithmException e) {
        // Every Java SE platform must provide SHA-1, SHA-256 and SHA-512.
        throw new IllegalStateException(hash.digestName() + " is not available", e);
      } finally {
        if (utf8.hasArray()) {
          Arrays.fill(utf8.array(), (byte) 0);
        }
      }
      return this;
    }

    /**
     * Sets the PIN hash P.
     *
     * @param hash the hash of the PIN with the suite's PIN hash function
     * @return this builder
     * @throws IllegalArgumentException if the suite has no PIN or the length is not the hash's
     */
    public Builder pinHash(byte[] hash) {
      Objects.requireNonNull(hash, "hash must not be null");
      require(suite.usesPin(), "a PIN (P)");
      HmacAlgorithm function = suite.pinHash().orElseThrow();
      if (hash.length != function.outputLength()) {
        throw new IllegalArgumentException(
            "PIN hash must be "
                + function.outputLength()
                + " bytes for "
                + function.uriName()
                + ", was "
                + hash.length);
      }
      this.pinHash = hash.clone();
      return this;
    }

    /**
     * Sets the session information S.
     *
     * @param information at most the suite's session length; shorter is padded with leading zeros
     * @return this builder
     * @throws IllegalArgumentException if the suite has no session information or it is too long
     */
    public Builder sessionInformation(byte[] information) {
      Objects.requireNonNull(information, "information must not be null");
      require(suite.usesSession(), "session information (S)");
      int length = suite.sessionLength().getAsInt();
      if (information.length > length) {
        throw new IllegalArgumentException(
            "session information must be at most " + length + " bytes, was " + information.length);
      }
      byte[] padded = new byte[length];
      System.arraycopy(information, 0, padded, length - information.length, information.length);
      this.session = padded;
      return this;
    }

    /**
     * Sets the timestamp T to the number of the suite's time steps since the epoch at a time.
     *
     * @param time the time, not before the epoch
     * @return this builder
     * @throws IllegalArgumentException if the suite has no timestamp or the time is before the
     *     epoch
     */
    public Builder time(Instant time) {
      Objects.requireNonNull(time, "time must not be null");
      require(suite.usesTime(), "a timestamp (T)");
      if (time.getEpochSecond() < 0) {
        throw new IllegalArgumentException(
            "time must not be before 1970-01-01T00:00:00Z, was " + time);
      }
      Duration step = suite.timeStep().orElseThrow();
      this.timeSteps = time.getEpochSecond() / step.getSeconds();
      return this;
    }

    /**
     * Sets the timestamp T as a number of time steps.
     *
     * @param steps the number of the suite's time steps since the epoch, not negative
     * @return this builder
     * @throws IllegalArgumentException if the suite has no timestamp or steps is negative
     */
    public Builder timeSteps(long steps) {
      require(suite.usesTime(), "a timestamp (T)");
      if (steps < 0) {
        throw new IllegalArgumentException("time steps must not be negative, was " + steps);
      }
      this.timeSteps = steps;
      return this;
    }

    /**
     * Makes the input.
     *
     * @return the input
     * @throws IllegalArgumentException if an input of the suite is missing
     */
    public OcraInput build() {
      missing(suite.usesCounter() && counter == null, "a counter (C)");
      missing(question == null, "a question (Q)");
      missing(suite.usesPin() && pinHash == null, "a PIN (P)");
      missing(suite.usesSession() && session == null, "session information (S)");
      missing(suite.usesTime() && timeSteps == null, "a timestamp (T)");
      return new OcraInput(this);
    }

    private void require(boolean present, String what) {
      if (!present) {
        throw new IllegalArgumentException("suite " + suite + " has no " + stripArticle(what));
      }
    }

    private void missing(boolean absent, String what) {
      if (absent) {
        throw new IllegalArgumentException("suite " + suite + " needs " + what);
      }
    }

    private static String stripArticle(String what) {
      return what.startsWith("a ") ? what.substring(2) : what;
    }

    private void checkChallenge(String name, String challenge) {
      Objects.requireNonNull(challenge, name + " must not be null");
      int max = suite.challengeLength();
      if (challenge.isEmpty() || challenge.length() > max) {
        throw new IllegalArgumentException(
            name + " must be 1 to " + max + " characters, was " + challenge.length());
      }
      OcraSuite.ChallengeFormat format = suite.challengeFormat();
      for (int i = 0; i < challenge.length(); i++) {
        if (!format.allows(challenge.charAt(i))) {
          throw new IllegalArgumentException(
              name
                  + " has a character not allowed in format "
                  + format.code()
                  + " ("
                  + format.name().toLowerCase(Locale.ROOT)
                  + ") at index "
                  + i);
        }
      }
    }

    private Builder question(String text) {
      byte[] bytes = new byte[QUESTION_LENGTH];
      switch (suite.challengeFormat()) {
        case ALPHANUMERIC:
          byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
          System.arraycopy(ascii, 0, bytes, 0, ascii.length);
          break;
        case NUMERIC:
          putNibbles(new BigInteger(text, 10).toString(16), bytes);
          break;
        default:
          putNibbles(text, bytes);
          break;
      }
      this.question = text;
      this.questionBytes = bytes;
      return this;
    }

    /** Writes hexadecimal digits left-aligned, two to a byte. */
    private static void putNibbles(String hex, byte[] out) {
      for (int i = 0; i < hex.length(); i++) {
        int nibble = Character.digit(hex.charAt(i), 16);
        out[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
      }
    }
  }
}

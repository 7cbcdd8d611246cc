package dev.ichie.otp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An OCRA suite (RFC 6287 §6): the algorithm, the crypto function and the data input of an OCRA
 * computation, written {@code OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1-S064-T1M}.
 *
 * <p>{@link #parse(String)} is strict and case-sensitive, so that {@link #toString()} gives the
 * parsed text back: version {@code OCRA-1}; crypto function {@code HOTP-H-t} with H one of {@code
 * SHA1}, {@code SHA256}, {@code SHA512} and t the truncation, 0 (none) or 4 to 10 digits (§5); data
 * input {@code [C-]QFxx[-PH][-Snnn][-TG]} in that order (§6.3): an optional counter, a challenge of
 * format F (A alphanumeric, N numeric, H hexadecimal) up to xx = 04..64 characters, an optional PIN
 * hash H, optional session information of nnn = 001..512 bytes, and an optional timestamp with the
 * time step G of 1-59 seconds ({@code 20S}), 1-59 minutes ({@code 1M}) or 1-48 hours ({@code 24H})
 * — RFC 6287 Table 3 allows {@code 0H}, which is refused here as it gives no time step.
 *
 * <p>This record is immutable and thread-safe.
 *
 * @param algorithm the HMAC function of the crypto function
 * @param digits the truncation: 0 for the full HMAC, else 4 to 10 digits
 * @param usesCounter whether the data input has a counter C
 * @param challengeFormat the format F of the challenge
 * @param challengeLength the maximum length xx of one challenge, 4 to 64 characters
 * @param pinHash the hash function of the PIN, if the data input has a PIN P
 * @param sessionLength the length of the session information, if the data input has one S
 * @param timeStep the time step, if the data input has a timestamp T
 */
public record OcraSuite(
    HmacAlgorithm algorithm,
    int digits,
    boolean usesCounter,
    ChallengeFormat challengeFormat,
    int challengeLength,
    Optional<HmacAlgorithm> pinHash,
    OptionalInt sessionLength,
    Optional<Duration> timeStep) {

  /** The format of the challenge question (RFC 6287 §6.3, "QFxx"). */
  public enum ChallengeFormat {
    /** {@code A}: letters and digits, {@code [0-9A-Za-z]}, as ASCII bytes. */
    ALPHANUMERIC('A'),
    /** {@code N}: decimal digits, converted to a hexadecimal number. */
    NUMERIC('N'),
    /** {@code H}: hexadecimal digits, as the nibbles they spell. */
    HEXADECIMAL('H');

    private final char code;

    ChallengeFormat(char code) {
      this.code = code;
    }

    /**
     * Returns the letter of this format in a suite.
     *
     * @return {@code 'A'}, {@code 'N'} or {@code 'H'}
     */
    public char code() {
      return code;
    }

    /** Whether {@code c} may appear in a challenge of this format. */
    boolean allows(char c) {
      boolean digit = c >= '0' && c <= '9';
      switch (this) {
        case NUMERIC:
          return digit;
        case HEXADECIMAL:
          return digit || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
        default:
          return digit || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      }
    }
  }

  private static final String FORM = "OCRA-1:HOTP-H-t:[C-]QFxx[-PH][-Snnn][-TG]";

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a field is out of the range of RFC 6287 §5 and §6.3
   */
  public OcraSuite {
    Objects.requireNonNull(algorithm, "algorithm must not be null");
    Objects.requireNonNull(challengeFormat, "challengeFormat must not be null");
    Objects.requireNonNull(pinHash, "pinHash must not be null");
    Objects.requireNonNull(sessionLength, "sessionLength must not be null");
    Objects.requireNonNull(timeStep, "timeStep must not be null");
    if (digits != 0 && (digits < 4 || digits > 10)) {
      throw new IllegalArgumentException("digits must be 0 or between 4 and 10, was " + digits);
    }
    if (challengeLength < 4 || challengeLength > 64) {
      throw new IllegalArgumentException(
          "challenge length must be between 4 and 64, was " + challengeLength);
    }
    if (sessionLength.isPresent()
        && (sessionLength.getAsInt() < 1 || sessionLength.getAsInt() > 512)) {
      throw new IllegalArgumentException(
          "session length must be between 1 and 512, was " + sessionLength.getAsInt());
    }
    if (timeStep.isPresent() && timeStepText(timeStep.get()) == null) {
      throw new IllegalArgumentException(
          "time step must be 1 to 59 seconds, 1 to 59 minutes or 1 to 48 hours, was "
              + timeStep.get());
    }
  }

  /** The suite's text for a time step ("30S", "1M", "24H"), or null if it has none. */
  private static String timeStepText(Duration step) {
    if (step.getNano() != 0 || step.isNegative() || step.isZero()) {
      return null;
    }
    long seconds = step.getSeconds();
    if (seconds % 3600 == 0 && seconds / 3600 <= 48) {
      return seconds / 3600 + "H";
    }
    if (seconds % 60 == 0 && seconds / 60 <= 59) {
      return seconds / 60 + "M";
    }
    return seconds <= 59 ? seconds + "S" : null;
  }

  /**
   * Parses a suite.
   *
   * @param suite for example {@code "OCRA-1:HOTP-SHA1-6:QN08"}
   * @return the suite
   * @throws IllegalArgumentException naming the suite and what is wrong with it
   */
  public static OcraSuite parse(String suite) {
    Objects.requireNonNull(suite, "suite must not be null");
    try {
      return parseStrict(suite);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid OCRA suite '" + suite + "': " + e.getMessage(), e);
    }
  }

  private static OcraSuite parseStrict(String suite) {
    String[] parts = suite.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("expected " + FORM);
    }
    if (!parts[0].equals("OCRA-1")) {
      throw new IllegalArgumentException(
          "unsupported algorithm '" + parts[0] + "' (expected OCRA-1)");
    }

    String[] function = parts[1].split("-", -1);
    if (function.length != 3 || !function[0].equals("HOTP")) {
      throw new IllegalArgumentException(
          "unsupported crypto function '" + parts[1] + "' (expected HOTP-H-t, e.g. HOTP-SHA1-6)");
    }
    HmacAlgorithm algorithm = hashNamed(function[1], "crypto function");
    int digits = (int) number(function[2], 1, 2, "truncation '" + function[2] + "'");

    String[] inputs = parts[2].split("-", -1);
    int i = 0;
    boolean counter = inputs[0].equals("C");
    if (counter) {
      i++;
    }
    if (i >= inputs.length || !inputs[i].startsWith("Q")) {
      throw new IllegalArgumentException("the data input must have a challenge QFxx");
    }
    String q = inputs[i++];
    if (q.length() != 4) {
      throw new IllegalArgumentException("bad challenge '" + q + "' (expected QFxx, e.g. QN08)");
    }
    ChallengeFormat format = null;
    for (ChallengeFormat f : ChallengeFormat.values()) {
      if (f.code == q.charAt(1)) {
        format = f;
      }
    }
    if (format == null) {
      throw new IllegalArgumentException(
          "unknown challenge format '" + q.charAt(1) + "' in '" + q + "' (expected A, N or H)");
    }
    int challengeLength = (int) number(q.substring(2), 2, 2, "challenge length in '" + q + "'");

    Optional<HmacAlgorithm> pin = Optional.empty();
    OptionalInt session = OptionalInt.empty();
    Optional<Duration> time = Optional.empty();
    int order = 0; // 1 after P, 2 after S, 3 after T
    for (; i < inputs.length; i++) {
      String input = inputs[i];
      char kind = input.isEmpty() ? '-' : input.charAt(0);
      int rank = kind == 'P' ? 1 : kind == 'S' ? 2 : kind == 'T' ? 3 : 0;
      if (rank == 0) {
        throw new IllegalArgumentException(
            "unknown data input '" + input + "' (expected [C-]QFxx[-PH][-Snnn][-TG])");
      }
      if (rank <= order) {
        throw new IllegalArgumentException(
            "data input '"
                + input
                + "' repeated or out of order (expected [C-]QFxx[-PH][-Snnn][-TG])");
      }
      order = rank;
      String value = input.substring(1);
      if (kind == 'P') {
        pin = Optional.of(hashNamed(value, "PIN hash"));
      } else if (kind == 'S') {
        session = OptionalInt.of((int) number(value, 3, 3, "session length in '" + input + "'"));
      } else {
        time = Optional.of(timeStep(input));
      }
    }
    return new OcraSuite(algorithm, digits, counter, format, challengeLength, pin, session, time);
  }

  private static HmacAlgorithm hashNamed(String name, String where) {
    for (HmacAlgorithm algorithm : HmacAlgorithm.values()) {
      if (algorithm.uriName().equals(name)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "unknown hash function '" + name + "' in " + where + " (expected SHA1, SHA256 or SHA512)");
  }

  private static Duration timeStep(String input) {
    String what = "timestamp '" + input + "' (expected TG with G like 30S, 1M or 24H)";
    if (input.length() < 3) {
      throw new IllegalArgumentException("bad " + what);
    }
    char unit = input.charAt(input.length() - 1);
    long size = number(input.substring(1, input.length() - 1), 1, 2, what);
    Duration step;
    if (unit == 'S' && size >= 1 && size <= 59) {
      step = Duration.ofSeconds(size);
    } else if (unit == 'M' && size >= 1 && size <= 59) {
      step = Duration.ofMinutes(size);
    } else if (unit == 'H' && size >= 1 && size <= 48) {
      step = Duration.ofHours(size);
    } else {
      throw new IllegalArgumentException("bad " + what);
    }
    return step;
  }

  /**
   * Parses {@code minLength} to {@code maxLength} ASCII digits; a number of variable length may not
   * have a leading zero, so that each number has one spelling.
   */
  private static long number(String text, int minLength, int maxLength, String what) {
    boolean ok = text.length() >= minLength && text.length() <= maxLength;
    for (int i = 0; ok && i < text.length(); i++) {
      ok = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }
    if (ok && minLength != maxLength && text.length() > 1 && text.charAt(0) == '0') {
      ok = false;
    }
    if (!ok) {
      throw new IllegalArgumentException("bad " + what);
    }
    return Long.parseLong(text);
  }

  /**
   * Returns whether the data input has a PIN hash P.
   *
   * @return whether {@link #pinHash()} is present
   */
  public boolean usesPin() {
    return pinHash.isPresent();
  }

  /**
   * Returns whether the data input has session information S.
   *
   * @return whether {@link #sessionLength()} is present
   */
  public boolean usesSession() {
    return sessionLength.isPresent();
  }

  /**
   * Returns whether the data input has a timestamp T.
   *
   * @return whether {@link #timeStep()} is present
   */
  public boolean usesTime() {
    return timeStep.isPresent();
  }

  /**
   * Returns the suite as text, as in RFC 6287 §6; {@link #parse(String)} of it gives an equal
   * suite.
   *
   * @return for example {@code "OCRA-1:HOTP-SHA512-8:C-QN08-PSHA1"}
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("OCRA-1:HOTP-");
    b.append(algorithm.uriName()).append('-').append(digits).append(':');
    if (usesCounter) {
      b.append("C-");
    }
    b.append('Q').append(challengeFormat.code);
    if (challengeLength < 10) {
      b.append('0');
    }
    b.append(challengeLength);
    pinHash.ifPresent(h -> b.append("-P").append(h.uriName()));
    sessionLength.ifPresent(
        n -> b.append("-S").append(n < 100 ? n < 10 ? "00" : "0" : "").append(n));
    timeStep.ifPresent(t -> b.append("-T").append(timeStepText(t)));
    return b.toString();
  }
}

package dev.ichie.activation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Checks shared by the message records of protocol version 1. Each throws {@link
 * IllegalArgumentException} with a message that names the field.
 *
 * <p>Stateless and thread-safe.
 */
final class Messages {

  /** The length of M1 and M2: SHA-256. */
  static final int HASH_LENGTH = 32;

  static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private Messages() {}

  /** The protocol versions a message may have. */
  static int version(int version) {
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("version must be 1 or 2, not " + version);
    }
    return version;
  }

  static byte[] publicValue(String name, byte[] value) {
    Objects.requireNonNull(value, name);
    String problem = Srp6.publicValueProblem(SrpGroup.RFC5054_2048_SHA256, name, value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return value.clone();
  }

  static byte[] fixedLength(String name, byte[] value, int length) {
    Objects.requireNonNull(value, name);
    if (value.length != length) {
      throw new IllegalArgumentException(
          name + " must be " + length + " bytes, not " + value.length);
    }
    return value.clone();
  }

  static Instant serverTime(Instant serverTime) {
    Instant millis =
        Objects.requireNonNull(serverTime, "serverTime").truncatedTo(ChronoUnit.MILLIS);
    if (millis.isBefore(EARLIEST) || millis.isAfter(LATEST)) {
      throw new IllegalArgumentException("serverTime must lie in the years 0000 to 9999");
    }
    return millis;
  }
}

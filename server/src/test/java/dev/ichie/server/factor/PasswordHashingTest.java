package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

  private final PasswordHashing hashing = newHashing();

  /** A hashing with the default factor settings. */
  static PasswordHashing newHashing() {
    return new PasswordHashing(
        new FactorProperties(
            Map.of(),
            30,
            10_000,
            Duration.ofMinutes(10),
            2,
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Map.of(),
            Map.of(),
            Map.of()));
  }

  @Test
  void unknownAccountHashWhenComparedWithNewHashThenSameAlgorithmParametersAndLengths() {
    // A malformed or weaker hash would be refused at once or checked faster, and its time would
    // tell an unknown login ID from a known one.
    String[] unknown = hashing.unknownAccountHash().split("\\$");
    String[] made = hashing.encode("taro-pass-2026").split("\\$");

    assertThat(unknown).hasSize(6).hasSameSizeAs(made);
    assertThat(unknown[1]).isEqualTo(made[1]).isEqualTo("argon2id");
    assertThat(unknown[2]).isEqualTo(made[2]);
    assertThat(unknown[3]).isEqualTo(made[3]);
    assertThat(unknown[4]).hasSameSizeAs(made[4]).isNotEqualTo(made[4]);
    assertThat(unknown[5]).hasSameSizeAs(made[5]);
    assertThat(hashing.outdated(hashing.unknownAccountHash())).isFalse();
  }

  @Test
  void unknownAccountHashWhenTwoServersThenDifferent() {
    PasswordHashing other = newHashing();

    assertThat(other.unknownAccountHash()).isNotEqualTo(hashing.unknownAccountHash());
  }

  @Test
  void matchesWhenUnknownAccountThenFalseForAnyPassword() {
    assertThat(hashing.matches("", null)).contains(false);
    assertThat(hashing.matches("no such account", null)).contains(false);
  }

  @Test
  void matchesWhenRightPasswordThenTrueAndWrongThenFalse() {
    String hash = hashing.encode("taro-pass-2026");

    assertThat(hashing.matches("taro-pass-2026", hash)).contains(true);
    assertThat(hashing.matches("taro-pass-2025", hash)).contains(false);
  }
}

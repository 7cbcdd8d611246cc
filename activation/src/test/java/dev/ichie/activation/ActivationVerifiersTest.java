package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.agreement.srp.SRP6VerifierGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issuance: verifiers, decoy salts and the value rules they apply. */
class ActivationVerifiersTest {

  private static final SrpGroup GROUP = SrpGroup.RFC5054_2048_SHA256;
  private static final byte[] SALT = Hex.bytes("00112233445566778899aabbccddeeff".repeat(2));

  @Test
  void createWhenSaltGivenThenSameAsBouncyCastleGenerator() {
    SRP6VerifierGenerator generator = new SRP6VerifierGenerator();
    generator.init(GROUP.n(), GROUP.g(), new SHA256Digest());
    byte[] expected =
        GROUP.pad(
            generator.generateVerifier(
                SALT,
                "bank-01:42".getBytes(StandardCharsets.UTF_8),
                "0427".getBytes(StandardCharsets.US_ASCII)));

    VerifierRecord record = ActivationVerifiers.create("bank-01", "42", "0427", SALT);

    assertThat(record.salt()).isEqualTo(SALT);
    assertThat(record.verifier()).isEqualTo(expected);
  }

  @Test
  void createWhenRandomGivenThenFreshThirtyTwoByteSalt() {
    SeededRandom random = new SeededRandom("ActivationVerifiersTest");
    VerifierRecord first = ActivationVerifiers.create("bank-01", "42", "0427", random);
    VerifierRecord second = ActivationVerifiers.create("bank-01", "42", "0427", random);

    assertThat(first.salt()).hasSize(32).isNotEqualTo(second.salt());
    assertThat(first.verifier()).hasSize(256).isNotEqualTo(second.verifier());
  }

  @Test
  void createWhenFullWidthDigitsThenSameAsAsciiDigits() {
    assertThat(ActivationVerifiers.create("bank-01", "42", "０４２７", SALT))
        .isEqualTo(ActivationVerifiers.create("bank-01", "42", "0427", SALT));
  }

  @ParameterizedTest(name = "{0}/{1}/{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # serviceId                          | userId                              | password   | message
          ""                                   | 42                                  | 0427       | serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'
          bank 01                              | 42                                  | 0427       | serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'
          bank:01                              | 42                                  | 0427       | serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'
          abcdefghijklmnopqrstuvwxyz0123456    | 42                                  | 0427       | serviceId must be 1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'
          bank-01                              | ""                                  | 0427       | userId must be 1 to 32 ASCII digits
          bank-01                              | 4a                                  | 0427       | userId must be 1 to 32 ASCII digits
          bank-01                              | ４２                                | 0427       | userId must be 1 to 32 ASCII digits
          bank-01                              | 123456789012345678901234567890123   | 0427       | userId must be 1 to 32 ASCII digits
          bank-01                              | 42                                  | 042        | activationPassword must be 4 to 8 digits
          bank-01                              | 42                                  | 042712345  | activationPassword must be 4 to 8 digits
          bank-01                              | 42                                  | 04a7       | activationPassword must be 4 to 8 digits
          bank-01                              | 42                                  | "04 7"     | activationPassword must be 4 to 8 digits
          """)
  void createWhenValueBreaksRuleThenRefusedWithReason(
      String serviceId, String userId, String password, String message) {
    assertThatThrownBy(() -> ActivationVerifiers.create(serviceId, userId, password, SALT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void createWhenLongestValuesThenAccepted() {
    VerifierRecord record =
        ActivationVerifiers.create(
            "ABCdef.ghi_jkl-mno0123456789xyzW",
            "12345678901234567890123456789012",
            "01234567",
            SALT);

    assertThat(record.verifier()).hasSize(256);
  }

  @Test
  void decoySaltWhenSameIdentityThenSameSalt() {
    byte[] key = new byte[32];

    assertThat(ActivationVerifiers.decoySalt(key, "bank-01", "42"))
        .hasSize(32)
        .isEqualTo(ActivationVerifiers.decoySalt(key, "bank-01", "42"));
  }

  @Test
  void decoySaltWhenIdentityOrKeyDiffersThenDifferentSalt() {
    byte[] key = new byte[32];
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;
    byte[] salt = ActivationVerifiers.decoySalt(key, "bank-01", "42");

    assertThat(ActivationVerifiers.decoySalt(key, "bank-01", "43")).isNotEqualTo(salt);
    assertThat(ActivationVerifiers.decoySalt(key, "bank-02", "42")).isNotEqualTo(salt);
    // The 0x00 separators keep "bank-0" + "142" apart from "bank-01" + "42".
    assertThat(ActivationVerifiers.decoySalt(key, "bank-0", "142")).isNotEqualTo(salt);
    assertThat(ActivationVerifiers.decoySalt(otherKey, "bank-01", "42")).isNotEqualTo(salt);
  }

  @Test
  void decoySaltWhenKeyShortThenRefused() {
    assertThatThrownBy(() -> ActivationVerifiers.decoySalt(new byte[31], "bank-01", "42"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("serverKey must be at least 32 bytes");
  }

  @Test
  void verifierRecordWhenSizesWrongThenRefused() {
    byte[] verifier = ActivationVerifiers.create("bank-01", "42", "0427", SALT).verifier();

    assertThatThrownBy(() -> new VerifierRecord(new byte[16], verifier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("salt must be 32 bytes, not 16");
    assertThatThrownBy(() -> new VerifierRecord(SALT, new byte[255]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verifier must be 256 bytes holding a number in [1, N-1]");
    assertThatThrownBy(() -> new VerifierRecord(SALT, new byte[256]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verifier must be 256 bytes holding a number in [1, N-1]");
    assertThatThrownBy(() -> new VerifierRecord(SALT, GROUP.pad(GROUP.n())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("verifier must be 256 bytes holding a number in [1, N-1]");
  }

  @Test
  void verifierRecordWhenArraysChangedOutsideThenRecordUnchanged() {
    byte[] salt = SALT.clone();
    VerifierRecord record = ActivationVerifiers.create("bank-01", "42", "0427", salt);
    salt[0] ^= 1;
    record.salt()[0] ^= 1;
    record.verifier()[0] ^= 1;

    assertThat(record).isEqualTo(ActivationVerifiers.create("bank-01", "42", "0427", SALT));
  }
}

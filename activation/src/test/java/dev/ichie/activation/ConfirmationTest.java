package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared bytes of 取引認証: questions, device keys, signed bytes. */
class ConfirmationTest {

  @Test
  void questionWhenTheCollisionExampleThenTwoDifferentQuestionsOfFixedWidth() {
    // CONFIRMATION.md: without fixed widths, account 0123456 with 78,000 yen and account 1234567
    // with 8,000 yen read the same digits.
    String a = Confirmation.question("0123456", 78_000);
    String b = Confirmation.question("1234567", 8_000);
    assertThat(a).isEqualTo("10123456000000078000").hasSize(20);
    assertThat(b).isEqualTo("11234567000000008000").hasSize(20);
    assertThat(a).isNotEqualTo(b);
    assertThat(Confirmation.question("1234567", 50_000)).isEqualTo("11234567000000050000");
  }

  @Test
  void questionWhenNotSevenDigitsOrAmountOutOfRangeThenRefused() {
    assertThatThrownBy(() -> Confirmation.question("123456", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confirmation.question("１２３４５６７", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confirmation.question("1234567", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Confirmation.question("1234567", 1_000_000_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deviceKeyWhenP256ThenTakenAndSignaturesCheckedOtherwiseRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    assertThat(spki).hasSize(Confirmation.DEVICE_KEY_LENGTH);
    var key = Confirmation.deviceKey(spki);
    byte[] bytes = Confirmation.pollBytes("demo", "1234567890", "cred", "2026-12-02T00:00:00Z");
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(pair.getPrivate());
    s.update(bytes);
    byte[] sig = s.sign();
    assertThat(Confirmation.verify(key, bytes, sig)).isTrue();
    byte[] other = bytes.clone();
    other[other.length - 1] ^= 1;
    assertThat(Confirmation.verify(key, other, sig)).isFalse();
    assertThat(Confirmation.verify(key, bytes, new byte[] {1, 2, 3})).isFalse();

    g.initialize(new ECGenParameterSpec("secp384r1"));
    byte[] p384 = g.generateKeyPair().getPublic().getEncoded();
    assertThatThrownBy(() -> Confirmation.deviceKey(p384))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] offCurve = spki.clone();
    offCurve[90] ^= 1; // y no longer fits x
    assertThatThrownBy(() -> Confirmation.deviceKey(offCurve))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisionBytesWhenBuiltThenEveryFieldNulSeparatedAndTheDecisionLast() {
    byte[] b =
        Confirmation.decisionBytes(
            "demo",
            "u",
            "c",
            "x",
            "TRANSFER",
            List.of(new Confirmation.Field("amount", "50000")),
            "APPROVE");
    assertThat(new String(b, StandardCharsets.UTF_8))
        .isEqualTo("ichie confirmation v1\0demo\0u\0c\0x\0TRANSFER\0amount\u000050000\0APPROVE");
    byte[] reject =
        Confirmation.decisionBytes(
            "demo",
            "u",
            "c",
            "x",
            "TRANSFER",
            List.of(new Confirmation.Field("amount", "50000")),
            "REJECT");
    assertThat(reject).isNotEqualTo(b);
  }

  @Test
  void keysWhenDerivedThenEachPurposeItsOwn() {
    byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    byte[] enrol = Confirmation.enrolProofKey(secret, "cred-1");
    byte[] ocra = Confirmation.ocraKey(secret, "cred-1");
    assertThat(enrol).hasSize(32).isNotEqualTo(ocra);
    assertThat(Confirmation.ocraKey(secret, "cred-2")).isNotEqualTo(ocra);
    assertThat(ocra).isNotEqualTo(java.util.Arrays.copyOf(secret, 32));
  }
}

package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The formulas of ACTIVATION.md ("The wire format"), computed here by hand with the JDK's SHA-256,
 * HMAC and BigInteger, against what the roles (that is, Bouncy Castle) compute. If Bouncy Castle
 * ever changed a formula, or the docs drifted from it, this is the test that says so.
 */
class FormulaTest {

  private static final SrpGroup GROUP = SrpGroup.RFC5054_2048_SHA256;
  private static final BigInteger N = GROUP.n();
  private static final BigInteger G = GROUP.g();
  private static final String SERVICE_ID = "ichie-demo";
  private static final String USER_ID = "1234567890";
  private static final String PASSWORD = "58204716";
  private static final String ACTIVATION_ID = "mJ3tYk2qW8xZp0LrVb5N-g";
  private static final String CREDENTIAL_ID = "c_7Qe1Hn4sTjR9oUaXf2Dw";

  private static VerifierRecord record;
  private static BigInteger a;
  private static BigInteger b;
  private static byte[] publicA;
  private static byte[] publicB;
  private static byte[] m1;
  private static ServerResult result;
  private static AppSession app;

  @BeforeAll
  static void run() throws ProtocolException {
    SeededRandom random = new SeededRandom("FormulaTest");
    record = ActivationVerifiers.create(SERVICE_ID, USER_ID, PASSWORD, random);
    a = Srp6.newPrivateValue(GROUP, random);
    b = Srp6.newPrivateValue(GROUP, random);
    app =
        AppSession.start(
            GROUP,
            SERVICE_ID,
            USER_ID,
            (SERVICE_ID + ":" + USER_ID).getBytes(StandardCharsets.UTF_8),
            PASSWORD.getBytes(StandardCharsets.US_ASCII),
            a);
    publicA = app.A();
    publicB = ServerRole.start(GROUP, record.verifierValue(), publicA, b).B();
    m1 = app.respond(record.salt(), publicB);
    result = ServerRole.finish(record, publicA, GROUP.pad(b), m1).orElseThrow();
    assertThat(app.verifyServer(result.M2())).isTrue();
  }

  @Test
  void verifierWhenComputedByHandThenSame() {
    byte[] inner = sha256(ascii(SERVICE_ID + ":" + USER_ID + ":" + PASSWORD));
    BigInteger x = new BigInteger(1, sha256(record.salt(), inner));

    assertThat(record.verifier()).isEqualTo(pad(G.modPow(x, N)));
  }

  @Test
  void publicValuesWhenComputedByHandThenSame() {
    BigInteger k = new BigInteger(1, sha256(pad(N), pad(G)));
    BigInteger v = record.verifierValue();

    assertThat(publicA).isEqualTo(pad(G.modPow(a, N)));
    assertThat(publicB).isEqualTo(pad(k.multiply(v).add(G.modPow(b, N)).mod(N)));
  }

  @Test
  void evidenceMessagesAndKeyWhenComputedByHandThenSame() {
    BigInteger u = new BigInteger(1, sha256(publicA, publicB));
    BigInteger v = record.verifierValue();
    BigInteger s = new BigInteger(1, publicA).multiply(v.modPow(u, N)).mod(N).modPow(b, N);
    byte[] expectedM1 = sha256(publicA, publicB, pad(s));

    assertThat(m1).isEqualTo(expectedM1);
    assertThat(result.M2()).isEqualTo(sha256(publicA, pad(new BigInteger(1, expectedM1)), pad(s)));
    assertThat(result.sessionKey()).isEqualTo(sha256(pad(s))).hasSize(32);
  }

  @Test
  void tokenSecretWhenComputedByHandThenSame() throws GeneralSecurityException {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(ascii("ichie totp secret v1"));
    info.write(0);
    info.writeBytes(ascii(SERVICE_ID));
    info.write(0);
    info.writeBytes(ascii(USER_ID));
    info.write(0);
    info.writeBytes(ascii(CREDENTIAL_ID));
    byte[] prk = hmacSha256(ascii(ACTIVATION_ID), result.sessionKey());
    // T(1) | T(2): 64 bytes is enough for every length; HKDF output of length L is a prefix.
    byte[] t1 = hmacSha256(prk, concat(info.toByteArray(), new byte[] {1}));
    byte[] t2 = hmacSha256(prk, concat(t1, info.toByteArray(), new byte[] {2}));
    byte[] okm = concat(t1, t2);

    for (int length : new int[] {20, 32, 64}) {
      byte[] expected = java.util.Arrays.copyOf(okm, length);
      assertThat(app.deriveTokenSecret(ACTIVATION_ID, CREDENTIAL_ID, length)).isEqualTo(expected);
      assertThat(
              result.deriveTokenSecret(ACTIVATION_ID, SERVICE_ID, USER_ID, CREDENTIAL_ID, length))
          .isEqualTo(expected);
    }
  }

  private static byte[] pad(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] padded = new byte[256];
    int copy = Math.min(bytes.length, 256);
    System.arraycopy(bytes, bytes.length - copy, padded, 256 - copy, copy);
    return padded;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(concat(parts));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] hmacSha256(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }
}

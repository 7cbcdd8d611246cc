package dev.ichie.server.support;

import dev.ichie.activation.Confirmation;
import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * The token app as the tests play it over HTTP, from the protocol of CONFIRMATION.md: its identity,
 * the token secret and a P-256 device key; it registers the key, polls and decides with signatures,
 * and computes the offline code.
 */
public final class TestTokenApp {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  public final String customer;
  public final String userId;
  public final String credentialId;
  public final byte[] secret;
  public final KeyPair key;
  private final Http http;
  private final TestClock clock;

  public TestTokenApp(
      Http http,
      TestClock clock,
      String customer,
      String userId,
      String credentialId,
      byte[] secret) {
    this.http = http;
    this.clock = clock;
    this.customer = customer;
    this.userId = userId;
    this.credentialId = credentialId;
    this.secret = secret;
    this.key = newKey();
  }

  /** A fresh P-256 key pair. */
  public static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA256withECDSA, DER. */
  public static byte[] sign(KeyPair key, byte[] bytes) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(bytes);
      return s.sign();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's time as the app would send it. */
  public String now() {
    return Confirmation.TIME.format(clock.instant());
  }

  public String identity() {
    return "\"version\":1,\"serviceId\":\"demo\",\"userId\":\"%s\",\"credentialId\":\"%s\""
        .formatted(userId, credentialId);
  }

  public Http.Answer enrol(KeyPair pair, byte[] proofKey, String time) {
    byte[] spki = pair.getPublic().getEncoded();
    byte[] proof = Confirmation.hmac(proofKey, spki, time.getBytes(StandardCharsets.UTF_8));
    return http.post(
        "/api/app/v1/device-key",
        "{%s,\"publicKey\":\"%s\",\"time\":\"%s\",\"proof\":\"%s\"}"
            .formatted(identity(), B64.encodeToString(spki), time, B64.encodeToString(proof)));
  }

  /** Registers the device key with the proof from the token secret. */
  public Http.Answer enrol() {
    return enrol(key, Confirmation.enrolProofKey(secret, credentialId), now());
  }

  public Http.Answer poll(String time) {
    byte[] sig = sign(key, Confirmation.pollBytes("demo", userId, credentialId, time));
    return http.post(
        "/api/app/v1/confirmations/pending",
        "{%s,\"time\":\"%s\",\"signature\":\"%s\"}"
            .formatted(identity(), time, B64.encodeToString(sig)));
  }

  public Http.Answer decide(String id, List<Confirmation.Field> seen, String decision, KeyPair by) {
    byte[] sig =
        sign(
            by,
            Confirmation.decisionBytes(
                "demo", userId, credentialId, id, "TRANSFER", seen, decision));
    return http.post(
        "/api/app/v1/confirmations/" + id + "/decision",
        "{%s,\"decision\":\"%s\",\"signature\":\"%s\"}"
            .formatted(identity(), decision, B64.encodeToString(sig)));
  }

  /** The 取引認証番号 for an account number and an amount, now. */
  public String offlineCode(String account, long amount) {
    OcraSuite suite = OcraSuite.parse(Confirmation.OCRA_SUITE);
    return new Ocra(suite)
        .generate(
            Secret.of(Confirmation.ocraKey(secret, credentialId)),
            OcraInput.builder(suite)
                .challenge(Confirmation.question(account, amount))
                .timeSteps(clock.instant().getEpochSecond() / 60)
                .build());
  }
}

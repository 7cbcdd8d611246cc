package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recorded 取引認証 exchange in {@code confirmation-v1.json}, computed from CONFIRMATION.md by
 * {@code record-confirmation.py} with Python's own HMAC, HKDF, OCRA and ECDSA: this library must
 * build the same bytes and keys, and accept the signatures and the code. Other app authors (and the
 * phone app's JavaScript) check themselves against the same file.
 */
class ConfirmationRecordTest {

  final JsonNode r;

  ConfirmationRecordTest() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/confirmation-v1.json")) {
      r = JsonMapper.builder().build().readTree(in);
    }
  }

  String s(String name) {
    return r.get(name).asString();
  }

  static byte[] b64(String s) {
    return Base64.getUrlDecoder().decode(s);
  }

  @Test
  void pollWhenBuiltFromTheRecordThenSameBytesAndTheSignatureHolds() {
    byte[] poll =
        Confirmation.pollBytes(s("serviceId"), s("userId"), s("credentialId"), s("pollTime"));
    assertThat(HexFormat.of().formatHex(poll)).isEqualTo(s("pollBytes"));
    PublicKey key = Confirmation.deviceKey(b64(s("devicePublicKey")));
    assertThat(Confirmation.verify(key, poll, b64(s("pollSignature")))).isTrue();
  }

  @Test
  void decisionWhenBuiltFromTheRecordThenSameBytesAndTheSignatureHoldsForItAlone() {
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : r.get("fields")) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    assertThat(fields.stream().map(Confirmation.Field::name).toList())
        .isEqualTo(Confirmation.TRANSFER_FIELDS);
    byte[] bytes =
        Confirmation.decisionBytes(
            s("serviceId"),
            s("userId"),
            s("credentialId"),
            s("confirmationId"),
            s("kind"),
            fields,
            s("decision"));
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(s("decisionBytes"));
    PublicKey key = Confirmation.deviceKey(b64(s("devicePublicKey")));
    assertThat(Confirmation.verify(key, bytes, b64(s("decisionSignature")))).isTrue();
    byte[] reject =
        Confirmation.decisionBytes(
            s("serviceId"),
            s("userId"),
            s("credentialId"),
            s("confirmationId"),
            s("kind"),
            fields,
            "REJECT");
    assertThat(Confirmation.verify(key, reject, b64(s("decisionSignature"))))
        .as("the approval's signature is not a rejection's")
        .isFalse();
  }

  @Test
  void keysAndOfflineCodeWhenDerivedFromTheRecordedSecretThenAsRecorded() {
    byte[] secret = b64(s("tokenSecret"));
    byte[] enrol = Confirmation.enrolProofKey(secret, s("credentialId"));
    assertThat(HexFormat.of().formatHex(enrol)).isEqualTo(s("enrolProofKey"));
    assertThat(
            Confirmation.hmac(
                enrol, b64(s("devicePublicKey")), s("pollTime").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(b64(s("enrolProof")));
    byte[] ocraKey = Confirmation.ocraKey(secret, s("credentialId"));
    assertThat(HexFormat.of().formatHex(ocraKey)).isEqualTo(s("ocraKey"));
    assertThat(Confirmation.question("1234567", 50_000)).isEqualTo(s("ocraQuestion"));
    OcraSuite suite = OcraSuite.parse(s("ocraSuite"));
    assertThat(suite.toString()).isEqualTo(Confirmation.OCRA_SUITE);
    String code =
        new Ocra(suite)
            .generate(
                Secret.of(ocraKey),
                OcraInput.builder(suite)
                    .challenge(s("ocraQuestion"))
                    .timeSteps(r.get("ocraTimeSteps").asLong())
                    .build());
    assertThat(code).isEqualTo(s("ocraCode"));
  }

  @Test
  void activationVersion2WhenRecordedRunThenProofAsRecordedAndTheServerTakesIt() throws Exception {
    JsonNode v2 = r.get("activationV2");
    byte[] k = HexFormat.of().parseHex(v2.get("sessionKey").asString());
    String activationId = v2.get("activationId").asString();
    String serviceId = v2.get("serviceId").asString();
    String userId = v2.get("userId").asString();
    byte[] spki = b64(s("devicePublicKey"));
    byte[] proofKey = Confirmation.activationProofKey(k, activationId, serviceId, userId);
    assertThat(HexFormat.of().formatHex(proofKey)).isEqualTo(v2.get("proofKey").asString());
    byte[] proof = b64(v2.get("deviceKeyProof").asString());
    assertThat(Confirmation.hmac(proofKey, spki)).isEqualTo(proof);
    ServerResult result = new ServerResult(new byte[32], k);
    assertThat(result.deviceKeyProofValid(activationId, serviceId, userId, spki, proof)).isTrue();
    byte[] finish = v2.get("finishRequest").asString().getBytes(StandardCharsets.UTF_8);
    FinishRequest read = ActivationJson.readFinishRequest(finish);
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.devicePublicKey()).isEqualTo(spki);
    assertThat(read.deviceKeyProof()).isEqualTo(proof);
    assertThat(ActivationJson.write(read)).as("written back byte for byte").isEqualTo(finish);
  }
}

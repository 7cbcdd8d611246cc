package dev.ichie.token;

import dev.ichie.activation.Confirmation;
import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import dev.ichie.otp.SecretAccess;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app's side of 取引認証 (CONFIRMATION.md, version 1): registering the device key with the proof
 * from the token secret, the signed poll, the signed decision, and the offline code. Every signed
 * byte comes from {@link Confirmation}, which the server uses too. Thread-safe.
 */
final class ConfirmationClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final OcraSuite SUITE = OcraSuite.parse(Confirmation.OCRA_SUITE);

  private final TokenAppOptions options;

  ConfirmationClient(TokenAppOptions options) {
    this.options = options;
  }

  /** The app's estimate of the server's time, in the server's form. */
  private String serverTime(Account account) {
    return Confirmation.TIME.format(options.clock().instant().plus(account.clockOffset()));
  }

  private ObjectNode identity(Account account) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", 1);
    body.put("serviceId", account.serviceId());
    body.put("userId", account.userId());
    body.put("credentialId", account.credentialId());
    return body;
  }

  /**
   * Makes a device key and registers it for the token.
   *
   * @return the entry with its device key, to store
   * @throws TokenException {@link Problem#CONFIRMATION_REFUSED} when the server refuses it
   */
  VaultEntry registerDeviceKey(VaultEntry entry) throws TokenException {
    KeyPair pair = DeviceKeyPairs.generate();
    Account account = entry.account();
    byte[] spki = pair.getPublic().getEncoded();
    String time = serverTime(account);
    byte[] secret = entry.secret().bytes(SecretAccess.get());
    byte[] proofKey = Confirmation.enrolProofKey(secret, account.credentialId());
    Arrays.fill(secret, (byte) 0);
    byte[] proof = Confirmation.hmac(proofKey, spki, time.getBytes(StandardCharsets.UTF_8));
    Arrays.fill(proofKey, (byte) 0);
    ObjectNode body = identity(account);
    body.put("publicKey", B64.encodeToString(spki));
    body.put("time", time);
    body.put("proof", B64.encodeToString(proof));
    JsonNode answer = post(account, "/api/app/v1/device-key", body);
    if (!"REGISTERED".equals(answer.path("result").asString(""))) {
      throw refused(answer);
    }
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      return entry.withDeviceKey(Secret.of(pkcs8));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** The token's pending confirmations, oldest first, each marked showable or not. */
  List<PendingConfirmation> pending(VaultEntry entry) throws TokenException {
    Account account = entry.account();
    String time = serverTime(account);
    ObjectNode body = identity(account);
    body.put("time", time);
    body.put(
        "signature",
        B64.encodeToString(
            sign(
                entry,
                Confirmation.pollBytes(
                    account.serviceId(), account.userId(), account.credentialId(), time))));
    JsonNode answer = post(account, "/api/app/v1/confirmations/pending", body);
    if (!answer.path("confirmations").isArray()) {
      throw refused(answer);
    }
    List<PendingConfirmation> list = new ArrayList<>();
    for (JsonNode c : answer.get("confirmations")) {
      List<Confirmation.Field> fields = new ArrayList<>();
      for (JsonNode f : c.path("fields")) {
        fields.add(
            new Confirmation.Field(f.path("name").asString(""), f.path("value").asString("")));
      }
      String kind = c.path("kind").asString("");
      Instant expires;
      try {
        expires = Instant.from(Confirmation.TIME.parse(c.path("expiresAt").asString("")));
      } catch (RuntimeException e) {
        expires = Instant.EPOCH;
      }
      list.add(
          new PendingConfirmation(
              c.path("confirmationId").asString(""), kind, fields, expires, known(kind, fields)));
    }
    return list;
  }

  /** Only the kind, field names, order and currency this app can show with their labels. */
  static boolean known(String kind, List<Confirmation.Field> fields) {
    return Confirmation.TRANSFER.equals(kind)
        && fields.stream()
            .map(Confirmation.Field::name)
            .toList()
            .equals(Confirmation.TRANSFER_FIELDS)
        && "JPY".equals(fields.get(fields.size() - 1).value())
        && fields.get(5).value().matches("[1-9][0-9]{0,11}");
  }

  /**
   * Signs and sends a decision over exactly the fields shown.
   *
   * @return APPROVED or REJECTED
   * @throws TokenException {@link Problem#UNKNOWN_CONFIRMATION} for one this app does not show;
   *     {@link Problem#CONFIRMATION_REFUSED} when the server refuses it
   */
  String decide(VaultEntry entry, PendingConfirmation c, boolean approve) throws TokenException {
    if (!c.showable()) {
      throw new TokenException(Problem.UNKNOWN_CONFIRMATION, "not shown, not signed", c.kind());
    }
    Account account = entry.account();
    String decision = approve ? "APPROVE" : "REJECT";
    ObjectNode body = identity(account);
    body.put("decision", decision);
    body.put(
        "signature",
        B64.encodeToString(
            sign(
                entry,
                Confirmation.decisionBytes(
                    account.serviceId(),
                    account.userId(),
                    account.credentialId(),
                    c.id(),
                    c.kind(),
                    c.fields(),
                    decision))));
    JsonNode answer = post(account, "/api/app/v1/confirmations/" + c.id() + "/decision", body);
    String result = answer.path("result").asString("");
    if (!"APPROVED".equals(result) && !"REJECTED".equals(result)) {
      throw refused(answer);
    }
    return result;
  }

  /**
   * The offline 取引認証番号 over the payee's account number and the amount, as the customer types them
   * (full-width digits, commas, ¥, 円 and spaces taken).
   *
   * @return the question shown back, and the 8-digit code
   * @throws TokenException {@link Problem#INVALID_TRANSACTION} for anything else
   */
  static String[] offlineCode(VaultEntry entry, String accountNumber, String amount, Instant at)
      throws TokenException {
    String number = digits(accountNumber);
    String yen =
        digits(
            amount
                .replace(",", "")
                .replace("，", "")
                .replace("¥", "")
                .replace("￥", "")
                .replace("円", ""));
    if (!number.matches("[0-9]{7}") || !yen.matches("[1-9][0-9]{0,11}")) {
      throw new TokenException(Problem.INVALID_TRANSACTION, "account 7 digits, amount 1–12");
    }
    String question = Confirmation.question(number, Long.parseLong(yen));
    byte[] secret = entry.secret().bytes(SecretAccess.get());
    byte[] key = Confirmation.ocraKey(secret, entry.account().credentialId());
    Arrays.fill(secret, (byte) 0);
    try {
      String code =
          new Ocra(SUITE)
              .generate(
                  Secret.of(key),
                  OcraInput.builder(SUITE)
                      .challenge(question)
                      .timeSteps(at.getEpochSecond() / 60)
                      .build());
      return new String[] {question, code};
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Full-width digits as ASCII, spaces dropped. */
  private static String digits(String text) {
    StringBuilder b = new StringBuilder();
    for (char ch : (text == null ? "" : text).toCharArray()) {
      if (ch >= '０' && ch <= '９') {
        b.append((char) ('0' + (ch - '０')));
      } else if (!Character.isWhitespace(ch) && ch != '\u3000') {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static byte[] sign(VaultEntry entry, byte[] bytes) throws TokenException {
    if (entry.deviceKey() == null) {
      throw new TokenException(Problem.CONFIRMATION_REFUSED, "no device key", "NO_DEVICE_KEY");
    }
    byte[] pkcs8 = entry.deviceKey().bytes(SecretAccess.get());
    try {
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(bytes);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new TokenException(Problem.VAULT_DAMAGED, "the device key does not load", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private JsonNode post(Account account, String path, ObjectNode body) throws TokenException {
    Transport.Answer answer =
        new Transport(account.server(), options).post(path, JSON.writeValueAsBytes(body));
    try {
      JsonNode json = JSON.readTree(answer.body());
      if (answer.status() == 429) {
        throw new TokenException(Problem.RATE_LIMITED, "throttled", -1L);
      }
      return json;
    } catch (tools.jackson.core.JacksonException e) {
      throw new TokenException(
          Problem.PROTOCOL_ERROR,
          "unexpected answer HTTP " + answer.status(),
          "HTTP " + answer.status());
    }
  }

  private static TokenException refused(JsonNode answer) {
    String code = answer.path("error").asString("PROTOCOL_ERROR");
    return new TokenException(Problem.CONFIRMATION_REFUSED, "the server says " + code, code);
  }
}

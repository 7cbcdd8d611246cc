package dev.ichie.activation;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The bytes of 取引認証 (CONFIRMATION.md) that the token app and the server must agree on exactly: the
 * keys derived from the token secret, the proofs of a device key, the bytes a device key signs (a
 * poll, a decision), and the offline code's question. One implementation for both sides.
 *
 * <p>Stateless and thread-safe.
 */
public final class Confirmation {

  /** The only kind of confirmation of protocol version 1. */
  public static final String TRANSFER = "TRANSFER";

  /** The fields of a {@link #TRANSFER}, in their order. */
  public static final List<String> TRANSFER_FIELDS =
      List.of(
          "payeeBank",
          "payeeBranch",
          "payeeAccountType",
          "payeeAccountNumber",
          "payeeName",
          "amount",
          "currency");

  /**
   * Text a screen shows as it is, as a regular expression: no control, format (bidi), surrogate or
   * unassigned characters.
   */
  public static final String SHOWABLE = "[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Cn}]*";

  private static final Pattern SHOWABLE_TEXT = Pattern.compile(SHOWABLE);

  /** The longest value of a field, in characters (code points). */
  public static final int MAX_VALUE = 100;

  /** The offline code's OCRA suite (RFC 6287). */
  public static final String OCRA_SUITE = "OCRA-1:HOTP-SHA256-8:QN20-T1M";

  /** The length of a device key's DER SubjectPublicKeyInfo: an uncompressed P-256 point. */
  public static final int DEVICE_KEY_LENGTH = 91;

  private static final byte[] P256_SPKI_PREFIX = {
    0x30,
    0x59,
    0x30,
    0x13,
    0x06,
    0x07,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x02,
    0x01,
    0x06,
    0x08,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x03,
    0x01,
    0x07,
    0x03,
    0x42,
    0x00,
    0x04
  };

  /** How the server writes a time ({@code serverTime}): UTC, to the millisecond. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Confirmation() {}

  /** One field of a confirmation. */
  public record Field(String name, String value) {}

  /**
   * Whether fields are exactly those of a {@link #TRANSFER}, in order, each value well formed:
   * non-empty, showable, at most {@link #MAX_VALUE} characters; the account number 7 digits, the
   * amount 1–12 digits without a leading zero, the currency JPY.
   *
   * @param kind the kind
   * @param fields the fields
   * @return true if so
   */
  public static boolean wellFormed(String kind, List<Field> fields) {
    if (!TRANSFER.equals(kind) || fields == null || fields.size() != TRANSFER_FIELDS.size()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      if (f == null
          || !TRANSFER_FIELDS.get(i).equals(f.name())
          || f.value() == null
          || f.value().isEmpty()
          || f.value().codePointCount(0, f.value().length()) > MAX_VALUE
          || !SHOWABLE_TEXT.matcher(f.value()).matches()) {
        return false;
      }
    }
    return fields.get(3).value().matches("[0-9]{7}")
        && fields.get(5).value().matches("[1-9][0-9]{0,11}")
        && "JPY".equals(fields.get(6).value());
  }

  /**
   * The key of a device key's proof at activation (protocol version 2): HKDF-SHA-256(IKM = K, salt
   * = activation id, info = "ichie device key v1" ‖ 0x00 ‖ serviceId ‖ 0x00 ‖ userId).
   *
   * @param sessionKey K of the SRP run
   * @param activationId the activation id
   * @param serviceId the service ID
   * @param userId the user ID
   * @return 32 bytes
   */
  public static byte[] activationProofKey(
      byte[] sessionKey, String activationId, String serviceId, String userId) {
    return Hkdf.derive(
        new SHA256Digest(),
        sessionKey,
        utf8(activationId),
        joined("ichie device key v1", serviceId, userId),
        32);
  }

  /**
   * The key of a device key's later enrolment: HKDF-SHA-256(IKM = the token secret, salt =
   * credentialId, info = "ichie device key enrol v1").
   *
   * @param tokenSecret the token secret
   * @param credentialId the token's credential id
   * @return 32 bytes
   */
  public static byte[] enrolProofKey(byte[] tokenSecret, String credentialId) {
    return Hkdf.derive(
        new SHA256Digest(), tokenSecret, utf8(credentialId), utf8("ichie device key enrol v1"), 32);
  }

  /**
   * The offline code's OCRA key: HKDF-SHA-256(IKM = the token secret, salt = credentialId, info =
   * "ichie ocra v1"); never the TOTP secret itself.
   *
   * @param tokenSecret the token secret
   * @param credentialId the token's credential id
   * @return 32 bytes
   */
  public static byte[] ocraKey(byte[] tokenSecret, String credentialId) {
    return Hkdf.derive(
        new SHA256Digest(), tokenSecret, utf8(credentialId), utf8("ichie ocra v1"), 32);
  }

  /**
   * HMAC-SHA-256 of the parts, one after the other.
   *
   * @param key the key
   * @param parts the message
   * @return 32 bytes
   */
  public static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The bytes a poll for pending confirmations signs: "ichie pending v1" ‖ 0x00 ‖ serviceId ‖ 0x00
   * ‖ userId ‖ 0x00 ‖ credentialId ‖ 0x00 ‖ time.
   *
   * @return the bytes
   */
  public static byte[] pollBytes(
      String serviceId, String userId, String credentialId, String time) {
    return joined("ichie pending v1", serviceId, userId, credentialId, time);
  }

  /**
   * The bytes a decision signs: "ichie confirmation v1" ‖ 0x00 ‖ serviceId ‖ 0x00 ‖ userId ‖ 0x00 ‖
   * credentialId ‖ 0x00 ‖ confirmationId ‖ 0x00 ‖ kind ‖ 0x00 ‖ for each field name ‖ 0x00 ‖ value
   * ‖ 0x00 ‖, and last the decision.
   *
   * @return the bytes
   */
  public static byte[] decisionBytes(
      String serviceId,
      String userId,
      String credentialId,
      String confirmationId,
      String kind,
      List<Field> fields,
      String decision) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String part :
        new String[] {
          "ichie confirmation v1", serviceId, userId, credentialId, confirmationId, kind
        }) {
      out.writeBytes(utf8(part));
      out.write(0);
    }
    for (Field f : fields) {
      out.writeBytes(utf8(f.name()));
      out.write(0);
      out.writeBytes(utf8(f.value()));
      out.write(0);
    }
    out.writeBytes(utf8(decision));
    return out.toByteArray();
  }

  /**
   * The offline code's question: 1, the 7-digit account number, the amount in yen as 12 digits.
   *
   * @param accountNumber exactly 7 ASCII digits
   * @param amount 1 to 999,999,999,999 yen
   * @return the 20 digits
   * @throws IllegalArgumentException for anything else
   */
  public static String question(String accountNumber, long amount) {
    if (accountNumber == null || !accountNumber.matches("[0-9]{7}")) {
      throw new IllegalArgumentException("the account number is 7 digits");
    }
    if (amount < 1 || amount > 999_999_999_999L) {
      throw new IllegalArgumentException("the amount is 1 to 12 digits of yen");
    }
    return "1" + accountNumber + String.format("%012d", amount);
  }

  /**
   * Whether bytes are a device key: the DER SubjectPublicKeyInfo of an uncompressed P-256 point.
   *
   * @param spki the bytes, or null
   * @return true if {@link #deviceKey} takes them
   */
  public static boolean isDeviceKey(byte[] spki) {
    try {
      deviceKey(spki);
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /**
   * A device key from its DER SubjectPublicKeyInfo: an uncompressed point on P-256, nothing else.
   *
   * @param spki the 91 bytes
   * @return the key
   * @throws IllegalArgumentException for any other key or bytes
   */
  public static PublicKey deviceKey(byte[] spki) {
    if (spki == null || spki.length != DEVICE_KEY_LENGTH) {
      throw new IllegalArgumentException("a device key is the 91-byte SPKI of a P-256 point");
    }
    for (int i = 0; i < P256_SPKI_PREFIX.length; i++) {
      if (spki[i] != P256_SPKI_PREFIX[i]) {
        throw new IllegalArgumentException("not an uncompressed P-256 key");
      }
    }
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      ECPublicKey ec = (ECPublicKey) key;
      if (!onCurve(ec.getParams(), ec.getW())) {
        throw new IllegalArgumentException("the point is not on P-256");
      }
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("not a P-256 key", e);
    }
  }

  /**
   * y² = x³ + ax + b (mod p), with both coordinates below p: the JDK's KeyFactory does not check.
   */
  private static boolean onCurve(ECParameterSpec params, ECPoint w) {
    if (!(params.getCurve().getField() instanceof ECFieldFp field) || field.getFieldSize() != 256) {
      return false;
    }
    BigInteger p = field.getP();
    BigInteger x = w.getAffineX();
    BigInteger y = w.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger right =
        x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    return y.pow(2).mod(p).equals(right);
  }

  /**
   * Whether a DER {@code SHA256withECDSA} signature by the key is over these bytes.
   *
   * @param key the device key
   * @param bytes what was signed
   * @param signature the signature, DER; a malformed one is simply not valid
   * @return true if valid
   */
  public static boolean verify(PublicKey key, byte[] bytes, byte[] signature) {
    if (signature == null || signature.length < 8 || signature.length > 80) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(key);
      s.update(bytes);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] joined(String label, String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(label));
    for (String p : parts) {
      out.write(0);
      out.writeBytes(utf8(p));
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

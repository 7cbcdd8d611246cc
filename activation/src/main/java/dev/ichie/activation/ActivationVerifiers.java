package dev.ichie.activation;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Issuance (ACTIVATION.md step 1): makes the salt and SRP-6a verifier of an activation password
 * (RFC 5054 §2.4, as Bouncy Castle's {@code SRP6VerifierGenerator} computes it):
 *
 * <pre>
 * I = UTF-8(serviceId ":" userId)
 * P = the ASCII digits of the activation password
 * x = SHA-256(salt | SHA-256(I | ":" | P))
 * v = g^x mod N            (RFC 5054 2048-bit group)
 * </pre>
 *
 * <p>serviceId is 1–32 characters of {@code A-Z a-z 0-9 . _ -}, userId 1–32 ASCII digits, the
 * activation password 4–8 digits (full-width digits are taken as their ASCII digits). Refusing
 * trivial passwords (1111, 1234, 9876) is the issuance policy's job, not this class's.
 *
 * <p>Stateless and thread-safe.
 */
public final class ActivationVerifiers {

  private static final byte[] DECOY_LABEL =
      "ichie decoy salt v1".getBytes(StandardCharsets.US_ASCII);

  private ActivationVerifiers() {}

  /**
   * A verifier with a fresh 32-byte salt.
   *
   * @param serviceId the service the token belongs to
   * @param userId the customer's user ID in the OTP service
   * @param activationPassword the activation password the customer chose (4–8 digits)
   * @param random where the salt comes from
   * @return the salt and verifier to store with the issuance
   * @throws IllegalArgumentException if an argument breaks the rules above
   */
  public static VerifierRecord create(
      String serviceId, String userId, CharSequence activationPassword, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] salt = new byte[VerifierRecord.SALT_LENGTH];
    random.nextBytes(salt);
    return create(serviceId, userId, activationPassword, salt);
  }

  /**
   * A verifier with a given salt, such as a {@linkplain #decoySalt decoy salt} for an unknown user.
   *
   * @param serviceId the service the token belongs to
   * @param userId the customer's user ID in the OTP service
   * @param activationPassword the activation password (4–8 digits)
   * @param salt 32 bytes
   * @return the salt and verifier
   * @throws IllegalArgumentException if an argument breaks the rules above
   */
  public static VerifierRecord create(
      String serviceId, String userId, CharSequence activationPassword, byte[] salt) {
    Objects.requireNonNull(salt, "salt");
    byte[] identity = Rules.identity(serviceId, userId);
    byte[] password = Rules.activationPasswordDigits(activationPassword);
    try {
      SrpGroup group = SrpGroup.RFC5054_2048_SHA256;
      return new VerifierRecord(salt, group.pad(Srp6.verifier(group, salt, identity, password)));
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /**
   * The salt to answer with when there is no live issuance for an identity, so that {@code start}
   * gives the same salt on every ask and nobody can tell known from unknown users:
   *
   * <pre>
   * HMAC-SHA-256(serverKey, UTF-8("ichie decoy salt v1") | 0x00 | UTF-8(serviceId) | 0x00
   *              | UTF-8(userId))
   * </pre>
   *
   * <p>For the decoy B the server also needs a verifier; any fixed verifier works (B = k·v + g^b
   * hides v), so one made at start-up with a random password keeps a decoy {@code start} as fast as
   * a real one, which computes no verifier either.
   *
   * @param serverKey a secret of at least 32 bytes, the same on every server node
   * @param serviceId the service ID the app sent
   * @param userId the user ID the app sent
   * @return 32 bytes
   */
  public static byte[] decoySalt(byte[] serverKey, String serviceId, String userId) {
    Objects.requireNonNull(serverKey, "serverKey");
    if (serverKey.length < 32) {
      throw new IllegalArgumentException("serverKey must be at least 32 bytes");
    }
    Rules.requireServiceId(serviceId);
    Rules.requireUserId(userId);
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(serverKey));
    mac.update(DECOY_LABEL, 0, DECOY_LABEL.length);
    for (String part : new String[] {serviceId, userId}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      mac.update((byte) 0);
      mac.update(bytes, 0, bytes.length);
    }
    byte[] salt = new byte[mac.getMacSize()];
    mac.doFinal(salt, 0);
    return salt;
  }
}

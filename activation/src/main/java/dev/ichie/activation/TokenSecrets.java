package dev.ichie.activation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The token secret both sides derive from the SRP session key (ACTIVATION.md step 5):
 *
 * <pre>
 * secret = HKDF-SHA-256(IKM  = K (the 32 bytes of H(PAD(S))),
 *                       salt = UTF-8(activationId),
 *                       info = UTF-8("ichie totp secret v1") | 0x00 | UTF-8(serviceId) | 0x00
 *                              | UTF-8(userId) | 0x00 | UTF-8(credentialId),
 *                       L    = 20, 32 or 64)
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class TokenSecrets {

  static final String INFO_LABEL = "ichie totp secret v1";

  private TokenSecrets() {}

  static byte[] derive(
      byte[] sessionKey,
      String activationId,
      String serviceId,
      String userId,
      String credentialId,
      int length) {
    Rules.requireActivationId(activationId);
    Rules.requireServiceId(serviceId);
    Rules.requireUserId(userId);
    Rules.requireCredentialId(credentialId);
    if (length != 20 && length != 32 && length != 64) {
      throw new IllegalArgumentException("length must be 20, 32 or 64 bytes, not " + length);
    }
    return Hkdf.derive(
        new SHA256Digest(),
        sessionKey,
        activationId.getBytes(StandardCharsets.UTF_8),
        info(serviceId, userId, credentialId),
        length);
  }

  static byte[] info(String serviceId, String userId, String credentialId) {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(INFO_LABEL.getBytes(StandardCharsets.UTF_8));
    for (String part : new String[] {serviceId, userId, credentialId}) {
      info.write(0);
      info.writeBytes(part.getBytes(StandardCharsets.UTF_8));
    }
    return info.toByteArray();
  }
}

package dev.ichie.server.api;

import dev.ichie.server.tenant.IchieProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The API keys of every service, kept only as SHA-256 hashes (the keys are long random strings, so
 * a fast hash is enough). A presented key is hashed and compared with every configured hash in
 * constant time. Immutable; thread-safe.
 */
@Component
public final class ApiKeys {

  private record Entry(byte[] hash, ApiClient client) {}

  private final List<Entry> entries = new ArrayList<>();

  ApiKeys(IchieProperties properties) {
    if (properties.services() == null) {
      return;
    }
    properties
        .services()
        .forEach(
            (serviceId, service) ->
                service
                    .apiKeys()
                    .forEach(
                        k -> {
                          byte[] hash = HexFormat.of().parseHex(k.sha256().trim());
                          if (hash.length != 32) {
                            throw new IllegalArgumentException(
                                "API key hash of client "
                                    + k.name()
                                    + " must be 64 hex digits (SHA-256)");
                          }
                          entries.add(new Entry(hash, new ApiClient(serviceId, k.name())));
                        }));
  }

  /**
   * The client a key belongs to.
   *
   * @param presentedKey the key from the request
   * @return the client, or empty for an unknown key
   */
  public Optional<ApiClient> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > 256) {
      return Optional.empty();
    }
    byte[] hash = sha256(presentedKey);
    ApiClient found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.hash(), hash) && found == null) {
        found = e.client();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The SHA-256 of a key, as configured: {@code ichie.services.ID.api-keys[].sha256}.
   *
   * @param key the key
   * @return its hash
   */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

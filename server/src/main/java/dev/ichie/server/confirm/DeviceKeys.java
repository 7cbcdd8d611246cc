package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.token.AppTokens;
import dev.ichie.server.token.DeviceKeyRows;
import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tokens' device keys: one APP_DEVICE_KEY credential per token with its public key, and the
 * time of its last accepted poll. Thread-safe.
 */
@Component
final class DeviceKeys {

  /**
   * A device key.
   *
   * @param id its credential's id
   * @param tokenId the token it belongs to
   * @param key the public key
   */
  record Key(String id, String tokenId, PublicKey key) {}

  private final JdbcClient jdbc;
  private final DeviceKeyRows rows;

  /** Parsed keys by credential id and bytes: a device key never changes once stored. */
  private final Map<String, PublicKey> parsed =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PublicKey> e) {
              return size() > 10_000;
            }
          });

  DeviceKeys(JdbcClient jdbc, DeviceKeyRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  private PublicKey parse(String id, byte[] spki) {
    String k = id + ":" + Arrays.hashCode(spki);
    PublicKey key = parsed.get(k);
    if (key == null) {
      key = Confirmation.deviceKey(spki);
      parsed.put(k, key);
    }
    return key;
  }

  /** The key of a token, if it has one. */
  Optional<Key> ofToken(String tokenId) {
    return jdbc.sql(
            """
            SELECT d.id, d.token_id, d.public_key FROM device_key d
            JOIN credential c ON c.id = d.id
            WHERE d.token_id = ? AND c.ended_at IS NULL AND c.state = 'ACTIVE'""")
        .param(tokenId)
        .query(
            (rs, n) ->
                new Key(
                    rs.getString("id"),
                    rs.getString("token_id"),
                    parse(rs.getString("id"), rs.getBytes("public_key"))))
        .optional();
  }

  /**
   * Stores a token's key, in the caller's transaction; false when it has one already. Two at once:
   * the unique token_id makes one throw DuplicateKeyException, which must roll its transaction back
   * (the credential row with it).
   */
  boolean insert(AppTokens.AppToken token, byte[] spki, Instant now) {
    if (ofToken(token.tokenId()).isPresent()) {
      return false;
    }
    rows.insert(token.serviceId(), token.customerId(), token.tokenId(), spki, "ACTIVE", now);
    return true;
  }

  /** Takes a poll's time once: only later than the last accepted one. */
  boolean acceptPoll(String id, Instant time) {
    return jdbc.sql(
                "UPDATE device_key SET last_poll_at = ? WHERE id = ?"
                    + " AND (last_poll_at IS NULL OR last_poll_at < ?)")
            .params(Timestamp.from(time), id, Timestamp.from(time))
            .update()
        == 1;
  }
}

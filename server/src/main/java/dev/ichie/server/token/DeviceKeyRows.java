package dev.ichie.server.token;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores a token's device key (取引認証): an APP_DEVICE_KEY credential with its detail row, in the
 * caller's transaction. The one place both ways of registering it write, at activation (protocol
 * version 2) and later for a token in use. The key's state follows its token's from then on.
 */
@Component
public final class DeviceKeyRows {

  private final JdbcClient jdbc;

  DeviceKeyRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the key; the token's unique key makes a second insert throw DuplicateKeyException,
   * which must roll the caller's transaction back.
   *
   * @param serviceId the token's service
   * @param customerId the token's customer row
   * @param tokenId the token
   * @param spki the key's DER SubjectPublicKeyInfo, checked by the caller
   * @param state the credential's state: its token's (ACTIVATED at activation, else ACTIVE)
   * @param now when
   * @return the credential's id
   */
  public String insert(
      String serviceId, long customerId, String tokenId, byte[] spki, String state, Instant now) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO credential (id, service_id, customer_id, kind, state, label, created_at)
            VALUES (?, ?, ?, 'APP_DEVICE_KEY', ?, 'token app', ?)""")
        .params(id, serviceId, customerId, state, Timestamp.from(now))
        .update();
    jdbc.sql("INSERT INTO device_key (id, token_id, public_key) VALUES (?, ?, ?)")
        .params(id, tokenId, spki)
        .update();
    return id;
  }
}

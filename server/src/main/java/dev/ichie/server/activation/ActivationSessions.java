package dev.ichie.server.activation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The activation_session table: one row per protocol run between start and finish. */
@Repository
class ActivationSessions {

  record Row(
      String id,
      String serviceId,
      String userId,
      String tokenId,
      byte[] clientPublic,
      byte[] serverPrivate,
      int keyVersion,
      Instant expiresAt,
      boolean finished,
      int protocolVersion) {}

  private final JdbcClient jdbc;

  ActivationSessions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Row row, Instant now) {
    jdbc.sql(
            """
            INSERT INTO activation_session (id, service_id, user_id, token_id, client_public,
                server_private, server_key_version, created_at, expires_at, protocol_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            row.id(),
            row.serviceId(),
            row.userId(),
            row.tokenId(),
            row.clientPublic(),
            row.serverPrivate(),
            row.keyVersion(),
            Timestamp.from(now),
            Timestamp.from(row.expiresAt()),
            row.protocolVersion())
        .update();
  }

  Optional<Row> find(String id) {
    return jdbc.sql("SELECT * FROM activation_session WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("id"),
                    rs.getString("service_id"),
                    rs.getString("user_id"),
                    rs.getString("token_id"),
                    rs.getBytes("client_public"),
                    rs.getBytes("server_private"),
                    rs.getInt("server_key_version"),
                    rs.getTimestamp("expires_at").toInstant(),
                    rs.getBoolean("finished"),
                    rs.getInt("protocol_version")))
        .optional();
  }

  /**
   * Marks a run finished and deletes its sealed SRP private value (the caller has read it): true
   * only for the first call, within its lifetime.
   */
  boolean finish(String id, Instant now) {
    return jdbc.sql(
                """
                UPDATE activation_session SET finished = TRUE, server_private = ?
                WHERE id = ? AND finished = FALSE AND expires_at > ?""")
            .params(new byte[0], id, Timestamp.from(now))
            .update()
        == 1;
  }

  int deleteExpiredBefore(Instant before) {
    return jdbc.sql("DELETE FROM activation_session WHERE expires_at < ?")
        .param(Timestamp.from(before))
        .update();
  }

  List<Row> sealedBefore(int version, String afterId, int limit) {
    return jdbc
        .sql(
            "SELECT id FROM activation_session WHERE server_key_version < ? AND id > ?"
                + " AND finished = FALSE ORDER BY id FETCH FIRST ? ROWS ONLY")
        .params(version, afterId, limit)
        .query(String.class)
        .list()
        .stream()
        .map(this::find)
        .flatMap(Optional::stream)
        .toList();
  }

  boolean replaceSealed(String id, int oldVersion, byte[] sealed, int newVersion) {
    return jdbc.sql(
                """
                UPDATE activation_session SET server_private = ?, server_key_version = ?
                WHERE id = ? AND server_key_version = ?""")
            .params(sealed, newVersion, id, oldVersion)
            .update()
        == 1;
  }
}

package dev.ichie.server.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the audit trail: each row, in id order, gets SHA-256(the previous seal ‖ the row's
 * canonical bytes), so that an edited or deleted row breaks every seal from it on. Rows are sealed
 * by a job a little after they are written (once they are surely committed), by any node; two nodes
 * sealing the same row meet on its primary key and one gives way. The newest seal is logged at each
 * round, so that a copy outside the database anchors the chain's end. Thread-safe.
 *
 * <p>Canonical bytes: UTF-8 of {@code "ichie audit v1"}, then each column in the order of {@link
 * #COLUMNS} as a 4-byte big-endian length (−1 for NULL) and its UTF-8 bytes; the id as decimal, the
 * time as {@link Instant#toString()} of what the database gives back.
 */
@Component
public final class AuditSeals {

  private static final Logger log = LoggerFactory.getLogger(AuditSeals.class);

  /** The columns a seal covers, in order. */
  static final List<String> COLUMNS =
      List.of(
          "id",
          "occurred_at",
          "service_id",
          "customer_ref",
          "user_id",
          "token_id",
          "actor_type",
          "actor_id",
          "event",
          "outcome",
          "source_address",
          "detail");

  /** How old a row must be before it is sealed: by then its transaction has ended. */
  static final Duration SETTLE = Duration.ofSeconds(10);

  private static final int BATCH = 1000;
  private static final byte[] GENESIS = new byte[32];

  /**
   * One row of the trail as a seal sees it.
   *
   * @param id its id
   * @param values its columns as text, in the order of {@link #COLUMNS}, null for NULL
   */
  public record Row(long id, List<String> values) {}

  /**
   * What a verification found.
   *
   * @param rows rows checked
   * @param sealed rows with a right seal
   * @param unsealed newest rows not sealed yet (at most the last {@link #SETTLE} or so)
   * @param firstBroken the first row whose seal does not match it (the row changed, or one before
   *     it deleted with its seal), or that comes after rows without a seal, if any
   * @param problem what is wrong there, or null
   * @param head the newest seal, hex, or null
   */
  public record Verification(
      long rows, long sealed, long unsealed, Long firstBroken, String problem, String head) {

    /** Whether the chain is whole. */
    public boolean intact() {
      return firstBroken == null;
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  AuditSeals(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Seals the rows written since the last seal, settled ones only, a batch at a time.
   *
   * @return how many were sealed
   */
  public int seal() {
    int total = 0;
    while (true) {
      Integer n;
      try {
        n = tx.execute(s -> sealBatch());
      } catch (DuplicateKeyException e) {
        return total; // another node is sealing the same rows
      }
      if (n == null || n == 0) {
        break;
      }
      total += n;
    }
    if (total > 0) {
      head().ifPresent(h -> log.info("audit sealed to row {}: {}", h.id(), h.hex()));
    }
    return total;
  }

  private record Head(long id, byte[] hash) {
    String hex() {
      return HexFormat.of().formatHex(hash);
    }
  }

  private Optional<Head> head() {
    return jdbc.sql(
            "SELECT event_id, hash FROM audit_seal ORDER BY event_id DESC FETCH FIRST 1 ROWS ONLY")
        .query((rs, n) -> new Head(rs.getLong("event_id"), rs.getBytes("hash")))
        .optional();
  }

  private int sealBatch() {
    Optional<Head> head = head();
    long after = head.map(Head::id).orElse(0L);
    byte[] prev = head.map(Head::hash).orElse(GENESIS);
    Instant now = clock.instant();
    List<Row> rows =
        jdbc.sql(
                "SELECT * FROM audit_event WHERE id > ? AND occurred_at <= ?"
                    + " ORDER BY id FETCH FIRST "
                    + BATCH
                    + " ROWS ONLY")
            .params(after, Timestamp.from(now.minus(SETTLE)))
            .query(AuditSeals::row)
            .list();
    for (Row r : rows) {
      prev = chain(prev, r);
      jdbc.sql("INSERT INTO audit_seal (event_id, hash, sealed_at) VALUES (?, ?, ?)")
          .params(r.id(), prev, Timestamp.from(now))
          .update();
    }
    return rows.size();
  }

  /**
   * Checks the whole chain from the first row, streaming: each seal against its row and the seal
   * before it, every sealed row present, no row below the newest seal without one.
   *
   * @return what it found
   */
  public Verification verify() {
    long[] counts = new long[3];
    byte[][] prev = {GENESIS};
    Long[] broken = {null};
    String[] problem = {null};
    jdbc.sql(
            "SELECT e.*, s.hash AS seal FROM audit_event e"
                + " LEFT JOIN audit_seal s ON s.event_id = e.id ORDER BY e.id")
        .query(
            (ResultSet rs) -> {
              if (broken[0] != null) {
                return;
              }
              byte[] seal = rs.getBytes("seal");
              counts[0]++;
              Row r = row(rs, 0);
              if (seal == null) {
                counts[2]++;
                return;
              }
              if (counts[2] > 0) {
                broken[0] = r.id();
                problem[0] = "rows before it have no seal";
                return;
              }
              byte[] expected = chain(prev[0], r);
              if (!MessageDigest.isEqual(expected, seal)) {
                broken[0] = r.id();
                problem[0] = "the row was changed, or a row before it deleted";
                return;
              }
              counts[1]++;
              prev[0] = seal;
            });
    String head = counts[1] == 0 ? null : HexFormat.of().formatHex(prev[0]);
    return new Verification(counts[0], counts[1], counts[2], broken[0], problem[0], head);
  }

  /**
   * Every row of the trail from an id on, with its seal, for a SIEM: one call per row, in order.
   *
   * @param fromId the first id
   * @param each what to do with a row and its seal (hex, or null when not sealed yet)
   */
  public void export(long fromId, Consumer<Exported> each) {
    jdbc.sql(
            "SELECT e.*, s.hash AS seal FROM audit_event e LEFT JOIN audit_seal s"
                + " ON s.event_id = e.id WHERE e.id >= ? ORDER BY e.id")
        .param(fromId)
        .query(
            (ResultSet rs) -> {
              byte[] seal = rs.getBytes("seal");
              each.accept(
                  new Exported(row(rs, 0), seal == null ? null : HexFormat.of().formatHex(seal)));
            });
  }

  /**
   * An exported row.
   *
   * @param row the row
   * @param seal its seal, hex, or null
   */
  public record Exported(Row row, String seal) {}

  static Row row(ResultSet rs, int n) throws SQLException {
    String[] values = new String[COLUMNS.size()];
    for (int i = 0; i < values.length; i++) {
      String c = COLUMNS.get(i);
      if ("occurred_at".equals(c)) {
        Timestamp t = rs.getTimestamp(c);
        values[i] = t == null ? null : t.toInstant().toString();
      } else {
        values[i] = rs.getString(c);
      }
    }
    return new Row(rs.getLong("id"), java.util.Arrays.asList(values));
  }

  static byte[] chain(byte[] previous, Row row) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(previous);
    out.writeBytes("ichie audit v1".getBytes(StandardCharsets.UTF_8));
    for (String v : row.values()) {
      if (v == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
      }
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

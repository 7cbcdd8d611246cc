package dev.ichie.server.factor;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The challenge table: an operation started in one request and finished in another (a login's
 * second step), with the factors proved for it so far. Answered at most once, by a conditional
 * update, on any node. Thread-safe.
 */
@Component
public final class Challenges {

  /**
   * A stored challenge.
   *
   * @param id its id
   * @param subject whose
   * @param operationHash the SHA-256 of the operation's canonical bytes
   * @param passed the factors proved for it so far
   * @param expiresAt until when it can be answered
   * @param answered whether it was
   * @param nonce the random bytes to be signed, or null
   */
  public record Challenge(
      String id,
      Subject subject,
      byte[] operationHash,
      Set<Factor> passed,
      Instant expiresAt,
      boolean answered,
      byte[] nonce) {

    /**
     * Whether the challenge was made for this subject and operation.
     *
     * @param s the subject
     * @param operation the operation
     * @return true if so
     */
    public boolean isFor(Subject s, Operation operation) {
      return subject.equals(s) && Arrays.equals(operationHash, operation.hash());
    }

    /**
     * Whether the challenge was made for this operation and this subject, or before anyone was
     * named (a usernameless passkey login) in the subject's service: the credential then names the
     * customer, and must be theirs.
     *
     * @param s the subject
     * @param operation the operation
     * @return true if so
     */
    public boolean isForOrUnnamed(Subject s, Operation operation) {
      return Arrays.equals(operationHash, operation.hash())
          && (subject.equals(s)
              || (subject.customerRef().isEmpty() && subject.serviceId().equals(s.serviceId())));
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  Challenges(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  String create(Subject subject, Operation operation, Set<Factor> passed, Duration lifetime) {
    return create(subject, operation, passed, lifetime, null);
  }

  /**
   * Makes a challenge with the bytes an authenticator is to sign.
   *
   * @param subject whose
   * @param operation for what
   * @param passed the factors proved for it so far
   * @param lifetime how long it can be answered
   * @param nonce the bytes, or null
   * @return its id
   */
  public String create(
      Subject subject, Operation operation, Set<Factor> passed, Duration lifetime, byte[] nonce) {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    jdbc.sql(
            """
            INSERT INTO challenge (id, service_id, subject, operation, operation_hash, passed,
                created_at, expires_at, nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            id,
            subject.serviceId(),
            subject.customerRef(),
            operation.kind(),
            operation.hash(),
            names(passed),
            Timestamp.from(now),
            Timestamp.from(now.plus(lifetime)),
            nonce)
        .update();
    return id;
  }

  /**
   * A challenge.
   *
   * @param id its id
   * @return it, if there is one
   */
  public Optional<Challenge> find(String id) {
    if (id == null || id.length() > 64) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT * FROM challenge WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Challenge(
                    rs.getString("id"),
                    new Subject(rs.getString("service_id"), rs.getString("subject")),
                    rs.getBytes("operation_hash"),
                    factors(rs.getString("passed")),
                    rs.getTimestamp("expires_at").toInstant(),
                    rs.getTimestamp("answered_at") != null,
                    rs.getBytes("nonce")))
        .optional();
  }

  /** Records more proved factors on a challenge that is still open. */
  boolean addPassed(String id, Set<Factor> passed) {
    return jdbc.sql(
                "UPDATE challenge SET passed = ? WHERE id = ? AND answered_at IS NULL"
                    + " AND expires_at > ?")
            .params(names(passed), id, Timestamp.from(clock.instant()))
            .update()
        == 1;
  }

  /**
   * Answers a challenge: true for the one call that does, while it has not expired.
   *
   * @param id the challenge
   * @return whether this call answered it
   */
  public boolean answer(String id) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.sql(
                "UPDATE challenge SET answered_at = ? WHERE id = ? AND answered_at IS NULL"
                    + " AND expires_at > ?")
            .params(now, id, now)
            .update()
        == 1;
  }

  /** Deletes challenges that ended a day ago. */
  @Scheduled(fixedDelayString = "${ichie.jobs.challenge-cleanup-interval:1h}")
  void cleanUp() {
    jdbc.sql("DELETE FROM challenge WHERE expires_at < ?")
        .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
        .update();
  }

  private static String names(Set<Factor> factors) {
    return factors.stream().map(Factor::name).sorted().collect(Collectors.joining(","));
  }

  private static Set<Factor> factors(String names) {
    Set<Factor> s = EnumSet.noneOf(Factor.class);
    if (names != null && !names.isBlank()) {
      for (String n : names.split(",")) {
        s.add(Factor.valueOf(n));
      }
    }
    return s;
  }
}

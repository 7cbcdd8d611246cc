package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.system.RateLimiter;
import dev.ichie.server.token.AppTokens;
import dev.ichie.server.token.OcraCheck;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenState;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * 取引認証 (CONFIRMATION.md, version 1): confirmations created by the bank for a customer's token, the
 * app's signed poll for pending ones and its signed decision, and the offline code as the other way
 * to approve one. A decision is taken once, by a conditional update from PENDING, on any node; the
 * server checks a decision against its own stored fields, with the key of the token the
 * confirmation was made for. Thread-safe.
 */
@Service
public final class Confirmations {

  /** How long a confirmation waits for its decision. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /** How far a poll's time may be from the server's. */
  static final Duration CLOCK_WINDOW = Duration.ofMinutes(5);

  /**
   * Bad signatures per device key, and requests naming no device key per address, in {@link
   * #BAD_WINDOW}.
   */
  static final int BAD_PER_KEY = 20;

  static final int UNKNOWN_PER_ADDRESS = 600;
  static final Duration BAD_WINDOW = Duration.ofMinutes(10);

  /** What a creation or a check answers, besides OK. */
  public enum Outcome {
    OK,
    APPROVED,
    REJECTED,
    MALFORMED,
    NOT_ACTIVE,
    UNKNOWN_CONFIRMATION,
    BAD_SIGNATURE,
    ALREADY_DECIDED,
    EXPIRED,
    THROTTLED,
    WRONG_CODE,
    REPLAYED,
    LOCKED
  }

  /**
   * A confirmation created.
   *
   * @param outcome OK, MALFORMED or NOT_ACTIVE
   * @param id its id, when OK
   * @param expiresAt until when it can be decided
   * @param online whether the token has a device key (else only the offline code confirms it)
   */
  public record Created(Outcome outcome, String id, Instant expiresAt, boolean online) {}

  /**
   * A confirmation as the bank sees it.
   *
   * @param id its id
   * @param kind TRANSFER
   * @param fields its fields, in order
   * @param state PENDING, APPROVED, REJECTED or EXPIRED
   * @param online whether a device key could decide it when it was created
   * @param createdAt when
   * @param expiresAt until when
   * @param decidedAt when decided, or null
   */
  public record View(
      String id,
      String kind,
      List<Confirmation.Field> fields,
      String state,
      boolean online,
      Instant createdAt,
      Instant expiresAt,
      Instant decidedAt) {}

  /**
   * A poll's answer.
   *
   * @param outcome OK, BAD_SIGNATURE or THROTTLED
   * @param pending the token's pending confirmations, oldest first
   */
  public record Poll(Outcome outcome, List<View> pending) {}

  /** The app's identity in its requests. */
  public record AppIdentity(String serviceId, String userId, String credentialId) {}

  private record Row(
      String id,
      String serviceId,
      String customerRef,
      String tokenId,
      String kind,
      List<Confirmation.Field> fields,
      String state,
      boolean online,
      Instant createdAt,
      Instant expiresAt,
      Instant decidedAt) {

    View view(Instant now) {
      String s = "PENDING".equals(state) && !expiresAt.isAfter(now) ? "EXPIRED" : state;
      return new View(id, kind, fields, s, online, createdAt, expiresAt, decidedAt);
    }
  }

  private final JdbcClient jdbc;
  private final AppTokens tokens;
  private final DeviceKeys keys;
  private final OcraCheck ocra;
  private final AuditLog audit;
  private final RateLimiter limiter;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final JsonMapper json = JsonMapper.builder().build();
  private final SecureRandom random = new SecureRandom();

  Confirmations(
      JdbcClient jdbc,
      AppTokens tokens,
      DeviceKeys keys,
      OcraCheck ocra,
      AuditLog audit,
      RateLimiter limiter,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.events = events;
    this.jdbc = jdbc;
    this.tokens = tokens;
    this.keys = keys;
    this.ocra = ocra;
    this.audit = audit;
    this.limiter = limiter;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Creates a confirmation for the customer's token in use.
   *
   * @param subject the customer
   * @param kind TRANSFER
   * @param fields the seven fields, in order
   * @param actor who, from where
   * @return the confirmation, or MALFORMED, or NOT_ACTIVE when no token is in use
   */
  public Created create(
      Subject subject, String kind, List<Confirmation.Field> fields, Actor actor) {
    if (!Confirmation.wellFormed(kind, fields)) {
      return new Created(Outcome.MALFORMED, null, null, false);
    }
    Optional<AppTokens.AppToken> token = tokens.open(subject.serviceId(), subject.customerRef());
    if (token.isEmpty() || token.get().state() != TokenState.ACTIVE) {
      return new Created(Outcome.NOT_ACTIVE, null, null, false);
    }
    byte[] b = new byte[18];
    random.nextBytes(b);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    boolean online = keys.ofToken(token.get().tokenId()).isPresent();
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  """
                  INSERT INTO confirmation (id, service_id, customer_id, token_id, kind, fields,
                      state, online, created_at, expires_at)
                  VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")
              .params(
                  id,
                  subject.serviceId(),
                  token.get().customerId(),
                  token.get().tokenId(),
                  kind,
                  write(fields),
                  online,
                  Timestamp.from(now),
                  Timestamp.from(expires))
              .update();
          record(subject, token.get().tokenId(), actor, "CONFIRMATION_CREATED", "OK", id);
        });
    return new Created(Outcome.OK, id, expires, online);
  }

  /**
   * A confirmation of the customer's.
   *
   * @param subject the customer
   * @param id its id
   * @return it, if it is theirs
   */
  public Optional<View> find(Subject subject, String id) {
    return rowOf(subject, id).map(r -> r.view(clock.instant()));
  }

  /**
   * The app's poll: its signed time, checked, then the token's pending confirmations.
   *
   * @param app the app's identity
   * @param time the app's estimate of the server's time, as sent
   * @param signature the poll's signature, base64url
   * @param actor the app, from where
   * @return OK with the confirmations, or BAD_SIGNATURE, or THROTTLED
   */
  public Poll pending(AppIdentity app, String time, String signature, Actor actor) {
    Optional<AppTokens.AppToken> token =
        tokens.find(app.serviceId(), app.userId(), app.credentialId());
    Optional<DeviceKeys.Key> key = token.flatMap(t -> keys.ofToken(t.tokenId()));
    Optional<Instant> at = instant(time);
    boolean usable = token.isPresent() && token.get().state() == TokenState.ACTIVE;
    Outcome checked =
        signed(
            usable ? key : Optional.empty(),
            actor,
            () ->
                at.isPresent()
                    && Confirmation.verify(
                        key.get().key(),
                        Confirmation.pollBytes(
                            app.serviceId(), app.userId(), app.credentialId(), time),
                        bytes(signature)),
            () ->
                Duration.between(clock.instant(), at.get()).abs().compareTo(CLOCK_WINDOW) <= 0
                    && keys.acceptPoll(key.get().id(), at.get()));
    if (checked != Outcome.OK) {
      if (checked == Outcome.BAD_SIGNATURE) {
        token.ifPresent(
            t ->
                record(
                    new Subject(t.serviceId(), t.customerRef()),
                    t.tokenId(),
                    actor,
                    "CONFIRMATION_POLL",
                    "BAD_SIGNATURE",
                    null));
      }
      return new Poll(checked, List.of());
    }
    Instant now = clock.instant();
    List<View> pending =
        jdbc
            .sql(
                "SELECT c.*, cu.customer_ref FROM confirmation c JOIN customer cu"
                    + " ON cu.id = c.customer_id WHERE c.token_id = ? AND c.state = 'PENDING'"
                    + " AND c.online = TRUE AND c.expires_at > ? ORDER BY c.created_at, c.id")
            .params(token.get().tokenId(), Timestamp.from(now))
            .query(this::map)
            .list()
            .stream()
            .map(r -> r.view(now))
            .toList();
    return new Poll(Outcome.OK, pending);
  }

  /**
   * The app's decision, checked against the stored confirmation with the key of its token.
   *
   * @param confirmationId the confirmation
   * @param app the app's identity
   * @param decision APPROVE or REJECT
   * @param signature the decision's signature, base64url
   * @param actor the app, from where
   * @return APPROVED or REJECTED; UNKNOWN_CONFIRMATION, BAD_SIGNATURE, ALREADY_DECIDED, EXPIRED,
   *     THROTTLED or MALFORMED
   */
  public Outcome decide(
      String confirmationId, AppIdentity app, String decision, String signature, Actor actor) {
    if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
      return Outcome.MALFORMED;
    }
    Optional<Row> found = row(confirmationId);
    Optional<AppTokens.AppToken> token =
        tokens.find(app.serviceId(), app.userId(), app.credentialId());
    if (found.isEmpty()
        || token.isEmpty()
        || !found.get().serviceId().equals(app.serviceId())
        || !found.get().customerRef().equals(token.get().customerRef())) {
      return Outcome.UNKNOWN_CONFIRMATION;
    }
    Row c = found.get();
    Subject subject = new Subject(c.serviceId(), c.customerRef());
    // The key of the token the confirmation was made for, and the server's own fields.
    // Only a confirmation made online, for this token, while the token is in use.
    Optional<DeviceKeys.Key> key =
        c.online()
                && c.tokenId().equals(token.get().tokenId())
                && token.get().state() == TokenState.ACTIVE
            ? keys.ofToken(c.tokenId())
            : Optional.empty();
    Outcome checked =
        signed(
            key,
            actor,
            () ->
                Confirmation.verify(
                    key.get().key(),
                    Confirmation.decisionBytes(
                        app.serviceId(),
                        app.userId(),
                        app.credentialId(),
                        c.id(),
                        c.kind(),
                        c.fields(),
                        decision),
                    bytes(signature)),
            () -> true);
    if (checked != Outcome.OK) {
      record(subject, c.tokenId(), actor, "CONFIRMATION_DECIDED", checked.name(), c.id());
      return checked;
    }
    return settle(c, "APPROVE".equals(decision), "APP", actor);
  }

  /**
   * The offline code as the decision: the code over the confirmation's account number and amount.
   *
   * @param subject the customer
   * @param confirmationId the confirmation
   * @param code the 8 digits
   * @param actor who, from where
   * @return APPROVED; UNKNOWN_CONFIRMATION, ALREADY_DECIDED, EXPIRED, LOCKED, WRONG_CODE, REPLAYED
   *     or MALFORMED
   */
  public Outcome code(Subject subject, String confirmationId, String code, Actor actor) {
    Optional<Row> found = rowOf(subject, confirmationId);
    if (found.isEmpty()) {
      return Outcome.UNKNOWN_CONFIRMATION;
    }
    Row c = found.get();
    if (!"PENDING".equals(c.state()) && !"EXPIRED".equals(c.state())) {
      return Outcome.ALREADY_DECIDED;
    }
    if ("EXPIRED".equals(c.state()) || !c.expiresAt().isAfter(clock.instant())) {
      return Outcome.EXPIRED;
    }
    Result r =
        ocra.check(
            subject.serviceId(),
            c.tokenId(),
            c.fields().get(3).value(),
            Long.parseLong(c.fields().get(5).value()),
            code,
            actor,
            c.id());
    return switch (r) {
      case OK -> settle(c, true, "CODE", actor);
      case LOCKED, NOT_ACTIVE -> Outcome.LOCKED;
      case REPLAYED -> Outcome.REPLAYED;
      case MALFORMED -> Outcome.MALFORMED;
      default -> Outcome.WRONG_CODE;
    };
  }

  /**
   * Withdraws a pending confirmation the customer no longer wants: it leaves the app's list and can
   * no longer be decided (EXPIRED from now).
   *
   * @param subject the customer
   * @param confirmationId the confirmation
   * @param actor who, from where
   * @return true if it was pending and is withdrawn now
   */
  public boolean withdraw(Subject subject, String confirmationId, Actor actor) {
    Optional<Row> found = rowOf(subject, confirmationId);
    if (found.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    return Boolean.TRUE.equals(
        tx.execute(
            s -> {
              if (jdbc.sql(
                          "UPDATE confirmation SET state = 'EXPIRED', expires_at = ? WHERE id = ?"
                              + " AND state = 'PENDING'")
                      .params(Timestamp.from(now), confirmationId)
                      .update()
                  != 1) {
                return false;
              }
              record(
                  subject,
                  found.get().tokenId(),
                  actor,
                  "CONFIRMATION_WITHDRAWN",
                  "OK",
                  confirmationId);
              return true;
            }));
  }

  /** What spending an approved confirmation on an operation gave. */
  public enum Spent {
    /** Spent now, by this operation: it may go ahead. */
    OK,
    /** Not the customer's, or not made for this operation's fields. */
    MISMATCH,
    /** Not decided yet. */
    PENDING,
    /** Rejected in the app. */
    REJECTED,
    /** Not decided in time. */
    EXPIRED,
    /** Approved, and spent already. */
    USED
  }

  /**
   * Spends an approved confirmation on the operation it was made for: once, by a conditional
   * update, on any node. The operation's fields must be the confirmation's, exactly.
   *
   * @param subject the customer
   * @param confirmationId the confirmation
   * @param kind the operation's kind
   * @param fields the operation's fields, in order
   * @param actor who, from where
   * @return OK when spent now
   */
  public Spent spend(
      Subject subject,
      String confirmationId,
      String kind,
      List<Confirmation.Field> fields,
      Actor actor) {
    Optional<Row> found = rowOf(subject, confirmationId);
    if (found.isEmpty()) {
      return Spent.MISMATCH;
    }
    Row c = found.get();
    if (!c.kind().equals(kind) || !c.fields().equals(fields)) {
      record(subject, c.tokenId(), actor, "CONFIRMATION_USED", "MISMATCH", c.id());
      return Spent.MISMATCH;
    }
    Instant now = clock.instant();
    Boolean spent =
        tx.execute(
            s -> {
              if (jdbc.sql(
                          "UPDATE confirmation SET used_at = ? WHERE id = ? AND state = 'APPROVED'"
                              + " AND used_at IS NULL")
                      .params(Timestamp.from(now), c.id())
                      .update()
                  != 1) {
                return false;
              }
              record(subject, c.tokenId(), actor, "CONFIRMATION_USED", "OK", c.id());
              return true;
            });
    if (Boolean.TRUE.equals(spent)) {
      return Spent.OK;
    }
    return switch (row(c.id()).orElse(c).view(now).state()) {
      case "PENDING" -> Spent.PENDING;
      case "REJECTED" -> Spent.REJECTED;
      case "EXPIRED" -> Spent.EXPIRED;
      default -> Spent.USED;
    };
  }

  /**
   * Marks the confirmations not decided in time EXPIRED, each with its audit record, once.
   *
   * @return how many
   */
  @Scheduled(fixedDelayString = "${ichie.jobs.confirmation-expiry-interval:1m}")
  public int expireDue() {
    Instant now = clock.instant();
    List<Row> due =
        jdbc.sql(
                "SELECT c.*, cu.customer_ref FROM confirmation c JOIN customer cu"
                    + " ON cu.id = c.customer_id WHERE c.state = 'PENDING' AND c.expires_at <= ?"
                    + " ORDER BY c.expires_at FETCH FIRST 1000 ROWS ONLY")
            .param(Timestamp.from(now))
            .query(this::map)
            .list();
    int n = 0;
    for (Row r : due) {
      Boolean done =
          tx.execute(
              s -> {
                if (jdbc.sql(
                            "UPDATE confirmation SET state = 'EXPIRED' WHERE id = ?"
                                + " AND state = 'PENDING' AND expires_at <= ?")
                        .params(r.id(), Timestamp.from(now))
                        .update()
                    != 1) {
                  return false;
                }
                record(
                    new Subject(r.serviceId(), r.customerRef()),
                    r.tokenId(),
                    Actor.SYSTEM,
                    "CONFIRMATION_EXPIRED",
                    "OK",
                    r.id());
                return true;
              });
      if (Boolean.TRUE.equals(done)) {
        n++;
      }
    }
    return n;
  }

  /** Decides once, from PENDING and before expiry; the answer says which. */
  private Outcome settle(Row c, boolean approve, String by, Actor actor) {
    Instant now = clock.instant();
    Subject subject = new Subject(c.serviceId(), c.customerRef());
    Outcome outcome =
        tx.execute(
            s -> {
              int n =
                  jdbc.sql(
                          "UPDATE confirmation SET state = ?, decided_at = ?, decided_by = ?"
                              + " WHERE id = ? AND state = 'PENDING' AND expires_at > ?")
                      .params(
                          approve ? "APPROVED" : "REJECTED",
                          Timestamp.from(now),
                          by,
                          c.id(),
                          Timestamp.from(now))
                      .update();
              if (n == 1) {
                Outcome o = approve ? Outcome.APPROVED : Outcome.REJECTED;
                record(subject, c.tokenId(), actor, "CONFIRMATION_DECIDED", o.name(), c.id());
                events.publishEvent(
                    new ConfirmationEvent(
                        c.serviceId(), c.customerRef(), c.id(), c.fields(), approve, now));
                return o;
              }
              return null;
            });
    if (outcome != null) {
      return outcome;
    }
    Row now2 = row(c.id()).orElse(c);
    Outcome o =
        "PENDING".equals(now2.state()) || "EXPIRED".equals(now2.state())
            ? Outcome.EXPIRED
            : Outcome.ALREADY_DECIDED;
    record(subject, c.tokenId(), actor, "CONFIRMATION_DECIDED", o.name(), c.id());
    return o;
  }

  /**
   * A signature check under the bad-signature limits: per key for a known key, per address for
   * requests that name no key (so that junk from one address cannot silence the apps behind it).
   * Read before the check, counted only when a signature fails; a right signature whose request is
   * refused for another reason (a replayed or late poll) counts nothing.
   */
  private Outcome signed(
      Optional<DeviceKeys.Key> key,
      Actor actor,
      java.util.function.BooleanSupplier signature,
      java.util.function.BooleanSupplier rest) {
    if (key.isEmpty()) {
      String byAddress = "confirm-unknown-address:" + actor.sourceAddress();
      if (limiter.full(byAddress, UNKNOWN_PER_ADDRESS, BAD_WINDOW)) {
        return Outcome.THROTTLED;
      }
      limiter.count(byAddress, BAD_WINDOW);
      return Outcome.BAD_SIGNATURE;
    }
    String byKey = "confirm-bad-key:" + key.get().id();
    if (limiter.full(byKey, BAD_PER_KEY, BAD_WINDOW)) {
      return Outcome.THROTTLED;
    }
    if (!signature.getAsBoolean()) {
      limiter.count(byKey, BAD_WINDOW);
      return Outcome.BAD_SIGNATURE;
    }
    return rest.getAsBoolean() ? Outcome.OK : Outcome.BAD_SIGNATURE;
  }

  /** A confirmation of this customer's, else none. */
  private Optional<Row> rowOf(Subject subject, String id) {
    return row(id)
        .filter(
            r ->
                r.serviceId().equals(subject.serviceId())
                    && r.customerRef().equals(subject.customerRef()));
  }

  private Optional<Row> row(String id) {
    if (id == null || id.length() > 40) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT c.*, cu.customer_ref FROM confirmation c JOIN customer cu"
                + " ON cu.id = c.customer_id WHERE c.id = ?")
        .param(id)
        .query(this::map)
        .optional();
  }

  private Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new Row(
        rs.getString("id"),
        rs.getString("service_id"),
        rs.getString("customer_ref"),
        rs.getString("token_id"),
        rs.getString("kind"),
        read(rs.getString("fields")),
        rs.getString("state"),
        rs.getBoolean("online"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("expires_at").toInstant(),
        decided == null ? null : decided.toInstant());
  }

  private String write(List<Confirmation.Field> fields) {
    ArrayNode a = json.createArrayNode();
    for (Confirmation.Field f : fields) {
      a.addObject().put("name", f.name()).put("value", f.value());
    }
    return json.writeValueAsString(a);
  }

  private List<Confirmation.Field> read(String text) {
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : json.readTree(text)) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    return fields;
  }

  /** A time in the server's own form ({@link Confirmation#TIME}), strictly. */
  static Optional<Instant> instant(String time) {
    if (time == null || time.length() != 24) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.from(Confirmation.TIME.parse(time)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static byte[] bytes(String base64url) {
    if (base64url == null || base64url.length() > 200) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void record(
      Subject subject, String tokenId, Actor actor, String event, String outcome, String id) {
    audit.record(
        new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, tokenId),
        actor,
        event,
        outcome,
        id == null ? null : "confirmation " + id);
  }
}

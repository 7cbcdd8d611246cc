package dev.ichie.server.token;

import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import dev.ichie.otp.TotpVerifier;
import dev.ichie.otp.Verification;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.vault.Vault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a token's codes: the start of use (F3) and every later code (F4, F5), by ARCHITECTURE.md's
 * rules. The check is taken before the code is computed, by one conditional locking read ({@code …
 * WHERE state = ? AND failure_count < ? FOR UPDATE}; no row means locked or not in use) that holds
 * the token's row until the check is settled and counted: checks of one token run one after another
 * on any node, and none compares a code once the wrong ones reach the limit. For {@link
 * dev.ichie.server.factor.FactorCheck} through the TOTP authenticator, and for tests. Thread-safe.
 */
@Service
public final class CodeCheck {

  private static final Logger log = LoggerFactory.getLogger(CodeCheck.class);
  private static final String SEALED_PURPOSE = "token";

  private final TokenRepository tokens;
  private final AuditLog audit;
  private final Tenants tenants;
  private final Vault vault;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Map<Result, Counter> verifications = new EnumMap<>(Result.class);

  CodeCheck(
      TokenRepository tokens,
      AuditLog audit,
      Tenants tenants,
      Vault vault,
      Clock clock,
      TransactionTemplate tx,
      MeterRegistry meters,
      ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.audit = audit;
    this.tenants = tenants;
    this.vault = vault;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
    for (Result r : Result.values()) {
      verifications.put(
          r,
          Counter.builder("ichie.verifications")
              .description("OTP verifications by result")
              .tag("result", r.name())
              .register(meters));
    }
  }

  /**
   * Starts the use of an activated token with its first code (F3): only then is the token ACTIVE.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param code the code the app shows
   * @param actor who asks
   * @return OK, WRONG_CODE, REPLAYED, LOCKED, MALFORMED, NOT_ACTIVE or NOT_FOUND
   */
  public Outcome startUse(String serviceId, String customerRef, CharSequence code, Actor actor) {
    return check(serviceId, customerRef, code, actor, TokenState.ACTIVATED, null);
  }

  /**
   * Verifies a code of an active token (login, transactions).
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param code the submitted code
   * @param actor who asks
   * @return OK, WRONG_CODE, REPLAYED, LOCKED, MALFORMED, NOT_ACTIVE or NOT_FOUND
   */
  public Outcome verify(String serviceId, String customerRef, CharSequence code, Actor actor) {
    return check(serviceId, customerRef, code, actor, TokenState.ACTIVE, null);
  }

  /**
   * Checks a code of a token in {@code expected}, for an operation named in the audit record.
   *
   * @param expected ACTIVATED for the start of use, ACTIVE otherwise
   * @param operation the operation's kind, or null
   */
  Outcome check(
      String serviceId,
      String customerRef,
      CharSequence code,
      Actor actor,
      TokenState expected,
      String operation) {
    Outcome outcome = doCheck(serviceId, customerRef, code, actor, expected, operation);
    verifications.get(outcome.result()).increment();
    return outcome;
  }

  /** The state a token is in while it takes codes, the one the check expects for it. */
  Optional<TokenState> stateOf(String serviceId, String customerRef) {
    return tokens.findOpen(serviceId, customerRef).map(TokenRow::state);
  }

  private Outcome doCheck(
      String serviceId,
      String customerRef,
      CharSequence code,
      Actor actor,
      TokenState expected,
      String operation) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Tenant t = tenant.get();
    TokenState next = TokenState.ACTIVE;
    String event = expected == TokenState.ACTIVATED ? "USE_STARTED" : "CODE_VERIFIED";
    int limit = t.otpFailuresBeforeLock();
    for (int attempt = 0; attempt < 2; attempt++) {
      // One statement takes the check and reads the token, locked until the check is settled.
      Outcome taken =
          tx.execute(
              s ->
                  tokens
                      .lockForCheck(serviceId, customerRef, expected, limit)
                      .map(
                          row ->
                              wellFormed(code, row.digits())
                                  ? settle(t, row, code, actor, expected, next, event, operation)
                                  : new Outcome(Result.MALFORMED, TokenRows.status(t, row)))
                      .orElse(null));
      if (taken != null) {
        return taken;
      }
      // Why not: no token, or one that is locked or in another state.
      Optional<TokenRow> found = tokens.findOpen(serviceId, customerRef);
      if (found.isEmpty()) {
        return tokens
            .findCustomer(serviceId, customerRef)
            .map(c -> new Outcome(Result.NOT_ACTIVE, TokenRows.status(t, c, null)))
            .orElse(new Outcome(Result.NOT_FOUND, null));
      }
      TokenRow row = found.get();
      if (row.state() == TokenState.LOCKED || row.failureCount() >= limit) {
        return new Outcome(Result.LOCKED, TokenRows.status(t, row));
      }
      if (row.state() != expected) {
        return new Outcome(Result.NOT_ACTIVE, TokenRows.status(t, row));
      }
      // It changed between the two statements (an unlock): take the check again, once.
    }
    return new Outcome(Result.NOT_ACTIVE, null);
  }

  private Outcome settle(
      Tenant t,
      TokenRow row,
      CharSequence code,
      Actor actor,
      TokenState expected,
      TokenState next,
      String event,
      String operation) {
    TotpParameters params =
        new TotpParameters(
            HmacAlgorithm.fromName(row.algorithm()),
            row.digits(),
            Duration.ofSeconds(row.periodSeconds()));
    Instant now = clock.instant();
    int max = t.maxDrift();
    int drift = row.drift();
    Verification v;
    byte[] raw =
        vault.decrypt(SEALED_PURPOSE, row.id(), row.secretKeyVersion(), row.secretCiphertext());
    try {
      v =
          new TotpVerifier(params, -DriftWindow.first(drift, max), DriftWindow.last(drift, max))
              .verify(Secret.of(raw), code, now, 0, row.lastStep());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    AuditLog.Subject subject = TokenRows.subject(row);
    if (v instanceof Verification.Accepted a) {
      int stored = DriftWindow.next(drift, a.drift(), max);
      String okDetail = detail(operation, a.drift() == 0 ? null : "drift " + a.drift());
      boolean accepted;
      if (expected == TokenState.ACTIVE && tokens.postgres()) {
        // The hot path on PostgreSQL: the step and its audit record in one statement.
        accepted =
            tokens.acceptStepRecorded(
                row.id(),
                a.step(),
                stored,
                now,
                audit.insertFrom("accepted", subject, actor, event, "OK", okDetail));
      } else {
        accepted = tokens.acceptStep(row.id(), expected, next, a.step(), stored, now);
        if (accepted) {
          audit.record(subject, actor, event, "OK", okDetail);
        }
      }
      if (!accepted) {
        audit.record(subject, actor, event, "REPLAYED", detail(operation, null));
        return new Outcome(Result.REPLAYED, TokenRows.status(t, row));
      }
      if (expected == TokenState.ACTIVATED) {
        events.publishEvent(TokenEvent.of(TokenEvent.Type.USE_STARTED, row, now, actor));
      }
      return new Outcome(Result.OK, TokenRows.status(t, TokenRows.withState(row, next, 0)));
    }
    Verification.Reason reason = ((Verification.Refused) v).reason();
    if (reason == Verification.Reason.MALFORMED) {
      return new Outcome(Result.MALFORMED, TokenRows.status(t, row));
    }
    if (reason == Verification.Reason.REPLAYED) {
      audit.record(subject, actor, event, "REPLAYED", detail(operation, null));
      return new Outcome(Result.REPLAYED, TokenRows.status(t, row));
    }
    tokens.countFailure(row.id(), expected, t.otpFailuresBeforeLock());
    audit.record(subject, actor, event, "WRONG_CODE", detail(operation, null));
    TokenRow after = tokens.findById(row.id()).orElse(row);
    if (after.state() == TokenState.LOCKED) {
      audit.record(subject, actor, "TOKEN_LOCKED", "OK", "after wrong codes");
      log.info("token {} locked after wrong codes", row.id());
      events.publishEvent(TokenEvent.of(TokenEvent.Type.LOCKED, row, now, actor));
      return new Outcome(Result.LOCKED, TokenRows.status(t, after));
    }
    return new Outcome(Result.WRONG_CODE, TokenRows.status(t, after));
  }

  private static boolean wellFormed(CharSequence code, int digits) {
    if (code == null || code.length() != digits) {
      return false;
    }
    for (int i = 0; i < digits; i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String detail(String operation, String more) {
    if (operation == null) {
      return more;
    }
    return more == null ? operation : operation + ", " + more;
  }
}

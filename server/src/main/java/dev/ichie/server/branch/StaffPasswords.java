package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PasswordHashing;
import dev.ichie.server.factor.PasswordLockout;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Staff passwords as a factor, under the same {@link PasswordLockout} as the customers'. An unknown
 * or inactive staff ID costs the same hash work and counts nowhere.
 */
@Component
@BranchEnabled
final class StaffPasswords implements Authenticator {

  private static final PasswordLockout.Columns COLUMNS =
      new PasswordLockout.Columns(
          "staff", "login_id", "failures", "in_flight", "locked", "password_hash");

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final BranchProperties properties;
  private final PasswordLockout lockout;

  StaffPasswords(
      JdbcClient jdbc, PasswordHashing hashing, AuditLog audit, BranchProperties properties) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.properties = properties;
    this.lockout = new PasswordLockout(jdbc, hashing, COLUMNS);
  }

  @Override
  public boolean checks(Factor factor) {
    return factor == Factor.STAFF_PASSWORD;
  }

  @Override
  public ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor) {
    Proof.Password password = (Proof.Password) proof;
    Optional<String> hash =
        properties.staffServiceId().equals(subject.serviceId())
            ? jdbc.sql("SELECT password_hash FROM staff WHERE login_id = ? AND active = TRUE")
                .param(subject.customerRef())
                .query(String.class)
                .optional()
            : Optional.empty();
    PasswordLockout.Check c =
        lockout.check(
            hash.isPresent() ? subject.customerRef() : null,
            password.value(),
            hash.orElse(null),
            properties.failuresBeforeLock());
    if (hash.isPresent()) {
      AuditLog.Subject s =
          new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null);
      switch (c.status()) {
        case OK -> audit.record(s, actor, "STAFF_LOGIN_PASSWORD", "OK", operation.kind());
        case WRONG ->
            audit.record(s, actor, "STAFF_LOGIN_PASSWORD", "WRONG_PASSWORD", operation.kind());
        case LOCKED ->
            audit.record(
                s,
                actor,
                c.lockedNow() ? "STAFF_LOGIN_PASSWORD" : "STAFF_LOGIN",
                c.lockedNow() ? "WRONG_PASSWORD" : "LOCKED",
                operation.kind());
        default ->
            audit.record(s, actor, "STAFF_LOGIN_PASSWORD", c.status().name(), operation.kind());
      }
    }
    return ProofResult.of(Factor.STAFF_PASSWORD, c.status(), c.failuresLeft());
  }
}

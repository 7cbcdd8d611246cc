package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorLockEvent;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PasswordHashing;
import dev.ichie.server.factor.PasswordLockout;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The web banking customers' two passwords as factors: the login password and the confirmation
 * password (確認用パスワード), each with its own count and lock (apart from the token's), under {@link
 * PasswordLockout}. An unknown customer costs the same hash work and counts nowhere.
 */
@Component
@NetbankEnabled
final class CustomerPasswords implements Authenticator {

  private static final PasswordLockout.Columns LOGIN =
      new PasswordLockout.Columns(
          "bank_customer",
          "id",
          "login_failures",
          "login_in_flight",
          "login_locked",
          "login_password_hash");
  private static final PasswordLockout.Columns CONFIRM =
      new PasswordLockout.Columns(
          "bank_customer",
          "id",
          "confirm_failures",
          "confirm_in_flight",
          "confirm_locked",
          "confirm_password_hash");

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final NetbankProperties properties;
  private final PasswordLockout login;
  private final PasswordLockout confirm;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CustomerPasswords(
      JdbcClient jdbc,
      PasswordHashing hashing,
      AuditLog audit,
      NetbankProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.events = events;
    this.clock = clock;
    this.jdbc = jdbc;
    this.audit = audit;
    this.properties = properties;
    this.login = new PasswordLockout(jdbc, hashing, LOGIN);
    this.confirm = new PasswordLockout(jdbc, hashing, CONFIRM);
  }

  @Override
  public boolean checks(Factor factor) {
    return factor == Factor.LOGIN_PASSWORD || factor == Factor.CONFIRMATION_PASSWORD;
  }

  @Override
  public ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor) {
    Proof.Password password = (Proof.Password) proof;
    boolean isLogin = password.factor() == Factor.LOGIN_PASSWORD;
    String column = isLogin ? "login_password_hash" : "confirm_password_hash";
    Optional<String> hash =
        properties.serviceId().equals(subject.serviceId())
            ? jdbc.sql("SELECT " + column + " FROM bank_customer WHERE id = ?")
                .param(subject.customerRef())
                .query(String.class)
                .optional()
            : Optional.empty();
    int limit =
        isLogin ? properties.loginFailuresBeforeLock() : properties.confirmFailuresBeforeLock();
    PasswordLockout.Check c =
        (isLogin ? login : confirm)
            .check(
                hash.isPresent() ? subject.customerRef() : null,
                password.value(),
                hash.orElse(null),
                limit);
    if (hash.isPresent()) {
      String event = isLogin ? "LOGIN_PASSWORD" : "CONFIRM_PASSWORD";
      String outcome =
          switch (c.status()) {
            case WRONG -> "WRONG_PASSWORD";
            case LOCKED -> c.lockedNow() ? "WRONG_PASSWORD" : "LOCKED";
            default -> c.status().name();
          };
      AuditLog.Subject s =
          new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, null);
      audit.record(s, actor, event, outcome, operation.kind());
      if (c.lockedNow()) {
        audit.record(s, actor, event + "_LOCKED", "OK", null);
        events.publishEvent(
            new FactorLockEvent(
                subject.serviceId(), subject.customerRef(), password.factor(), clock.instant()));
      }
    }
    return ProofResult.of(password.factor(), c.status(), c.failuresLeft());
  }
}

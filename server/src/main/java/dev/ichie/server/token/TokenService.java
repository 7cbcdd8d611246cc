package dev.ichie.server.token;

import dev.ichie.activation.ActivationVerifiers;
import dev.ichie.activation.VerifierRecord;
import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.MailAddresses;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.vault.SealedStore;
import dev.ichie.server.vault.Vault;
import dev.ichie.server.vault.VaultException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token service: the one Java interface through which the REST API, web banking, the branch
 * console and the activation endpoint change tokens. Every state change is one transaction with one
 * audit record; every code check follows ARCHITECTURE.md's verification rules. Thread-safe.
 */
@Service
public class TokenService implements SealedStore {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  private static final Pattern CUSTOMER_REF = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final String SEALED_PURPOSE = "token";

  private final TokenRepository tokens;
  private final AuditLog audit;
  private final Tenants tenants;
  private final Vault vault;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final SecureRandom random = new SecureRandom();

  TokenService(
      TokenRepository tokens,
      AuditLog audit,
      Tenants tenants,
      Vault vault,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.audit = audit;
    this.tenants = tenants;
    this.vault = vault;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  // ---------------------------------------------------------------------------------------------
  // Issuance (F1)

  /**
   * Issues a token to a customer (F1): assigns the customer a user ID on first issuance, stores the
   * SRP verifier of the activation password (never the password), and leaves the token ISSUED.
   *
   * @param serviceId the service
   * @param customerRef the bank's reference of the customer
   * @param mobileMail where the download link goes
   * @param activationPassword 4–8 digits, not trivial; not kept
   * @param actor who asks
   * @return OK with the status (service ID, user ID) or why not
   */
  public Outcome issue(
      String serviceId,
      String customerRef,
      String mobileMail,
      CharSequence activationPassword,
      Actor actor) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    if (!MailAddresses.valid(mobileMail)) {
      return new Outcome(Result.MALFORMED, null);
    }
    if (!ActivationPasswords.acceptable(activationPassword)) {
      return new Outcome(Result.WEAK_ACTIVATION_PASSWORD, null);
    }
    Tenant t = tenant.get();
    CustomerRow customer = customer(serviceId, customerRef);
    expireIfDue(serviceId, customerRef);
    Instant now = clock.instant();
    if (customer.reissueNotBefore() != null && now.isBefore(customer.reissueNotBefore())) {
      return new Outcome(Result.REISSUE_NOT_YET, status(t, customer, null));
    }
    if (tokens.findOpen(serviceId, customerRef).isPresent()) {
      return new Outcome(Result.TOKEN_EXISTS, currentStatus(t, customer));
    }
    VerifierRecord verifier =
        ActivationVerifiers.create(serviceId, customer.userId(), activationPassword, random);
    String tokenId = UUID.randomUUID().toString();
    TotpParameters p = t.totp();
    try {
      tx.executeWithoutResult(
          s -> {
            tokens.insert(
                tokenId,
                customer.id(),
                serviceId,
                p.algorithm().uriName(),
                p.digits(),
                (int) p.period().toSeconds(),
                mobileMail,
                verifier.salt(),
                verifier.verifier(),
                t.activationAttempts(),
                now,
                now.plus(t.issuanceLifetime()));
            audit.record(subject(customer, tokenId), actor, "TOKEN_ISSUED", "OK", null);
            publish(
                TokenEvent.Type.ISSUED,
                serviceId,
                customerRef,
                customer.userId(),
                tokenId,
                mobileMail,
                now,
                actor);
          });
    } catch (DuplicateKeyException e) {
      return new Outcome(Result.TOKEN_EXISTS, currentStatus(t, customer));
    }
    log.info("token {} issued to user {} of service {}", tokenId, customer.userId(), serviceId);
    return new Outcome(Result.OK, currentStatus(t, customer));
  }

  private CustomerRow customer(String serviceId, String customerRef) {
    Optional<CustomerRow> existing = tokens.findCustomer(serviceId, customerRef);
    if (existing.isPresent()) {
      return existing.get();
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      String userId = UserIds.next(random);
      try {
        tokens.insertCustomer(serviceId, customerRef, userId, clock.instant());
        return tokens.findCustomer(serviceId, customerRef).orElseThrow();
      } catch (DuplicateKeyException e) {
        Optional<CustomerRow> raced = tokens.findCustomer(serviceId, customerRef);
        if (raced.isPresent()) {
          return raced.get();
        }
      }
    }
    throw new IllegalStateException("no free user ID after 10 tries in service " + serviceId);
  }

  // ---------------------------------------------------------------------------------------------
  // Status

  /**
   * The customer's token as it stands.
   *
   * @param serviceId the service
   * @param customerRef the bank's reference of the customer
   * @return OK with the status (state null when no token is open), or NOT_FOUND for a customer the
   *     service does not know
   */
  public Outcome status(String serviceId, String customerRef) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    expireIfDue(serviceId, customerRef);
    return tokens
        .findCustomer(serviceId, customerRef)
        .map(c -> new Outcome(Result.OK, currentStatus(tenant.get(), c)))
        .orElse(new Outcome(Result.NOT_FOUND, null));
  }

  private TokenStatus currentStatus(Tenant t, CustomerRow c) {
    return status(t, c, tokens.findOpen(c.serviceId(), c.customerRef()).orElse(null));
  }

  static TokenStatus status(Tenant t, CustomerRow c, TokenRow row) {
    if (row == null) {
      return new TokenStatus(
          c.serviceId(),
          c.userId(),
          c.customerRef(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          c.reissueNotBefore());
    }
    return new TokenStatus(
        c.serviceId(),
        c.userId(),
        c.customerRef(),
        row.id(),
        row.state(),
        row.algorithm(),
        row.digits(),
        row.periodSeconds(),
        row.issuedAt(),
        row.expiresAt(),
        row.activationAttemptsLeft(),
        Math.max(0, t.otpFailuresBeforeLock() - row.failureCount()),
        row.deviceLabel(),
        row.lastUsedAt(),
        c.reissueNotBefore());
  }

  static TokenStatus status(Tenant t, TokenRow row) {
    return status(
        t,
        new CustomerRow(row.customerId(), row.serviceId(), row.customerRef(), row.userId(), null),
        row);
  }

  static TokenRow withState(TokenRow r, TokenState state, int failures) {
    return new TokenRow(
        r.id(),
        r.customerId(),
        r.serviceId(),
        r.customerRef(),
        r.userId(),
        state,
        r.algorithm(),
        r.digits(),
        r.periodSeconds(),
        r.mobileMail(),
        null,
        null,
        r.activationAttemptsLeft(),
        r.issuedAt(),
        r.expiresAt(),
        null,
        null,
        r.credentialId(),
        r.deviceLabel(),
        r.startedAt(),
        r.lastUsedAt(),
        r.drift(),
        r.lastStep(),
        failures);
  }

  // ---------------------------------------------------------------------------------------------
  // Deactivation (F6) and branch recovery (F8)

  /**
   * Deactivates the customer's token (F6): it is revoked, its secret deleted, and a new token can
   * be issued from 00:00 of the next day in the service's time zone.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param actor who asks
   * @return OK, NOT_ACTIVE (no open token) or NOT_FOUND
   */
  public Outcome deactivate(String serviceId, String customerRef, Actor actor) {
    return revoke(serviceId, customerRef, actor, "TOKEN_REVOKED", false);
  }

  /**
   * Resets the customer's token from the branch (F8): revoked like a deactivation.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param waiveNextDay whether the customer may re-issue at once
   * @param actor the approving staff member
   * @return OK, NOT_ACTIVE or NOT_FOUND
   */
  public Outcome reset(String serviceId, String customerRef, boolean waiveNextDay, Actor actor) {
    return revoke(serviceId, customerRef, actor, "TOKEN_RESET", waiveNextDay);
  }

  private Outcome revoke(
      String serviceId, String customerRef, Actor actor, String event, boolean waiveNextDay) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Tenant t = tenant.get();
    expireIfDue(serviceId, customerRef);
    Optional<CustomerRow> customer = tokens.findCustomer(serviceId, customerRef);
    if (customer.isEmpty()) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Optional<TokenRow> open = tokens.findOpen(serviceId, customerRef);
    if (open.isEmpty()) {
      return new Outcome(Result.NOT_ACTIVE, currentStatus(t, customer.get()));
    }
    TokenRow row = open.get();
    Instant now = clock.instant();
    Instant notBefore = waiveNextDay ? null : startOfNextDay(t, now);
    Boolean done =
        tx.execute(
            s -> {
              if (!tokens.revoke(row.id(), row.state(), now)) {
                return false;
              }
              tokens.setReissueNotBefore(row.customerId(), notBefore);
              audit.record(subject(row), actor, event, "OK", "from " + row.state());
              publish(
                  "TOKEN_RESET".equals(event) ? TokenEvent.Type.RESET : TokenEvent.Type.REVOKED,
                  row,
                  now,
                  actor);
              return true;
            });
    CustomerRow after = tokens.findCustomer(serviceId, customerRef).orElseThrow();
    return new Outcome(
        Boolean.TRUE.equals(done) ? Result.OK : Result.ILLEGAL_STATE, currentStatus(t, after));
  }

  /**
   * The first instant of the next calendar day in the service's time zone.
   *
   * @param t the service
   * @param now the current instant
   * @return 00:00 of the next day there
   */
  static Instant startOfNextDay(Tenant t, Instant now) {
    LocalDate today = now.atZone(t.timeZone()).toLocalDate();
    return today.plusDays(1).atStartOfDay(t.timeZone()).toInstant();
  }

  /**
   * Unlocks a LOCKED token from the branch (F8): the customer keeps the same app.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param actor the approving staff member
   * @return OK, ILLEGAL_STATE (not locked) or NOT_FOUND
   */
  public Outcome unlock(String serviceId, String customerRef, Actor actor) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || !validCustomerRef(customerRef)) {
      return new Outcome(Result.NOT_FOUND, null);
    }
    Optional<TokenRow> open = tokens.findOpen(serviceId, customerRef);
    if (open.isEmpty()) {
      return status(serviceId, customerRef).result() == Result.NOT_FOUND
          ? new Outcome(Result.NOT_FOUND, null)
          : new Outcome(Result.ILLEGAL_STATE, status(serviceId, customerRef).status());
    }
    TokenRow row = open.get();
    if (row.state() != TokenState.LOCKED) {
      return new Outcome(Result.ILLEGAL_STATE, status(tenant.get(), row));
    }
    TokenState to = row.startedAt() == null ? TokenState.ACTIVATED : TokenState.ACTIVE;
    Boolean done =
        tx.execute(
            s -> {
              if (!tokens.unlock(row.id(), to)) {
                return false;
              }
              audit.record(subject(row), actor, "TOKEN_UNLOCKED", "OK", "to " + to);
              publish(TokenEvent.Type.UNLOCKED, row, clock.instant(), actor);
              return true;
            });
    return new Outcome(
        Boolean.TRUE.equals(done) ? Result.OK : Result.ILLEGAL_STATE,
        status(serviceId, customerRef).status());
  }

  // ---------------------------------------------------------------------------------------------
  // Expiry

  /**
   * Ends every issuance whose lifetime has passed (ISSUED → EXPIRED), one transaction each.
   *
   * @return how many expired
   */
  public int expireDue() {
    int n = 0;
    for (String id : tokens.findIssuedExpiredBefore(clock.instant(), 500)) {
      if (expire(id)) {
        n++;
      }
    }
    return n;
  }

  private void expireIfDue(String serviceId, String customerRef) {
    tokens
        .findOpen(serviceId, customerRef)
        .filter(r -> r.state() == TokenState.ISSUED && !clock.instant().isBefore(r.expiresAt()))
        .ifPresent(r -> expire(r.id()));
  }

  private boolean expire(String tokenId) {
    Boolean done =
        tx.execute(
            s -> {
              Optional<TokenRow> row = tokens.findById(tokenId);
              if (row.isEmpty()
                  || !tokens.transition(
                      tokenId, TokenState.ISSUED, TokenState.EXPIRED, clock.instant())) {
                return false;
              }
              audit.record(subject(row.get()), Actor.SYSTEM, "TOKEN_EXPIRED", "OK", null);
              publish(TokenEvent.Type.EXPIRED, row.get(), clock.instant(), Actor.SYSTEM);
              return true;
            });
    return Boolean.TRUE.equals(done);
  }

  // ---------------------------------------------------------------------------------------------
  // Activation support, for the activation endpoint

  /**
   * An issuance waiting for its app: what the activation endpoint needs to run SRP.
   *
   * @param tokenId the token
   * @param serviceId the service
   * @param userId the user ID
   * @param verifier the SRP salt and verifier
   */
  public record ActivationTarget(
      String tokenId, String serviceId, String userId, VerifierRecord verifier) {}

  /**
   * The ISSUED token of a user, if it can still be activated (not expired, attempts left).
   *
   * @param serviceId the service
   * @param userId the user ID
   * @return the target, or empty
   */
  public Optional<ActivationTarget> activationTarget(String serviceId, String userId) {
    Optional<TokenRow> row = tokens.findOpenByUserId(serviceId, userId);
    if (row.isEmpty() || row.get().state() != TokenState.ISSUED) {
      return Optional.empty();
    }
    TokenRow r = row.get();
    if (!clock.instant().isBefore(r.expiresAt())) {
      expire(r.id());
      return Optional.empty();
    }
    if (r.activationAttemptsLeft() <= 0 || r.srpSalt() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ActivationTarget(
            r.id(), serviceId, userId, new VerifierRecord(r.srpSalt(), r.srpVerifier())));
  }

  /**
   * Takes one activation attempt off an issuance, durably, before the caller looks at M1.
   *
   * @param tokenId the token
   * @return true if an attempt was taken; false if none was left or the issuance is no longer open
   */
  public boolean takeActivationAttempt(String tokenId) {
    return Boolean.TRUE.equals(
        tx.execute(s -> tokens.takeActivationAttempt(tokenId, clock.instant())));
  }

  /**
   * Records a wrong activation password; at zero attempts left the issuance becomes VOID.
   *
   * @param tokenId the token
   * @param actor the token app
   */
  public void activationFailed(String tokenId, Actor actor) {
    tx.executeWithoutResult(
        s -> {
          Optional<TokenRow> row = tokens.findById(tokenId);
          if (row.isEmpty()) {
            return;
          }
          audit.record(subject(row.get()), actor, "ACTIVATION_FAILED", "WRONG_PASSWORD", null);
          if (row.get().state() == TokenState.ISSUED
              && tokens.activationAttemptsLeft(tokenId) <= 0
              && tokens.transition(tokenId, TokenState.ISSUED, TokenState.VOID, clock.instant())) {
            audit.record(subject(row.get()), Actor.SYSTEM, "TOKEN_VOID", "OK", "no attempts left");
            publish(TokenEvent.Type.VOID, row.get(), clock.instant(), Actor.SYSTEM);
          }
        });
  }

  /**
   * Completes an activation: stores the token secret encrypted, deletes the verifier, and moves the
   * token to ACTIVATED, in one transaction.
   *
   * @param tokenId the token
   * @param secret the derived token secret; not kept
   * @param credentialId the credential id given to the app
   * @param deviceLabel the app's device label
   * @param actor the token app
   * @return true if activated; false if the issuance was no longer ISSUED
   */
  public boolean completeActivation(
      String tokenId, Secret secret, String credentialId, String deviceLabel, Actor actor) {
    byte[] raw = secret.bytes(dev.ichie.otp.SecretAccess.get());
    Vault.Sealed sealed;
    try {
      sealed = vault.seal(SEALED_PURPOSE, tokenId, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    Boolean done =
        tx.execute(
            s -> {
              Optional<TokenRow> row = tokens.findById(tokenId);
              if (row.isEmpty()
                  || !tokens.activate(
                      tokenId,
                      sealed.ciphertext(),
                      sealed.keyVersion(),
                      credentialId,
                      deviceLabel,
                      clock.instant())) {
                return false;
              }
              audit.record(subject(row.get()), actor, "TOKEN_ACTIVATED", "OK", null);
              publish(TokenEvent.Type.ACTIVATED, row.get(), clock.instant(), actor);
              return true;
            });
    return Boolean.TRUE.equals(done);
  }

  /**
   * The display name of a service.
   *
   * @param serviceId the service
   * @return its name, or the ID if unknown
   */
  public String serviceName(String serviceId) {
    return tenants.find(serviceId).map(Tenant::displayName).orElse(serviceId);
  }

  /**
   * Customers whose user ID is the text, or whose mobile mail address (of any token) was it.
   *
   * @param serviceId the service
   * @param text a user ID or a mail address
   * @param limit at most this many
   * @return their customer references
   */
  public List<String> findCustomers(String serviceId, String text, int limit) {
    if (text == null || text.isBlank() || text.length() > 254) {
      return List.of();
    }
    return tokens.customerRefsByUserIdOrMail(serviceId, text.strip(), limit);
  }

  /**
   * The mobile mail address the customer gave for their newest token, to notify them.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @return the address, if they ever had a token
   */
  public Optional<String> mobileMail(String serviceId, String customerRef) {
    return validCustomerRef(customerRef)
        ? tokens.latestMobileMail(serviceId, customerRef)
        : Optional.empty();
  }

  /**
   * Every mobile mail address the customer gave, newest first (at most ten), to tell each of them
   * of a change to their factors.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @return the addresses, without repeats
   */
  public List<String> mailAddresses(String serviceId, String customerRef) {
    return validCustomerRef(customerRef)
        ? tokens.mailAddresses(serviceId, customerRef, 10)
        : List.of();
  }

  /**
   * The time zone of a service, for showing times.
   *
   * @param serviceId the service
   * @return its zone, Asia/Tokyo if unknown
   */
  public java.time.ZoneId timeZone(String serviceId) {
    return tenants.find(serviceId).map(Tenant::timeZone).orElse(java.time.ZoneId.of("Asia/Tokyo"));
  }

  /**
   * The token parameters of an issuance.
   *
   * @param tokenId the token
   * @return its TOTP parameters
   */
  public Optional<TotpParameters> parameters(String tokenId) {
    return tokens
        .findById(tokenId)
        .map(
            r ->
                new TotpParameters(
                    HmacAlgorithm.fromName(r.algorithm()),
                    r.digits(),
                    Duration.ofSeconds(r.periodSeconds())));
  }

  // ---------------------------------------------------------------------------------------------
  // Audit trail, key rotation

  /**
   * The customer's audit trail, oldest first.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param limit at most this many of the newest records
   * @return the records, or empty if the customer is unknown
   */
  public Optional<List<AuditEvent>> auditTrail(String serviceId, String customerRef, int limit) {
    if (tenants.find(serviceId).isEmpty() || !validCustomerRef(customerRef)) {
      return Optional.empty();
    }
    if (tokens.findCustomer(serviceId, customerRef).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(audit.trail(serviceId, customerRef, limit));
  }

  @Override
  public int reencrypt(Vault target) {
    int current = target.currentVersion();
    int done = 0;
    String after = "";
    while (true) {
      List<TokenRepository.SealedRow> rows = tokens.sealedBefore(current, after, 200);
      if (rows.isEmpty()) {
        return done;
      }
      for (TokenRepository.SealedRow r : rows) {
        after = r.id();
        byte[] raw;
        try {
          raw = target.decrypt(SEALED_PURPOSE, r.id(), r.keyVersion(), r.ciphertext());
        } catch (VaultException e) {
          log.error(
              "token {}: its secret does not decrypt under key version {}; left as is",
              r.id(),
              r.keyVersion());
          continue;
        }
        try {
          byte[] again = target.encrypt(SEALED_PURPOSE, r.id(), current, raw);
          if (tokens.replaceSealed(r.id(), r.keyVersion(), again, current)) {
            done++;
          }
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
      }
    }
  }

  private void publish(TokenEvent.Type type, TokenRow row, Instant at, Actor actor) {
    events.publishEvent(TokenEvent.of(type, row, at, actor));
  }

  private void publish(
      TokenEvent.Type type,
      String serviceId,
      String customerRef,
      String userId,
      String tokenId,
      String mobileMail,
      Instant at,
      Actor actor) {
    events.publishEvent(
        new TokenEvent(type, serviceId, customerRef, userId, tokenId, mobileMail, at, actor));
  }

  static boolean validCustomerRef(String customerRef) {
    return customerRef != null && CUSTOMER_REF.matcher(customerRef).matches();
  }

  static AuditLog.Subject subject(TokenRow row) {
    return new AuditLog.Subject(row.serviceId(), row.customerRef(), row.userId(), row.id());
  }

  private static AuditLog.Subject subject(CustomerRow c, String tokenId) {
    return new AuditLog.Subject(c.serviceId(), c.customerRef(), c.userId(), tokenId);
  }
}

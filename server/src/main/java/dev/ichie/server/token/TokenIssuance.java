package dev.ichie.server.token;

import dev.ichie.activation.ActivationVerifiers;
import dev.ichie.activation.VerifierRecord;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.MailAddresses;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.vault.Vault;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues tokens (F1): assigns the customer a user ID on first issuance, keeps the SRP verifier of
 * the activation password (never the password), and leaves the token ISSUED. Thread-safe.
 */
@Service
public final class TokenIssuance {

  private final TokenRepository tokens;
  private final TokenExpiry expiry;
  private final AuditLog audit;
  private final Tenants tenants;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  TokenIssuance(
      TokenRepository tokens,
      TokenExpiry expiry,
      AuditLog audit,
      Tenants tenants,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      Vault vault) {
    this.vault = vault;
    this.tokens = tokens;
    this.expiry = expiry;
    this.audit = audit;
    this.tenants = tenants;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  private static final Logger log = LoggerFactory.getLogger(TokenIssuance.class);
  private final Vault vault;
  private final SecureRandom random = new SecureRandom();

  /**
   * Issues a token to a customer (F1): assigns the customer a user ID on first issuance, stores the
   * SRP verifier of the activation password sealed by the vault (never the password), and leaves
   * the token ISSUED.
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
    if (tenant.isEmpty() || !TokenRows.validCustomerRef(customerRef)) {
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
    expiry.expireIfDue(serviceId, customerRef);
    Instant now = clock.instant();
    if (customer.reissueNotBefore() != null && now.isBefore(customer.reissueNotBefore())) {
      return new Outcome(Result.REISSUE_NOT_YET, TokenRows.status(t, customer, null));
    }
    if (tokens.findOpen(serviceId, customerRef).isPresent()) {
      return new Outcome(Result.TOKEN_EXISTS, TokenRows.currentStatus(tokens, t, customer));
    }
    VerifierRecord verifier =
        ActivationVerifiers.create(serviceId, customer.userId(), activationPassword, random);
    String tokenId = UUID.randomUUID().toString();
    // Sealed like the secret: a copy of the database alone allows no search of the password.
    Vault.Sealed sealedVerifier =
        vault.seal(TokenSecrets.VERIFIER_PURPOSE, tokenId, verifier.verifier());
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
                sealedVerifier.ciphertext(),
                sealedVerifier.keyVersion(),
                t.activationAttempts(),
                now,
                now.plus(t.issuanceLifetime()));
            audit.record(TokenRows.subject(customer, tokenId), actor, "TOKEN_ISSUED", "OK", null);
            events.publishEvent(
                new TokenEvent(
                    TokenEvent.Type.ISSUED,
                    serviceId,
                    customerRef,
                    customer.userId(),
                    tokenId,
                    mobileMail,
                    now,
                    actor));
          });
    } catch (DuplicateKeyException e) {
      return new Outcome(Result.TOKEN_EXISTS, TokenRows.currentStatus(tokens, t, customer));
    }
    log.info("token {} issued to user {} of service {}", tokenId, customer.userId(), serviceId);
    return new Outcome(Result.OK, TokenRows.currentStatus(tokens, t, customer));
  }

  /**
   * The customer's row in a service, made with a fresh user ID on first use: a passkey may come
   * before any token.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @return the row's id, or empty for a reference that is not a customer reference
   */
  public Optional<Long> enrol(String serviceId, String customerRef) {
    if (!TokenRows.validCustomerRef(customerRef)) {
      return Optional.empty();
    }
    return Optional.of(customer(serviceId, customerRef).id());
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
}

package dev.ichie.server.passkey;

import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Challenges;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenIssuance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The WebAuthn ceremonies of a service's relying party: the options of a registration and of an
 * assertion (each with a challenge kept server-side and answered once), and a registration's result
 * checked by every rule of PASSKEYS.md (type, challenge, origin, rpIdHash, user present and
 * verified, signature) before the passkey is stored. Assertions are checked by the passkey
 * authenticator of the factor layer. Thread-safe.
 */
@Service
public final class PasskeyCeremonies {

  /** How long a ceremony's options stay valid. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private static final Operation ADD =
      new Operation.FactorChange(Operation.FactorChange.Change.ADD_PASSKEY);
  private static final List<PublicKeyCredentialParameters> ALGORITHMS =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  /**
   * What the browser's {@code navigator.credentials.create} needs.
   *
   * @param challengeId the challenge to send back with the result
   * @param rpId the relying party ID
   * @param rpName its name
   * @param userHandle the customer's WebAuthn user handle, base64url
   * @param userName the name the authenticator shows for the account
   * @param challenge the bytes to sign, base64url
   * @param excludeCredentials the customer's passkeys, base64url, not to register twice
   */
  public record CreationOptions(
      String challengeId,
      String rpId,
      String rpName,
      String userHandle,
      String userName,
      String challenge,
      List<String> excludeCredentials) {}

  /**
   * What the browser's {@code navigator.credentials.get} needs.
   *
   * @param challengeId the challenge to send back with the assertion
   * @param rpId the relying party ID
   * @param challenge the bytes to sign, base64url
   * @param allowCredentials the customer's passkeys, base64url
   */
  public record RequestOptions(
      String challengeId, String rpId, String challenge, List<String> allowCredentials) {}

  /**
   * A passkey as the customer sees it.
   *
   * @param id its credential's id, to rename or remove it
   * @param label its name
   * @param state ACTIVE or LOCKED
   * @param createdAt when registered
   * @param lastUsedAt its last accepted assertion, or null
   * @param synced whether the authenticator syncs it (backed up)
   */
  public record PasskeyView(
      String id,
      String label,
      String state,
      java.time.Instant createdAt,
      java.time.Instant lastUsedAt,
      boolean synced) {}

  /**
   * The customer's passkeys.
   *
   * @param subject the customer
   * @return them, oldest first
   */
  public List<PasskeyView> list(Subject subject) {
    return passkeys.list(subject.serviceId(), subject.customerRef());
  }

  /** How a removal ended. */
  public enum Removal {
    /** The passkey is removed. */
    OK,
    /** No such passkey of this customer (or removed already). */
    NOT_FOUND,
    /** It is the customer's last passkey and the service requires one. */
    LAST
  }

  /** How a registration ended. */
  public enum Registration {
    /** The passkey is stored. */
    OK,
    /** The challenge is unknown, of someone else, expired or already answered. */
    EXPIRED,
    /** The response is not a WebAuthn registration. */
    MALFORMED,
    /** A check failed (origin, rpIdHash, user verification, signature, type, challenge). */
    REFUSED,
    /** That credential is registered already. */
    DUPLICATE,
    /** No such customer or service. */
    NOT_FOUND
  }

  private final RelyingParties parties;
  private final Passkeys passkeys;
  private final Challenges challenges;
  private final Tenants tenants;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final FactorCheck factors;
  private final TokenIssuance issuance;
  private final SecureRandom random = new SecureRandom();

  PasskeyCeremonies(
      RelyingParties parties,
      Passkeys passkeys,
      Challenges challenges,
      Tenants tenants,
      AuditLog audit,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      FactorCheck factors,
      TokenIssuance issuance) {
    this.factors = factors;
    this.issuance = issuance;
    this.events = events;
    this.parties = parties;
    this.passkeys = passkeys;
    this.challenges = challenges;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Starts a registration for a customer of the service (the caller knows them: a session of
   * theirs, or the bank's own system); their row is made if they hold nothing yet.
   *
   * @param subject the customer
   * @param userName what the authenticator shows for the account
   * @return the options, or empty for an unknown service
   */
  public Optional<CreationOptions> startRegistration(Subject subject, String userName) {
    Optional<Tenant> tenant = tenants.find(subject.serviceId());
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> customer = issuance.enrol(subject.serviceId(), subject.customerRef());
    if (customer.isEmpty()) {
      return Optional.empty();
    }
    byte[] nonce = nonce(null);
    String id = challenges.create(subject, ADD, Set.of(), LIFETIME, nonce);
    return Optional.of(
        new CreationOptions(
            id,
            tenant.get().relyingParty().id(),
            tenant.get().relyingParty().name(),
            RelyingParties.base64url(passkeys.userHandle(customer.get())),
            userName,
            RelyingParties.base64url(nonce),
            passkeys.credentialIds(subject.serviceId(), subject.customerRef())));
  }

  /**
   * Checks a registration's result and stores the passkey.
   *
   * @param challengeId the options' challenge
   * @param subject the customer
   * @param responseJson the browser's {@code PublicKeyCredential.toJSON()}
   * @param label the customer's name for the passkey
   * @param actor who, from where
   * @return how it ended
   */
  public Registration finishRegistration(
      String challengeId, Subject subject, String responseJson, String label, Actor actor) {
    Optional<Tenant> tenant = tenants.find(subject.serviceId());
    Optional<Long> customer = passkeys.customerId(subject.serviceId(), subject.customerRef());
    if (tenant.isEmpty() || customer.isEmpty()) {
      return Registration.NOT_FOUND;
    }
    Optional<Challenges.Challenge> c = challenges.find(challengeId);
    if (c.isEmpty()
        || !c.get().isFor(subject, ADD)
        || c.get().nonce() == null
        || !challenges.answer(challengeId)) {
      return record(subject, actor, null, Registration.EXPIRED, null);
    }
    RegistrationData data;
    try {
      data = parties.manager().parseRegistrationResponseJSON(responseJson);
    } catch (RuntimeException e) {
      return record(subject, actor, null, Registration.MALFORMED, null);
    }
    try {
      parties
          .manager()
          .verify(
              data,
              new RegistrationParameters(
                  parties.server(tenant.get(), c.get().nonce()), ALGORITHMS, true, true));
    } catch (VerificationException e) {
      return record(subject, actor, null, Registration.REFUSED, e.getClass().getSimpleName());
    }
    AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData attested = authData.getAttestedCredentialData();
    String id = UUID.randomUUID().toString();
    String name = label == null || label.isBlank() ? "passkey" : label.strip();
    String credentialId = RelyingParties.base64url(attested.getCredentialId());
    Set<AuthenticatorTransport> transports = data.getTransports();
    try {
      tx.executeWithoutResult(
          s -> {
            passkeys.insert(
                id,
                subject.serviceId(),
                customer.get(),
                name,
                credentialId,
                parties.attested().convert(attested),
                authData.getSignCount(),
                attested.getAaguid().toString(),
                authData.isFlagBE(),
                authData.isFlagBS(),
                transports == null
                    ? null
                    : transports.stream()
                        .map(AuthenticatorTransport::getValue)
                        .sorted()
                        .collect(Collectors.joining(",")),
                clock.instant());
            record(subject, actor, id, Registration.OK, authData.isFlagBS() ? "synced" : null);
            events.publishEvent(
                new PasskeyEvent(
                    PasskeyEvent.Type.ADDED,
                    subject.serviceId(),
                    subject.customerRef(),
                    name,
                    clock.instant()));
          });
    } catch (DuplicateKeyException e) {
      return record(subject, actor, null, Registration.DUPLICATE, null);
    }
    return Registration.OK;
  }

  /**
   * Starts an assertion for a customer, for one operation; when bound, the bytes to sign end with
   * the SHA-256 of the operation's canonical bytes, so that the assertion is for it alone.
   *
   * @param subject the customer
   * @param operation what it is for
   * @param bound whether the challenge is bound to the operation
   * @return the options, or empty for an unknown service
   */
  public Optional<RequestOptions> startAssertion(
      Subject subject, Operation operation, boolean bound) {
    Optional<Tenant> tenant = tenants.find(subject.serviceId());
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    byte[] nonce = nonce(bound ? operation.hash() : null);
    String id = challenges.create(subject, operation, Set.of(), LIFETIME, nonce);
    return Optional.of(
        new RequestOptions(
            id,
            tenant.get().relyingParty().id(),
            RelyingParties.base64url(nonce),
            passkeys.credentialIds(subject.serviceId(), subject.customerRef())));
  }

  /**
   * Starts an assertion before anyone is named (usernameless login, autofill): no credential is
   * listed, so the options tell nothing about any customer; the passkey chosen names the customer.
   *
   * @param serviceId the service
   * @param operation what it is for
   * @return the options, or empty for an unknown service
   */
  public Optional<RequestOptions> startUsernameless(String serviceId, Operation operation) {
    return startAssertion(new Subject(serviceId, ""), operation, false);
  }

  /**
   * The customer an assertion's passkey belongs to, when the user handle it carries is theirs: what
   * names the customer of a usernameless login. The assertion itself is checked by the factor layer
   * afterwards.
   *
   * @param serviceId the service
   * @param responseJson the browser's {@code PublicKeyCredential.toJSON()}
   * @return the customer reference, or empty for an unknown passkey or a foreign user handle
   */
  public Optional<String> owner(String serviceId, String responseJson) {
    AuthenticationData data;
    try {
      data = parties.manager().parseAuthenticationResponseJSON(responseJson);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (data.getCredentialId() == null) {
      return Optional.empty();
    }
    Optional<Passkeys.Row> row =
        passkeys.byCredentialId(serviceId, RelyingParties.base64url(data.getCredentialId()));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    byte[] handle = data.getUserHandle();
    if (handle != null
        && !Arrays.equals(handle, passkeys.userHandleOf(serviceId, row.get().customerRef()))) {
      return Optional.empty();
    }
    return Optional.of(row.get().customerRef());
  }

  /**
   * Renames one of the customer's passkeys.
   *
   * @param subject the customer
   * @param passkeyId the passkey's credential id
   * @param label the new name, 1–40 characters
   * @param actor who, from where
   * @return whether it was theirs and is renamed
   */
  public boolean rename(Subject subject, String passkeyId, String label, Actor actor) {
    String name = label == null ? "" : label.strip();
    if (name.isEmpty() || name.length() > 40 || !passkeys.rename(subject, passkeyId, name)) {
      return false;
    }
    audit.record(
        new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, passkeyId),
        actor,
        "PASSKEY_RENAMED",
        "OK",
        null);
    return true;
  }

  /**
   * Removes one of the customer's passkeys, or all of them. The customer cannot remove their last
   * usable passkey while the service requires one; the branch can. Checked and done under a lock of
   * the customer's row, so that two removals at once cannot both take the last but one.
   *
   * @param subject the customer
   * @param passkeyId the passkey's credential id, or null for all of them (branch only)
   * @param byBranch whether the branch removes it (after dual control)
   * @param actor who, from where
   * @return how it ended
   */
  public Removal remove(Subject subject, String passkeyId, boolean byBranch, Actor actor) {
    if (passkeyId == null && !byBranch) {
      return Removal.NOT_FOUND;
    }
    boolean keepOne = !byBranch && factors.policy(subject.serviceId()).phishingResistantRequired();
    return tx.execute(
        s -> {
          Optional<Long> customer = passkeys.lockCustomer(subject);
          if (customer.isEmpty()) {
            return Removal.NOT_FOUND;
          }
          List<Passkeys.Live> live = passkeys.live(customer.get());
          List<Passkeys.Live> gone =
              live.stream().filter(p -> passkeyId == null || p.id().equals(passkeyId)).toList();
          if (gone.isEmpty()) {
            return Removal.NOT_FOUND;
          }
          long usableLeft =
              live.stream().filter(p -> !gone.contains(p) && "ACTIVE".equals(p.state())).count();
          if (keepOne && usableLeft == 0) {
            audit.record(
                new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, passkeyId),
                actor,
                "PASSKEY_REMOVED",
                "LAST",
                null);
            return Removal.LAST;
          }
          for (Passkeys.Live p : gone) {
            passkeys.end(p.id(), clock.instant());
            audit.record(
                new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, p.id()),
                actor,
                "PASSKEY_REMOVED",
                "OK",
                byBranch ? "branch" : null);
            events.publishEvent(
                new PasskeyEvent(
                    PasskeyEvent.Type.REMOVED,
                    subject.serviceId(),
                    subject.customerRef(),
                    p.label(),
                    clock.instant()));
          }
          return Removal.OK;
        });
  }

  private byte[] nonce(byte[] operationHash) {
    byte[] random16 = new byte[16];
    random.nextBytes(random16);
    if (operationHash == null) {
      return random16;
    }
    byte[] both = Arrays.copyOf(random16, 16 + operationHash.length);
    System.arraycopy(operationHash, 0, both, 16, operationHash.length);
    return both;
  }

  private Registration record(
      Subject subject, Actor actor, String credentialId, Registration outcome, String detail) {
    audit.record(
        new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, credentialId),
        actor,
        "PASSKEY_REGISTERED",
        outcome.name(),
        detail);
    return outcome;
  }
}

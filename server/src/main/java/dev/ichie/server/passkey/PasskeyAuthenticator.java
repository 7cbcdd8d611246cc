package dev.ichie.server.passkey;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.Challenges;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The passkey's authenticator: an assertion proves {@link Factor#PASSKEY}, or {@link
 * Factor#PASSKEY_BOUND} when its challenge ends with the SHA-256 of this very operation. The
 * challenge (made for this customer, or before anyone was named) is answered once before anything
 * else is looked at; then the credential, and the user handle when sent, must be this customer's,
 * and webauthn4j checks type, challenge, origin, rpIdHash, user presence and verification, and the
 * signature. A signature counter that goes back locks that passkey.
 */
@Component
final class PasskeyAuthenticator implements Authenticator {

  private final RelyingParties parties;
  private final Passkeys passkeys;
  private final Challenges challenges;
  private final Tenants tenants;
  private final AuditLog audit;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  PasskeyAuthenticator(
      RelyingParties parties,
      Passkeys passkeys,
      Challenges challenges,
      Tenants tenants,
      AuditLog audit,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.tx = tx;
    this.events = events;
    this.parties = parties;
    this.passkeys = passkeys;
    this.challenges = challenges;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean checks(Factor factor) {
    return factor == Factor.PASSKEY || factor == Factor.PASSKEY_BOUND;
  }

  @Override
  public ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor) {
    Proof.PasskeyAssertion p = (Proof.PasskeyAssertion) proof;
    Optional<Tenant> tenant = tenants.find(subject.serviceId());
    Optional<Challenges.Challenge> c = challenges.find(p.challengeId());
    if (tenant.isEmpty()
        || c.isEmpty()
        || !c.get().isForOrUnnamed(subject, operation)
        || c.get().nonce() == null
        || (p.bound() && !boundTo(c.get().nonce(), operation))
        || !c.get().expiresAt().isAfter(clock.instant())
        || !challenges.answer(p.challengeId())) {
      return refused(subject, actor, operation, p, null, "CHALLENGE");
    }
    AuthenticationData data;
    try {
      data = parties.manager().parseAuthenticationResponseJSON(p.responseJson());
    } catch (RuntimeException e) {
      return new ProofResult(p.factor(), ProofResult.Status.MALFORMED, "MALFORMED", null, null);
    }
    Optional<Passkeys.Row> row =
        passkeys.byCredentialId(
            subject.serviceId(), RelyingParties.base64url(data.getCredentialId()));
    if (row.isEmpty() || !row.get().customerRef().equals(subject.customerRef())) {
      return refused(subject, actor, operation, p, null, "CREDENTIAL");
    }
    byte[] handle = data.getUserHandle();
    if (handle != null
        && !Arrays.equals(
            handle, passkeys.userHandleOf(subject.serviceId(), subject.customerRef()))) {
      return refused(subject, actor, operation, p, row.get().id(), "USER_HANDLE");
    }
    Passkeys.Row r = row.get();
    if (!"ACTIVE".equals(r.state())) {
      return new ProofResult(
          p.factor(),
          "LOCKED".equals(r.state()) ? ProofResult.Status.LOCKED : ProofResult.Status.NOT_AVAILABLE,
          r.state(),
          null,
          null);
    }
    CredentialRecordImpl record =
        new CredentialRecordImpl(
            new NoneAttestationStatement(),
            r.uvInitialized(),
            r.backupEligible(),
            r.backupState(),
            r.signCount(),
            parties.decode(r.id(), r.attested()),
            null,
            null,
            null,
            null);
    try {
      parties
          .manager()
          .verify(
              data,
              new AuthenticationParameters(
                  parties.server(tenant.get(), c.get().nonce()),
                  record,
                  List.of(data.getCredentialId()),
                  true,
                  true));
    } catch (MaliciousCounterValueException e) {
      tx.executeWithoutResult(
          s -> {
            if (passkeys.lock(r.id())) {
              audit.record(
                  subject(subject, r.id()), actor, "PASSKEY_LOCKED", "OK", "counter went back");
              events.publishEvent(
                  new PasskeyEvent(
                      PasskeyEvent.Type.LOCKED,
                      subject.serviceId(),
                      subject.customerRef(),
                      passkeys.label(r.id()),
                      clock.instant()));
            }
          });
      return new ProofResult(p.factor(), ProofResult.Status.LOCKED, "LOCKED", null, null);
    } catch (VerificationException e) {
      return refused(subject, actor, operation, p, r.id(), e.getClass().getSimpleName());
    }
    var authData = data.getAuthenticatorData();
    if (!passkeys.used(r.id(), authData.getSignCount(), authData.isFlagBS(), clock.instant())) {
      return new ProofResult(p.factor(), ProofResult.Status.LOCKED, "LOCKED", null, null);
    }
    audit.record(subject(subject, r.id()), actor, "PASSKEY_VERIFIED", "OK", operation.kind());
    return ProofResult.of(p.factor(), ProofResult.Status.OK, null);
  }

  private static boolean boundTo(byte[] nonce, Operation operation) {
    byte[] hash = operation.hash();
    return nonce.length == 16 + hash.length
        && Arrays.equals(Arrays.copyOfRange(nonce, 16, nonce.length), hash);
  }

  private ProofResult refused(
      Subject subject,
      Actor actor,
      Operation operation,
      Proof.PasskeyAssertion p,
      String credentialId,
      String why) {
    audit.record(
        subject(subject, credentialId),
        actor,
        "PASSKEY_VERIFIED",
        "REFUSED",
        operation.kind() + ", " + why);
    return new ProofResult(p.factor(), ProofResult.Status.WRONG, why, null, null);
  }

  private static AuditLog.Subject subject(Subject subject, String credentialId) {
    return new AuditLog.Subject(subject.serviceId(), subject.customerRef(), null, credentialId);
  }
}

package dev.ichie.server.token;

import dev.ichie.activation.VerifierRecord;
import dev.ichie.otp.HmacAlgorithm;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the activation endpoint needs of an issuance (F2): the SRP verifier of an ISSUED token, an
 * attempt taken before each password is checked, a wrong password counted (the fifth makes the
 * issuance VOID), and the secret sealed by the vault when the app proved the password. Thread-safe.
 */
@Service
public final class ActivationTargets {

  private final TokenRepository tokens;
  private final TokenExpiry expiry;
  private final AuditLog audit;
  private final Vault vault;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  ActivationTargets(
      TokenRepository tokens,
      TokenExpiry expiry,
      AuditLog audit,
      Vault vault,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      DeviceKeyRows deviceKeys) {
    this.deviceKeys = deviceKeys;
    this.tokens = tokens;
    this.expiry = expiry;
    this.audit = audit;
    this.vault = vault;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  private static final String SEALED_PURPOSE = "token";

  private final DeviceKeyRows deviceKeys;

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
      expiry.expire(r.id());
      return Optional.empty();
    }
    if (r.activationAttemptsLeft() <= 0 || r.srpSalt() == null) {
      return Optional.empty();
    }
    byte[] verifier =
        r.srpKeyVersion() == null
            ? r.srpVerifier()
            : vault.decrypt(
                TokenSecrets.VERIFIER_PURPOSE, r.id(), r.srpKeyVersion(), r.srpVerifier());
    return Optional.of(
        new ActivationTarget(r.id(), serviceId, userId, new VerifierRecord(r.srpSalt(), verifier)));
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
    activationFailed(tokenId, actor, "WRONG_PASSWORD");
  }

  /**
   * Records a failed activation for a user ID with no live issuance, so that it costs a write as a
   * wrong password does, and shows in the audit trail.
   *
   * @param serviceId the service
   * @param userId the user ID the app gave
   * @param actor the token app
   */
  public void noIssuanceFailed(String serviceId, String userId, Actor actor) {
    tx.executeWithoutResult(
        s ->
            audit.record(
                // User IDs Ichie gives are 10 digits; one longer than the column is not ours.
                new AuditLog.Subject(serviceId, null, userId.length() <= 16 ? userId : null, null),
                actor,
                "ACTIVATION_FAILED",
                "NO_ISSUANCE",
                null));
  }

  /**
   * Records a failed activation attempt for a reason: the attempt was taken already; at zero the
   * issuance becomes VOID.
   *
   * @param tokenId the token
   * @param actor the token app
   * @param reason WRONG_PASSWORD, or BAD_DEVICE_KEY for a version-2 run whose device key or proof
   *     was wrong after a right password
   */
  public void activationFailed(String tokenId, Actor actor, String reason) {
    tx.executeWithoutResult(
        s -> {
          Optional<TokenRow> row = tokens.findById(tokenId);
          if (row.isEmpty()) {
            return;
          }
          audit.record(TokenRows.subject(row.get()), actor, "ACTIVATION_FAILED", reason, null);
          if (row.get().state() == TokenState.ISSUED
              && tokens.activationAttemptsLeft(tokenId) <= 0
              && tokens.transition(tokenId, TokenState.ISSUED, TokenState.VOID, clock.instant())) {
            audit.record(
                TokenRows.subject(row.get()), Actor.SYSTEM, "TOKEN_VOID", "OK", "no attempts left");
            events.publishEvent(
                TokenEvent.of(TokenEvent.Type.VOID, row.get(), clock.instant(), Actor.SYSTEM));
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
    return completeActivation(tokenId, secret, credentialId, deviceLabel, null, actor);
  }

  /**
   * Completes an activation as {@link #completeActivation(String, Secret, String, String, Actor)}
   * does, storing the app's device key in the same transaction when one is given (protocol version
   * 2).
   *
   * @param tokenId the token
   * @param secret the derived token secret; not kept
   * @param credentialId the credential id given to the app
   * @param deviceLabel the app's device label
   * @param deviceKey the device key's SubjectPublicKeyInfo, checked with its proof, or null
   * @param actor the token app
   * @return true if activated; false if the issuance was no longer ISSUED
   */
  public boolean completeActivation(
      String tokenId,
      Secret secret,
      String credentialId,
      String deviceLabel,
      byte[] deviceKey,
      Actor actor) {
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
              if (deviceKey != null) {
                deviceKeys.insert(
                    row.get().serviceId(),
                    row.get().customerId(),
                    tokenId,
                    deviceKey,
                    TokenState.ACTIVATED.name(),
                    clock.instant());
              }
              audit.record(
                  TokenRows.subject(row.get()),
                  actor,
                  "TOKEN_ACTIVATED",
                  "OK",
                  deviceKey == null ? null : "device key registered");
              events.publishEvent(
                  TokenEvent.of(TokenEvent.Type.ACTIVATED, row.get(), clock.instant(), actor));
              return true;
            });
    return Boolean.TRUE.equals(done);
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
}

package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.system.RateLimiter;
import dev.ichie.server.token.AppTokens;
import dev.ichie.server.token.TokenState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A device key registered later, for a token activated without one ({@code POST
 * /api/app/v1/device-key}): the proof is an HMAC over the key and the app's time under a key
 * derived from the token secret, so that only the app holding the token can register it. A wrong
 * proof, a time outside ±5 minutes, an unknown or inactive token all answer the same. Thread-safe.
 */
@Service
public final class DeviceKeyEnrolment {

  /** How an enrolment ended. */
  public enum Outcome {
    REGISTERED,
    MALFORMED,
    BAD_SIGNATURE,
    KEY_EXISTS,
    THROTTLED
  }

  private final AppTokens tokens;
  private final DeviceKeys keys;
  private final AuditLog audit;
  private final RateLimiter limiter;
  private final Clock clock;
  private final TransactionTemplate tx;

  DeviceKeyEnrolment(
      AppTokens tokens,
      DeviceKeys keys,
      AuditLog audit,
      RateLimiter limiter,
      Clock clock,
      TransactionTemplate tx) {
    this.tokens = tokens;
    this.keys = keys;
    this.audit = audit;
    this.limiter = limiter;
    this.clock = clock;
    this.tx = tx;
  }

  /**
   * Registers a token's device key.
   *
   * @param app the app's identity
   * @param publicKey the key's DER SPKI, base64url
   * @param time the app's estimate of the server's time, as sent
   * @param proof the HMAC, base64url
   * @param actor the app, from where
   * @return how it ended
   */
  public Outcome enrol(
      Confirmations.AppIdentity app, String publicKey, String time, String proof, Actor actor) {
    byte[] spki = decode(publicKey);
    if (!Confirmation.isDeviceKey(spki)) {
      return Outcome.MALFORMED;
    }
    String byAddress = "confirm-enrol-address:" + actor.sourceAddress();
    if (limiter.full(byAddress, Confirmations.BAD_PER_KEY, Confirmations.BAD_WINDOW)) {
      return Outcome.THROTTLED;
    }
    Optional<AppTokens.AppToken> token =
        tokens
            .find(app.serviceId(), app.userId(), app.credentialId())
            .filter(t -> t.state() == TokenState.ACTIVE);
    byte[] sent = decode(proof);
    boolean right =
        token.isPresent()
            && sent != null
            && inWindow(time)
            && tokens
                .withSecret(
                    token.get().tokenId(),
                    secret ->
                        MessageDigest.isEqual(
                            Confirmation.hmac(
                                Confirmation.enrolProofKey(secret, app.credentialId()),
                                spki,
                                time.getBytes(StandardCharsets.UTF_8)),
                            sent))
                .orElse(false);
    if (!right) {
      limiter.count(byAddress, Confirmations.BAD_WINDOW);
      token.ifPresent(t -> record(t, actor, "BAD_SIGNATURE"));
      return Outcome.BAD_SIGNATURE;
    }
    boolean stored;
    try {
      stored =
          Boolean.TRUE.equals(tx.execute(s -> keys.insert(token.get(), spki, clock.instant())));
    } catch (org.springframework.dao.DuplicateKeyException e) {
      stored = false; // two registrations at once: the other one's key stands, this one rolled back
    }
    if (!stored) {
      record(token.get(), actor, "KEY_EXISTS");
      return Outcome.KEY_EXISTS;
    }
    record(token.get(), actor, "OK");
    return Outcome.REGISTERED;
  }

  private boolean inWindow(String time) {
    return Confirmations.instant(time)
        .map(
            at ->
                Duration.between(clock.instant(), at).abs().compareTo(Confirmations.CLOCK_WINDOW)
                    <= 0)
        .orElse(false);
  }

  private void record(AppTokens.AppToken t, Actor actor, String outcome) {
    audit.record(
        new AuditLog.Subject(t.serviceId(), t.customerRef(), t.userId(), t.tokenId()),
        actor,
        "DEVICE_KEY_REGISTERED",
        outcome,
        null);
  }

  private static byte[] decode(String base64url) {
    if (base64url == null || base64url.length() > 400) {
      return null;
    }
    try {
      return Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

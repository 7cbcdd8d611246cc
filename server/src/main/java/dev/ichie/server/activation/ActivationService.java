package dev.ichie.server.activation;

import dev.ichie.activation.ActivationVerifiers;
import dev.ichie.activation.Confirmation;
import dev.ichie.activation.ErrorCode;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.ProtocolException;
import dev.ichie.activation.ServerChallenge;
import dev.ichie.activation.ServerResult;
import dev.ichie.activation.ServerRole;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.activation.TokenAlgorithm;
import dev.ichie.activation.VerifierRecord;
import dev.ichie.otp.Secret;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.RateLimiter;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.vault.Reencryption;
import dev.ichie.server.vault.SealedStore;
import dev.ichie.server.vault.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The server side of the activation protocol (ACTIVATION.md, version 1; version 2 also registers
 * the app's device key, CONFIRMATION.md). Unknown users, and issuances that are expired, void or
 * used, get answers of the same shape as live ones: a decoy B from a verifier of a password nobody
 * knows, and a salt derived from the identity under a server key, so that asking twice gives the
 * same salt. Thread-safe.
 */
@Service
public class ActivationService implements SealedStore {

  private static final Logger log = LoggerFactory.getLogger(ActivationService.class);
  private static final String SEALED_PURPOSE = "activation";

  private final ActivationTargets activations;
  private final ActivationSessions sessions;
  private final RateLimiter rateLimiter;
  private final Tenants tenants;
  private final Vault vault;
  private final Clock clock;
  private final ActivationProperties properties;
  private final MeterRegistry meters;
  private final SecureRandom random = new SecureRandom();
  private final byte[] decoyVerifier;

  ActivationService(
      ActivationTargets activations,
      Tenants tenants,
      ActivationSessions sessions,
      RateLimiter rateLimiter,
      Vault vault,
      Clock clock,
      ActivationProperties properties,
      MeterRegistry meters) {
    this.activations = activations;
    this.tenants = tenants;
    this.sessions = sessions;
    this.rateLimiter = rateLimiter;
    this.vault = vault;
    this.clock = clock;
    this.properties = properties;
    this.meters = meters;
    byte[] pw = new byte[8];
    random.nextBytes(pw);
    StringBuilder digits = new StringBuilder();
    for (byte x : pw) {
      digits.append((char) ('0' + (x & 0x7f) % 10));
    }
    this.decoyVerifier = ActivationVerifiers.create("decoy", "0", digits, random).verifier();
  }

  /**
   * Answers {@code start}.
   *
   * @param request the parsed request
   * @param sourceAddress the client's address, for the rate limit and the audit
   * @return the answer
   * @throws ActivationRefusal for a refused request
   */
  public StartResponse start(StartRequest request, String sourceAddress) {
    Optional<Duration> wait =
        rateLimiter
            .hit(
                "activation-start-address:" + sourceAddress,
                properties.startsPerAddress(),
                properties.rateWindow())
            .or(
                () ->
                    rateLimiter.hit(
                        "activation-start-user:" + request.serviceId() + ":" + request.userId(),
                        properties.startsPerUser(),
                        properties.rateWindow()));
    if (wait.isPresent()) {
      count("start", "RATE_LIMITED");
      throw new ActivationRefusal(
          ErrorCode.RATE_LIMITED, "too many activation attempts; retry later", wait.get());
    }
    String serviceId = request.serviceId();
    String userId = request.userId();
    // The decoy is always computed, so that a known and an unknown user cost the same.
    VerifierRecord decoy = decoy(serviceId, userId);
    Optional<ActivationTargets.ActivationTarget> target =
        activations.activationTarget(serviceId, userId);
    VerifierRecord record = target.map(ActivationTargets.ActivationTarget::verifier).orElse(decoy);
    ServerChallenge challenge;
    try {
      challenge = ServerRole.start(record, request.A(), random);
    } catch (ProtocolException e) {
      count("start", e.code().name());
      throw new ActivationRefusal(e.code(), e.getMessage());
    }
    String activationId = randomId(32);
    Instant now = clock.instant();
    byte[] b = challenge.b();
    byte[] sealed;
    int version;
    try {
      Vault.Sealed s = vault.seal(SEALED_PURPOSE, activationId, b);
      sealed = s.ciphertext();
      version = s.keyVersion();
    } finally {
      Arrays.fill(b, (byte) 0);
    }
    sessions.insert(
        new ActivationSessions.Row(
            activationId,
            serviceId,
            userId,
            target.map(ActivationTargets.ActivationTarget::tokenId).orElse(null),
            request.A(),
            sealed,
            version,
            now.plus(properties.sessionLifetime()),
            false,
            request.version()),
        now);
    count("start", "OK");
    return new StartResponse(request.version(), activationId, record.salt(), challenge.B(), now);
  }

  /**
   * Answers {@code finish}: takes one attempt off the issuance before it looks at M1.
   *
   * @param request the parsed request
   * @param sourceAddress the client's address, for the audit
   * @return the answer, with M2 and the token parameters
   * @throws ActivationRefusal for a refused request
   */
  public FinishResponse finish(FinishRequest request, String sourceAddress) {
    Instant now = clock.instant();
    Optional<ActivationSessions.Row> found = sessions.find(request.activationId());
    if (found.isPresent() && found.get().protocolVersion() != request.version()) {
      count("finish", "MALFORMED");
      throw new ActivationRefusal(
          ErrorCode.MALFORMED,
          "finish must speak the protocol version of its start ("
              + found.get().protocolVersion()
              + ")");
    }
    if (found.isEmpty() || !sessions.finish(request.activationId(), now)) {
      count("finish", "SESSION_EXPIRED");
      throw new ActivationRefusal(
          ErrorCode.SESSION_EXPIRED, "the activation session has expired or was already finished");
    }
    ActivationSessions.Row session = found.get();
    Actor actor = new Actor(Actor.Type.TOKEN_APP, request.deviceLabel(), sourceAddress);
    // An unknown user, or an issuance gone since start, does the work of a wrong password: the
    // same lookup, the same decryption and SRP check (against the decoy), a write of its record.
    Optional<ActivationTargets.ActivationTarget> target =
        activations
            .activationTarget(session.serviceId(), session.userId())
            .filter(t -> t.tokenId().equals(session.tokenId()));
    boolean live = target.isPresent() && activations.takeActivationAttempt(session.tokenId());
    VerifierRecord verifier =
        live ? target.get().verifier() : decoy(session.serviceId(), session.userId());
    byte[] b =
        vault.decrypt(SEALED_PURPOSE, session.id(), session.keyVersion(), session.serverPrivate());
    Optional<ServerResult> result;
    try {
      result = ServerRole.finish(verifier, session.clientPublic(), b, request.M1());
    } catch (ProtocolException e) {
      result = Optional.empty();
    } finally {
      Arrays.fill(b, (byte) 0);
    }
    if (!live) {
      activations.noIssuanceFailed(session.serviceId(), session.userId(), actor);
      throw failed();
    }
    if (result.isEmpty()) {
      activations.activationFailed(session.tokenId(), actor);
      throw failed();
    }
    byte[] deviceKey = request.devicePublicKey();
    // Version 2: the key is checked only after a right password, and spends the attempt if wrong.
    if (deviceKey != null
        && !(Confirmation.isDeviceKey(deviceKey)
            && result
                .get()
                .deviceKeyProofValid(
                    session.id(),
                    session.serviceId(),
                    session.userId(),
                    deviceKey,
                    request.deviceKeyProof()))) {
      activations.activationFailed(session.tokenId(), actor, ErrorCode.BAD_DEVICE_KEY.name());
      count("finish", ErrorCode.BAD_DEVICE_KEY.name());
      throw new ActivationRefusal(
          ErrorCode.BAD_DEVICE_KEY, "the device key is not a P-256 key, or its proof is wrong");
    }
    TotpParameters params = activations.parameters(session.tokenId()).orElseThrow();
    String credentialId = randomId(16);
    byte[] raw =
        result
            .get()
            .deriveTokenSecret(
                session.id(),
                session.serviceId(),
                session.userId(),
                credentialId,
                params.algorithm().defaultSecretLength());
    boolean done;
    try {
      done =
          activations.completeActivation(
              session.tokenId(),
              Secret.of(raw),
              credentialId,
              request.deviceLabel(),
              deviceKey,
              actor);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    if (!done) {
      throw failed();
    }
    count("finish", "OK");
    log.info("token {} activated by a token app", session.tokenId());
    Tenant tenant = tenants.get(session.serviceId());
    return new FinishResponse(
        request.version(),
        result.get().M2(),
        credentialId,
        TokenAlgorithm.fromWireName(params.algorithm().uriName()).orElseThrow(),
        params.digits(),
        (int) params.period().toSeconds(),
        tenant.displayName(),
        clock.instant(),
        deviceKey != null,
        tenant.appLock());
  }

  private ActivationRefusal failed() {
    count("finish", "ACTIVATION_FAILED");
    return new ActivationRefusal(
        ErrorCode.ACTIVATION_FAILED,
        "activation failed: the service ID, user ID or activation password is wrong,"
            + " or the issuance is no longer valid");
  }

  /**
   * The decoy for an identity with no live issuance: the salt is derived from the identity under
   * the vault's decoy key (the same on every ask), the verifier is one made at start-up from a
   * random password nobody knows, so a decoy costs what a real answer costs.
   */
  private VerifierRecord decoy(String serviceId, String userId) {
    byte[] salt = vault.decoy("salt\0" + serviceId + "\0" + userId, VerifierRecord.SALT_LENGTH);
    return new VerifierRecord(salt, decoyVerifier);
  }

  private void count(String step, String result) {
    meters.counter("ichie.activations", "step", step, "result", result).increment();
  }

  private String randomId(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Deletes runs that ended more than an hour ago. */
  @Scheduled(fixedDelayString = "${ichie.jobs.activation-cleanup-interval:10m}")
  public void cleanUp() {
    sessions.deleteExpiredBefore(clock.instant().minus(Duration.ofHours(1)));
  }

  @Override
  public int reencrypt(Vault target) {
    return Reencryption.run(
        target,
        SEALED_PURPOSE,
        (version, afterId, limit) ->
            sessions.sealedBefore(version, afterId, limit).stream()
                .map(r -> new Reencryption.SealedRow(r.id(), r.serverPrivate(), r.keyVersion()))
                .toList(),
        sessions::replaceSealed);
  }
}

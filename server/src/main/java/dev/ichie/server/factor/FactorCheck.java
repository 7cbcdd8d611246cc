package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.tenant.Tenants;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The one entry point of authentication: "this operation, these proofs" → allowed, what is still
 * missing, blocked, or refused. Screens and the REST API call it; only it calls the {@link
 * Authenticator}s. Every proof first takes a slot of the guess limits per source address and per
 * service ({@link GuessThrottle}); the authenticator then takes the guess against its own
 * credential before it compares anything. Thread-safe.
 */
@Service
public final class FactorCheck {

  private final List<Authenticator> authenticators;
  private final Credentials credentials;
  private final Challenges challenges;
  private final DailyLimits limits;
  private final GuessThrottle throttle;
  private final FactorProperties properties;
  private final Clock clock;
  private final Map<String, FactorPolicy> policies = new HashMap<>();
  private final FactorPolicy defaults = new FactorPolicy(Map.of());

  FactorCheck(
      List<Authenticator> authenticators,
      Credentials credentials,
      Challenges challenges,
      DailyLimits limits,
      GuessThrottle throttle,
      FactorProperties properties,
      Tenants tenants,
      Clock clock) {
    this.clock = clock;
    this.authenticators = List.copyOf(authenticators);
    this.credentials = credentials;
    this.challenges = challenges;
    this.limits = limits;
    this.throttle = throttle;
    this.properties = properties;
    Set<String> services = new java.util.HashSet<>(properties.policies().keySet());
    services.addAll(properties.phishingResistant().keySet());
    services.addAll(properties.transactionSignature().keySet());
    services.addAll(properties.transferLimits().keySet());
    for (String service : services) {
      policies.put(
          service,
          new FactorPolicy(
              properties.policies().getOrDefault(service, Map.of()),
              "required".equals(properties.phishingResistant().get(service)),
              properties.transactionSignature().getOrDefault(service, LinkingRule.EVERY_TRANSFER),
              properties.transferLimits().getOrDefault(service, TransferLimits.DEFAULTS)));
    }
    for (String service : policies.keySet()) {
      if (tenants.find(service).isEmpty()) {
        throw new IllegalArgumentException("ichie.factors.policies names no service: " + service);
      }
    }
  }

  /**
   * The policy of a service.
   *
   * @param serviceId the service
   * @return its policy (the defaults when none is configured)
   */
  public FactorPolicy policy(String serviceId) {
    return policies.getOrDefault(serviceId, defaults);
  }

  /**
   * What an operation needs from a customer before any proof: blocked, or the factors of the best
   * acceptable combination not yet passed in the session.
   *
   * @param subject the customer
   * @param operation the operation
   * @param session the factors the session has passed
   * @return the decision
   */
  public FactorPolicy.Decision requirement(
      Subject subject, Operation operation, Set<Factor> session) {
    return policy(subject.serviceId())
        .decide(
            operation, credentials.holdings(subject), Set.of(), session, usage(subject, operation));
  }

  /**
   * The strongest tier of factors the customer can prove a transfer with now, the day's limits
   * aside: what the transfer page's "left today" is counted at.
   *
   * @param subject the customer
   * @param transfer a transfer the customer may make
   * @return the tier; empty when transfers are blocked
   */
  public Optional<TransferLimits.Tier> strongestTier(Subject subject, Operation.Transfer transfer) {
    return policy(subject.serviceId())
        .acceptable(transfer, credentials.holdings(subject), TransferUsage.NONE)
        .stream()
        .map(c -> TransferLimits.Tier.of(c.factors()))
        .max(Comparator.naturalOrder());
  }

  /**
   * The combinations of factors that would allow an operation for a customer now, best first: what
   * a screen offers.
   *
   * @param subject the customer
   * @param operation the operation
   * @return the combinations; empty when the operation is blocked
   */
  public List<FactorPolicy.Combination> acceptable(Subject subject, Operation operation) {
    return policy(subject.serviceId())
        .acceptable(operation, credentials.holdings(subject), usage(subject, operation));
  }

  /**
   * The customer's transfers of the bank's day and their own limit.
   *
   * @param subject the customer
   * @return the usage now
   */
  public TransferUsage usage(Subject subject) {
    return limits.usage(subject);
  }

  /**
   * Gives back the amount an allowed transfer counted in the customer's day, when the transfer did
   * not happen after all (the balance was short, the form was sent twice).
   *
   * @param verdict the transfer's verdict
   */
  public void giveBack(Verdict verdict) {
    if (verdict.spent() != null) {
      limits.giveBack(verdict.spent());
    }
  }

  private TransferUsage usage(Subject subject, Operation operation) {
    return operation instanceof Operation.Transfer
            || operation instanceof Operation.PayeeRegistration
        ? limits.usage(subject)
        : TransferUsage.NONE;
  }

  /**
   * Checks proofs for an operation done in one request.
   *
   * @param subject whose factors
   * @param operation what for
   * @param session the factors the session passed earlier
   * @param actor who, from where
   * @param proofs the proofs, checked in order until one fails
   * @return the verdict; for NEEDS, with a challenge for the next request
   */
  public Verdict check(
      Subject subject, Operation operation, Set<Factor> session, Actor actor, Proof... proofs) {
    return run(subject, operation, session, actor, null, Set.of(), List.of(proofs));
  }

  /**
   * Checks more proofs for an operation begun in an earlier request ({@link Verdict.Kind#NEEDS}).
   *
   * @param challengeId the earlier verdict's challenge
   * @param subject whose factors
   * @param operation what for; must be the one the challenge was made for
   * @param session the factors the session passed earlier
   * @param actor who, from where
   * @param proofs the proofs
   * @return the verdict; EXPIRED for a challenge unknown, of another subject or operation, expired
   *     or answered
   */
  public Verdict resume(
      String challengeId,
      Subject subject,
      Operation operation,
      Set<Factor> session,
      Actor actor,
      Proof... proofs) {
    Optional<Challenges.Challenge> c = challenges.find(challengeId);
    if (c.isEmpty()
        || !c.get().isFor(subject, operation)
        || c.get().answered()
        || !c.get().expiresAt().isAfter(clock.instant())) {
      return new Verdict(Verdict.Kind.EXPIRED, Set.of(), Set.of(), List.of(), null);
    }
    return run(subject, operation, session, actor, challengeId, c.get().passed(), List.of(proofs));
  }

  private Verdict run(
      Subject subject,
      Operation operation,
      Set<Factor> session,
      Actor actor,
      String challengeId,
      Set<Factor> before,
      List<Proof> proofs) {
    FactorPolicy policy = policy(subject.serviceId());
    TransferUsage usage = usage(subject, operation);
    // Over the day's limit whatever is proved: said before any guess is taken.
    if (operation instanceof Operation.Transfer
        && policy
            .decide(operation, credentials.holdings(subject), Set.of(), Set.of(), usage)
            .overLimit()) {
      return new Verdict(Verdict.Kind.OVER_LIMIT, before, Set.of(), List.of(), challengeId);
    }
    Set<Factor> passed = EnumSet.noneOf(Factor.class);
    passed.addAll(before);
    Set<Factor> now = EnumSet.noneOf(Factor.class);
    List<ProofResult> results = new ArrayList<>();
    for (Proof proof : proofs) {
      ProofResult r = prove(subject, operation, proof, actor);
      results.add(r);
      if (!r.ok()) {
        return new Verdict(Verdict.Kind.REFUSED, passed, Set.of(), results, challengeId);
      }
      passed.add(proof.factor());
      now.add(proof.factor());
    }
    if (policy.completedByProof(operation, passed, now, usage)) {
      return allowed(subject, operation, policy, usage, challengeId, passed, results);
    }
    // Read after the proofs: a first code has just made its token usable.
    FactorPolicy.Decision d =
        policy.decide(operation, credentials.holdings(subject), passed, session, usage);
    if (d.allowed()) {
      return allowed(subject, operation, policy, usage, challengeId, passed, results);
    }
    if (d.overLimit()) {
      return new Verdict(Verdict.Kind.OVER_LIMIT, passed, Set.of(), results, challengeId);
    }
    // Blocked or not, the proofs so far are kept: a credential may become usable before the next
    // step (a staff member sets up their token on the code screen).
    String id = challengeId;
    if (id == null) {
      id = challenges.create(subject, operation, passed, properties.challengeLifetime());
    } else if (!challenges.addPassed(id, passed)) {
      return new Verdict(Verdict.Kind.EXPIRED, Set.of(), Set.of(), results, null);
    }
    return new Verdict(
        d.blocked() ? Verdict.Kind.BLOCKED : Verdict.Kind.NEEDS, passed, d.missing(), results, id);
  }

  /**
   * Allowed by the factors: a transfer is then counted in the customer's day, in one conditional
   * statement, within the ceiling of the factors proved (refused when concurrent transfers took
   * what was left).
   */
  private Verdict allowed(
      Subject subject,
      Operation operation,
      FactorPolicy policy,
      TransferUsage usage,
      String challengeId,
      Set<Factor> passed,
      List<ProofResult> results) {
    DailyLimits.Spent spent = null;
    if (operation instanceof Operation.Transfer t) {
      long ceiling = usage.ceiling(policy.limits(), TransferLimits.Tier.of(passed));
      Optional<DailyLimits.Spent> s = limits.spend(subject, t.amount(), ceiling);
      if (s.isEmpty()) {
        return new Verdict(Verdict.Kind.OVER_LIMIT, passed, Set.of(), results, challengeId);
      }
      spent = s.get();
    }
    if (challengeId != null && !challenges.answer(challengeId)) {
      if (spent != null) {
        limits.giveBack(spent);
      }
      return new Verdict(Verdict.Kind.EXPIRED, Set.of(), Set.of(), results, null);
    }
    return new Verdict(Verdict.Kind.ALLOWED, passed, Set.of(), results, null, spent);
  }

  private ProofResult prove(Subject subject, Operation operation, Proof proof, Actor actor) {
    Authenticator authenticator =
        authenticators.stream()
            .filter(a -> a.checks(proof.factor()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no authenticator for " + proof.factor()));
    Optional<GuessThrottle.Held> held = throttle.take(subject.serviceId(), actor);
    if (held.isEmpty()) {
      return ProofResult.of(proof.factor(), ProofResult.Status.THROTTLED, null);
    }
    ProofResult r;
    try {
      r = authenticator.verify(subject, operation, proof, actor);
    } catch (RuntimeException e) {
      throttle.settle(held.get(), false);
      throw e;
    }
    throttle.settle(held.get(), r.status() == ProofResult.Status.WRONG);
    return r;
  }
}

package dev.ichie.server.factor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One service's answer to "what does this operation need from this customer": for each operation,
 * the acceptable combinations of factors, best first, from configuration. Pure: no I/O. Immutable
 * and thread-safe.
 *
 * <p>A combination is acceptable for a customer when every factor in it can be proved now (a
 * password always; a possession factor when a credential of its kind is usable), and — so that no
 * customer who holds a token can fall back to passwords alone — when it has a possession factor or
 * the customer holds none, usable or locked. A customer who holds only a locked credential has no
 * acceptable combination: the operation is blocked until the branch unlocks it.
 *
 * <p>A transfer is also bounded by the day's limits ({@link TransferLimits}): a combination is
 * acceptable only when the day's transfers with it stay within the cap of its strongest factor and
 * the customer's own limit; when none is, the transfer is over the limit rather than blocked. A
 * raise of the customer's own limit needs the strongest factor they hold: a passkey if they hold
 * one, else their token.
 */
public final class FactorPolicy {

  /**
   * One factor of a combination.
   *
   * @param factor the factor
   * @param fromSession whether a proof passed earlier in the session counts (else it must be passed
   *     for this operation)
   */
  public record Element(Factor factor, boolean fromSession) {

    /** Validates the element. */
    public Element {
      Objects.requireNonNull(factor, "factor");
    }

    @Override
    public String toString() {
      return factor.name() + (fromSession ? "@session" : "");
    }
  }

  /**
   * Factors that together allow an operation.
   *
   * @param elements the factors, in the order they are asked for
   */
  public record Combination(List<Element> elements) {

    /** Copies the list. */
    public Combination {
      elements = List.copyOf(elements);
      if (elements.isEmpty()) {
        throw new IllegalArgumentException("a combination has at least one factor");
      }
    }

    /**
     * Parses {@code "CONFIRMATION_PASSWORD+OTP@session"}.
     *
     * @param text the combination as configured
     * @return the combination
     * @throws IllegalArgumentException for an unknown factor
     */
    public static Combination parse(String text) {
      List<Element> elements = new ArrayList<>();
      for (String part : text.strip().split("\\s*\\+\\s*")) {
        boolean session = part.endsWith("@session");
        String name = session ? part.substring(0, part.length() - "@session".length()) : part;
        elements.add(new Element(Factor.valueOf(name.strip()), session));
      }
      return new Combination(elements);
    }

    /**
     * The factors of this combination.
     *
     * @return the factors
     */
    public Set<Factor> factors() {
      Set<Factor> s = EnumSet.noneOf(Factor.class);
      elements.forEach(e -> s.add(e.factor()));
      return s;
    }

    boolean hasPossession() {
      return elements.stream().anyMatch(e -> e.factor().credential().isPresent());
    }

    @Override
    public String toString() {
      return String.join("+", elements.stream().map(Element::toString).toList());
    }
  }

  /**
   * What the policy says, given what was proved.
   *
   * @param allowed whether an acceptable combination is complete
   * @param blocked whether no combination is acceptable at all (a locked credential)
   * @param missing when neither: the factors still to prove for the best combination within reach
   * @param overLimit for a transfer that is not blocked: whether no acceptable combination keeps it
   *     within the day's limits
   */
  public record Decision(boolean allowed, boolean blocked, Set<Factor> missing, boolean overLimit) {

    /** Copies the set. */
    public Decision {
      missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
    }

    /**
     * A decision within the limits.
     *
     * @param allowed whether an acceptable combination is complete
     * @param blocked whether no combination is acceptable at all
     * @param missing the factors still to prove
     */
    public Decision(boolean allowed, boolean blocked, Set<Factor> missing) {
      this(allowed, blocked, missing, false);
    }
  }

  /** The combinations used for an operation the configuration does not name. */
  public static final Map<String, List<String>> DEFAULTS = defaults();

  /** The operations a phishing-resistant factor must prove once the customer holds one. */
  static final Set<String> PHISHING_SENSITIVE = Set.of("LOGIN", "TRANSFER", "PAYEE_REGISTRATION");

  /** The operations that need the strongest kind of factor the customer holds. */
  static final Set<String> STRONGEST_HELD = Set.of("LIMIT_RAISE");

  private final Map<String, List<Combination>> byOperation;
  private final boolean phishingResistantRequired;
  private final LinkingRule linking;
  private final TransferLimits limits;

  /**
   * A policy from configured combinations that prefers, but does not require, a phishing-resistant
   * factor.
   *
   * @param configured the service's configuration, may be empty
   * @throws IllegalArgumentException for an unknown operation or factor
   */
  public FactorPolicy(Map<String, List<String>> configured) {
    this(configured, false, LinkingRule.EVERY_TRANSFER, TransferLimits.DEFAULTS);
  }

  /**
   * A policy with the default transfer limits.
   *
   * @param configured operation key → combinations, best first
   * @param phishingResistantRequired whether a customer who holds a passkey must prove one
   * @param linking which transfers need a factor linked to them
   */
  public FactorPolicy(
      Map<String, List<String>> configured,
      boolean phishingResistantRequired,
      LinkingRule linking) {
    this(configured, phishingResistantRequired, linking, TransferLimits.DEFAULTS);
  }

  /**
   * A policy from configured combinations, keyed by {@link #key(Operation)}; unnamed operations
   * take {@link #DEFAULTS}.
   *
   * @param configured the service's configuration, may be empty
   * @param phishingResistantRequired whether a customer who holds a usable passkey must prove it
   *     for login, transfers and payee registration (password + OTP no longer enough)
   * @param linking which transfers need a factor linked to them from a customer whose token has a
   *     device key (a typed code no longer enough)
   * @param limits the day's transfer limits by the strongest factor
   * @throws IllegalArgumentException for an unknown operation or factor
   */
  public FactorPolicy(
      Map<String, List<String>> configured,
      boolean phishingResistantRequired,
      LinkingRule linking,
      TransferLimits limits) {
    this.phishingResistantRequired = phishingResistantRequired;
    this.linking = Objects.requireNonNull(linking, "linking");
    this.limits = Objects.requireNonNull(limits, "limits");
    Map<String, List<Combination>> m = new LinkedHashMap<>();
    DEFAULTS.forEach((k, v) -> m.put(k, v.stream().map(Combination::parse).toList()));
    configured.forEach(
        (k, v) -> {
          String key = k.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
          if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("no such operation in a factor policy: " + k);
          }
          m.put(key, v.stream().map(Combination::parse).toList());
        });
    this.byOperation = Map.copyOf(m);
  }

  private static Map<String, List<String>> defaults() {
    Map<String, List<String>> d = new LinkedHashMap<>();
    d.put("LOGIN", List.of("PASSKEY", "LOGIN_PASSWORD+OTP", "LOGIN_PASSWORD"));
    List<String> transaction =
        List.of(
            "PASSKEY_BOUND",
            "CONFIRMATION_PASSWORD+TRANSACTION_SIGNATURE",
            "CONFIRMATION_PASSWORD+OTP",
            "CONFIRMATION_PASSWORD");
    d.put("TRANSFER", transaction);
    d.put("PAYEE_REGISTRATION", transaction);
    d.put(
        "FACTOR_CHANGE",
        List.of(
            "PASSKEY",
            "CONFIRMATION_PASSWORD+OTP@session",
            "CONFIRMATION_PASSWORD+PASSKEY@session",
            "CONFIRMATION_PASSWORD"));
    // Removing a passkey weakens the customer's defence: a fresh assertion, or a fresh code.
    d.put("REMOVE_PASSKEY", List.of("PASSKEY", "CONFIRMATION_PASSWORD+OTP"));
    // Raising the own transfer limit: the strongest factor the customer holds (STRONGEST_HELD).
    d.put(
        "LIMIT_RAISE",
        List.of(
            "PASSKEY",
            "CONFIRMATION_PASSWORD+PASSKEY@session",
            "CONFIRMATION_PASSWORD+OTP",
            "CONFIRMATION_PASSWORD"));
    d.put("START_TOKEN", List.of("OTP"));
    d.put("STAFF_LOGIN", List.of("STAFF_PASSWORD+OTP"));
    d.put("VERIFICATION", List.of("OTP"));
    return Map.copyOf(d);
  }

  /**
   * The policy key of an operation: its kind, except the start of a token and the removal of a
   * passkey, which have their own.
   *
   * @param operation the operation
   * @return the key
   */
  public static String key(Operation operation) {
    if (operation instanceof Operation.FactorChange c
        && (c.change() == Operation.FactorChange.Change.START_TOKEN
            || c.change() == Operation.FactorChange.Change.REMOVE_PASSKEY)) {
      return c.change().name();
    }
    return operation.kind();
  }

  /**
   * Whether a customer who holds a passkey must prove one for login, transfers and payee
   * registration; then the customer cannot remove their last passkey themselves.
   *
   * @return true under {@code phishing-resistant: required}
   */
  public boolean phishingResistantRequired() {
    return phishingResistantRequired;
  }

  /**
   * Which transfers need a factor linked to them.
   *
   * @return the service's rule
   */
  public LinkingRule linking() {
    return linking;
  }

  /**
   * The day's transfer limits by the strongest factor.
   *
   * @return the service's limits
   */
  public TransferLimits limits() {
    return limits;
  }

  /**
   * Whether an operation done with these factors stays within the day's limits: always, but for a
   * transfer, whose day's sum must stay within the cap of its strongest factor and the customer's
   * own limit (and the cooling-off's cap, which also holds new payees and their registration).
   *
   * @param operation the operation
   * @param factors the factors it is (or would be) proved with
   * @param usage the day's transfers and the customer's own limit
   * @return true if within
   */
  public boolean withinLimits(Operation operation, Set<Factor> factors, TransferUsage usage) {
    if (operation instanceof Operation.PayeeRegistration) {
      return !usage.coolingOff();
    }
    if (!(operation instanceof Operation.Transfer t)) {
      return true;
    }
    if (t.newPayee() && usage.coolingOff()) {
      return false; // a new payee waits for the end of the cooling-off
    }
    if (usage.held() && !factors.contains(Factor.TRANSACTION_SIGNATURE)) {
      return false; // held by the bank: the customer's decision in the token app, or none
    }
    long ceiling = usage.ceiling(limits, TransferLimits.Tier.of(factors));
    return t.amount() <= ceiling && usage.spent() <= ceiling - t.amount();
  }

  /**
   * The acceptable combinations for an operation and a customer, within no day's usage yet.
   *
   * @param operation the operation
   * @param holdings what the customer holds
   * @return the combinations; empty when the operation is blocked or over a limit
   */
  public List<Combination> acceptable(Operation operation, Holdings holdings) {
    return acceptable(operation, holdings, TransferUsage.NONE);
  }

  /**
   * The acceptable combinations for an operation and a customer, best first.
   *
   * @param operation the operation
   * @param holdings what the customer holds
   * @param usage for a transfer, the day's transfers and the customer's own limit
   * @return the combinations; empty when the operation is blocked or over a limit
   */
  public List<Combination> acceptable(Operation operation, Holdings holdings, TransferUsage usage) {
    return reachable(operation, holdings).stream()
        .filter(c -> withinLimits(operation, c.factors(), usage))
        .toList();
  }

  /** The combinations the customer can prove now, limits aside. */
  private List<Combination> reachable(Operation operation, Holdings holdings) {
    boolean pendingCounts = startsPending(operation);
    boolean resistantOnly =
        phishingResistantRequired
            && PHISHING_SENSITIVE.contains(key(operation))
            && (holdings.of(CredentialKind.PASSKEY) == Standing.USABLE
                || holdings.of(CredentialKind.PASSKEY) == Standing.LOCKED);
    // A token that can sign what it shows must, where the rule applies: a typed code no longer
    // does.
    boolean linkedOnly =
        linking.applies(operation) && holdings.of(CredentialKind.APP_DEVICE_KEY) == Standing.USABLE;
    boolean passkeyOnly =
        STRONGEST_HELD.contains(key(operation))
            && holdings.of(CredentialKind.PASSKEY) == Standing.USABLE;
    // Where the rule asks it for new payees, a first transfer to a payee takes a factor linked
    // to it from a passkey holder too (from a token that signs: linkedOnly above).
    boolean newPayeeLinked =
        operation instanceof Operation.Transfer t
            && t.newPayee()
            && linking.newPayees()
            && linking.passkeyBound()
            && holdings.of(CredentialKind.PASSKEY) == Standing.USABLE;
    return byOperation.get(key(operation)).stream()
        .filter(c -> !passkeyOnly || c.factors().contains(Factor.PASSKEY))
        .filter(c -> !newPayeeLinked || c.factors().stream().anyMatch(linking::links))
        .filter(c -> !resistantOnly || c.factors().stream().anyMatch(Factor::phishingResistant))
        .filter(c -> !linkedOnly || c.factors().stream().anyMatch(linking::links))
        .filter(
            c -> c.elements().stream().allMatch(e -> provable(e.factor(), holdings, pendingCounts)))
        .filter(c -> c.hasPossession() || !holdings.holdsPossession())
        .toList();
  }

  /**
   * The decision for an operation, given the factors proved for it and those proved earlier in the
   * session.
   *
   * @param operation the operation
   * @param holdings what the customer holds
   * @param proved the factors proved for this operation
   * @param session the factors proved earlier in the session
   * @return allowed, blocked, or what is missing
   */
  public Decision decide(
      Operation operation, Holdings holdings, Set<Factor> proved, Set<Factor> session) {
    return decide(operation, holdings, proved, session, TransferUsage.NONE);
  }

  /**
   * The decision for an operation, given the factors proved for it, those proved earlier in the
   * session, and for a transfer the day's usage.
   *
   * @param operation the operation
   * @param holdings what the customer holds
   * @param proved the factors proved for this operation
   * @param session the factors proved earlier in the session
   * @param usage the day's transfers and the customer's own limit
   * @return allowed, blocked, over the limit, or what is missing
   */
  public Decision decide(
      Operation operation,
      Holdings holdings,
      Set<Factor> proved,
      Set<Factor> session,
      TransferUsage usage) {
    List<Combination> acceptable = acceptable(operation, holdings, usage);
    if (acceptable.isEmpty()) {
      boolean over = !reachable(operation, holdings).isEmpty();
      return new Decision(false, !over, Set.of(), over);
    }
    // The best within reach: fewest factors missing; of those, the one that goes on from the most
    // factors already proved (after the login password, its code rather than a passkey).
    Optional<Set<Factor>> best = Optional.empty();
    int bestOverlap = -1;
    for (Combination c : acceptable) {
      Set<Factor> missing = EnumSet.noneOf(Factor.class);
      int overlap = 0;
      for (Element e : c.elements()) {
        if (proved.contains(e.factor())) {
          overlap++;
        } else if (!(e.fromSession() && session.contains(e.factor()))) {
          missing.add(e.factor());
        }
      }
      if (missing.isEmpty()) {
        return new Decision(true, false, Set.of());
      }
      if (best.isEmpty()
          || missing.size() < best.get().size()
          || (missing.size() == best.get().size() && overlap > bestOverlap)) {
        best = Optional.of(missing);
        bestOverlap = overlap;
      }
    }
    return new Decision(false, false, best.orElseThrow());
  }

  /**
   * Whether a combination for the operation is complete with the factors proved for it, one of them
   * a possession factor proved in this request: such a combination is acceptable whatever else the
   * customer holds (a credential just proved is usable), so the holdings need not be read.
   *
   * @param operation the operation
   * @param proved the factors proved for it (this request and its challenge)
   * @param now the factors proved in this request
   * @param usage the day's transfers and the customer's own limit
   * @return true if so
   */
  public boolean completedByProof(Operation operation, Set<Factor> proved, Set<Factor> now) {
    return completedByProof(operation, proved, now, TransferUsage.NONE);
  }

  /**
   * {@link #completedByProof(Operation, Set, Set)} within the day's transfer limits.
   *
   * @param operation the operation
   * @param proved the factors proved for it
   * @param now the factors proved in this request
   * @param usage the day's transfers and the customer's own limit
   * @return true if so
   */
  public boolean completedByProof(
      Operation operation, Set<Factor> proved, Set<Factor> now, TransferUsage usage) {
    if (STRONGEST_HELD.contains(key(operation))) {
      return false; // what else the customer holds decides
    }
    boolean mayNeedResistant =
        phishingResistantRequired && PHISHING_SENSITIVE.contains(key(operation));
    boolean mayNeedLinked = linking.applies(operation);
    return byOperation.get(key(operation)).stream()
        .filter(c -> !mayNeedResistant || c.factors().stream().anyMatch(Factor::phishingResistant))
        .filter(c -> !mayNeedLinked || c.factors().stream().anyMatch(linking::links))
        .filter(c -> withinLimits(operation, c.factors(), usage))
        .anyMatch(
            c ->
                proved.containsAll(c.factors())
                    && c.elements().stream()
                        .anyMatch(
                            e -> e.factor().credential().isPresent() && now.contains(e.factor())));
  }

  /** A token not yet in use can be proved where its first code starts it. */
  private static boolean startsPending(Operation operation) {
    return operation instanceof Operation.StaffLogin || "START_TOKEN".equals(key(operation));
  }

  private static boolean provable(Factor factor, Holdings holdings, boolean pendingCounts) {
    Optional<CredentialKind> kind = factor.credential();
    if (kind.isEmpty()) {
      return true;
    }
    Standing s = holdings.of(kind.get());
    return s == Standing.USABLE || (pendingCounts && s == Standing.PENDING);
  }

  @Override
  public String toString() {
    return "FactorPolicy" + byOperation + linking;
  }
}

package dev.ichie.server.factor;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a customer holds, kind by kind: the input of {@link FactorPolicy} besides the operation.
 *
 * @param standings the standing of each kind; a missing kind is {@link Standing#NONE}
 */
public record Holdings(Map<CredentialKind, Standing> standings) {

  /** Nothing but passwords. */
  public static final Holdings NONE = new Holdings(Map.of());

  /** Copies the map. */
  public Holdings {
    standings = Map.copyOf(standings);
  }

  /**
   * Holdings of one kind.
   *
   * @param kind the kind
   * @param standing its standing
   * @return the holdings
   */
  public static Holdings of(CredentialKind kind, Standing standing) {
    Map<CredentialKind, Standing> m = new EnumMap<>(CredentialKind.class);
    m.put(kind, standing);
    return new Holdings(m);
  }

  /**
   * The standing of a kind.
   *
   * @param kind the kind
   * @return its standing, NONE if not held
   */
  public Standing of(CredentialKind kind) {
    return standings.getOrDefault(kind, Standing.NONE);
  }

  /**
   * Whether the customer holds a credential that proves possession, usable or locked: then a
   * combination of passwords alone is not enough.
   *
   * @return true if so
   */
  public boolean holdsPossession() {
    return standings.values().stream().anyMatch(s -> s == Standing.USABLE || s == Standing.LOCKED);
  }
}

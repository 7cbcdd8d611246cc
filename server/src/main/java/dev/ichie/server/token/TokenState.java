package dev.ichie.server.token;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a token: ISSUED (waiting for the app) → ACTIVATED (the app holds the secret) → ACTIVE
 * (in use) → REVOKED; ISSUED can end EXPIRED or VOID; ACTIVATED and ACTIVE can be LOCKED until a
 * branch unlock.
 */
public enum TokenState {
  /** Issued in web banking; waiting for the token app's activation. */
  ISSUED,
  /** The token app holds the secret; waiting for the first code (start of use). */
  ACTIVATED,
  /** In use: login and transactions need a code. */
  ACTIVE,
  /** Too many wrong codes; only the branch can unlock or reset it. */
  LOCKED,
  /** Deactivated by the customer or reset by the branch. Ended. */
  REVOKED,
  /** Not activated within the issuance lifetime. Ended. */
  EXPIRED,
  /** Too many wrong activation passwords. Ended. */
  VOID;

  /**
   * Whether the token has ended; an ended token never changes again.
   *
   * @return true for REVOKED, EXPIRED and VOID
   */
  public boolean ended() {
    return this == REVOKED || this == EXPIRED || this == VOID;
  }

  /**
   * The states this one may move to.
   *
   * @return the legal next states
   */
  public Set<TokenState> next() {
    return switch (this) {
      case ISSUED -> EnumSet.of(ACTIVATED, EXPIRED, VOID, REVOKED);
      case ACTIVATED -> EnumSet.of(ACTIVE, LOCKED, REVOKED);
      case ACTIVE -> EnumSet.of(LOCKED, REVOKED);
      case LOCKED -> EnumSet.of(ACTIVATED, ACTIVE, REVOKED);
      case REVOKED, EXPIRED, VOID -> EnumSet.noneOf(TokenState.class);
    };
  }

  /**
   * Whether moving to {@code target} is legal.
   *
   * @param target the next state
   * @return true if legal
   */
  public boolean canMoveTo(TokenState target) {
    return next().contains(target);
  }
}

package dev.ichie.server.factor;

/** Where a customer's credentials of one kind stand, the best of them. */
public enum Standing {
  /** None that has not ended, or none set up yet. */
  NONE,
  /** Set up but not yet in use (a token activated but not started). */
  PENDING,
  /** Locked after wrong tries: held, but unusable until the branch unlocks it. */
  LOCKED,
  /** In use. */
  USABLE
}

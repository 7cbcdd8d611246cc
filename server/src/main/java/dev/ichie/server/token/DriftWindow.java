package dev.ichie.server.token;

/**
 * Which time steps a code may come from, around a token's learned drift, and how the drift moves.
 * The window is one step either side of the drift and of the server's own step, never beyond {@code
 * max} steps from the server's clock: a customer's current code always works, and codes from
 * further ahead are wrong. An accepted code moves the stored drift one step toward it at most.
 * Pure.
 */
final class DriftWindow {

  static final int SIDE = 1;

  private DriftWindow() {}

  /** The first accepted offset from the server's step (zero or below). */
  static int first(int drift, int max) {
    return Math.max(-max, Math.min(drift - SIDE, -SIDE));
  }

  /** The last accepted offset from the server's step (zero or above). */
  static int last(int drift, int max) {
    return Math.min(max, Math.max(drift + SIDE, SIDE));
  }

  /** The drift to store after a code at {@code offset} steps was accepted. */
  static int next(int drift, long offset, int max) {
    long moved = drift + Math.max(-1, Math.min(1, offset - drift));
    return (int) Math.max(-max, Math.min(max, moved));
  }
}

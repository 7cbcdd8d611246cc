package dev.ichie.server.factor;

import java.time.Instant;

/**
 * A customer's transfers of the bank's day so far, their own daily limit, and a cooling-off in
 * force: what {@link FactorPolicy} reads, with the holdings, to decide a transfer.
 *
 * @param spent yen transferred today
 * @param own the customer's own daily limit in force now; {@link Long#MAX_VALUE} when they set none
 * @param coolingUntil until when a cooling-off holds new payees and caps the day, or null when none
 *     is in force now
 * @param coolingReason what started it ({@link CoolingOff.Reason}), or null
 * @param held whether the bank's systems hold the customer's transfers ({@link TransferHolds}):
 *     then only 取引認証 lets one through
 */
public record TransferUsage(
    long spent, long own, Instant coolingUntil, CoolingOff.Reason coolingReason, boolean held) {

  /**
   * A usage without a cooling-off.
   *
   * @param spent yen transferred today
   * @param own the customer's own limit
   */
  public TransferUsage(long spent, long own) {
    this(spent, own, null, null, false);
  }

  /**
   * Whether a cooling-off is in force.
   *
   * @return true if so
   */
  public boolean coolingOff() {
    return coolingUntil != null;
  }

  /** Nothing spent, no limit of the customer's own: for operations that are not transfers. */
  public static final TransferUsage NONE = new TransferUsage(0, Long.MAX_VALUE);

  /** Validates the figures. */
  public TransferUsage {
    if (spent < 0 || own < 0) {
      throw new IllegalArgumentException("a transfer usage is not negative");
    }
  }

  /**
   * The most the day's transfers may sum to with factors of a tier.
   *
   * @param limits the service's limits
   * @param tier the tier
   * @return yen
   */
  public long ceiling(TransferLimits limits, TransferLimits.Tier tier) {
    long c = Math.min(own, limits.cap(tier));
    return coolingOff() ? Math.min(c, limits.coolingOffCap()) : c;
  }

  /**
   * What is left today at a tier.
   *
   * @param limits the service's limits
   * @param tier the tier
   * @return yen, never negative
   */
  public long left(TransferLimits limits, TransferLimits.Tier tier) {
    return Math.max(0, ceiling(limits, tier) - spent);
  }
}

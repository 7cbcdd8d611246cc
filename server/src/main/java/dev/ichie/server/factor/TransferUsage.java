package dev.ichie.server.factor;

/**
 * A customer's transfers of the bank's day so far and their own daily limit: what {@link
 * FactorPolicy} reads, with the holdings, to decide a transfer.
 *
 * @param spent yen transferred today
 * @param own the customer's own daily limit in force now; {@link Long#MAX_VALUE} when they set none
 */
public record TransferUsage(long spent, long own) {

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
    return Math.min(own, limits.cap(tier));
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

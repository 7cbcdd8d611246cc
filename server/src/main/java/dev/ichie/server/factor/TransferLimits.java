package dev.ichie.server.factor;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much a customer may transfer in one of the bank's days, by the strongest factor the transfer
 * was proved with, and how long a raise of the customer's own limit waits. One service's setting
 * ({@code ichie.factors.transfer-limits.<service>.*}).
 *
 * @param password yen a day with passwords alone (default 200,000)
 * @param otp yen a day with a one-time password (default 5,000,000)
 * @param linked yen a day with a factor linked to the transfer: 取引認証 or a bound passkey assertion
 *     (default 10,000,000)
 * @param raiseDelay how long after the customer asks a raise of their own limit takes effect
 *     (default 24 hours); a lowering takes effect at once
 * @param coolingOff how long after a change of the customer's factors or a login from a new device
 *     transfers to new payees are held and the day's transfers capped (default 72 hours; 0: none)
 * @param coolingOffCap the most a day's transfers may sum to meanwhile (default 100,000 yen)
 */
public record TransferLimits(
    @DefaultValue("200000") long password,
    @DefaultValue("5000000") long otp,
    @DefaultValue("10000000") long linked,
    @DefaultValue("24h") Duration raiseDelay,
    @DefaultValue("72h") Duration coolingOff,
    @DefaultValue("100000") long coolingOffCap) {

  /** The defaults. */
  public static final TransferLimits DEFAULTS =
      new TransferLimits(
          200_000, 5_000_000, 10_000_000, Duration.ofHours(24), Duration.ofHours(72), 100_000);

  /** The strength of the factors a transfer was proved with, weakest first. */
  public enum Tier {
    /** Passwords alone. */
    PASSWORD,
    /** A one-time password. */
    OTP,
    /** 取引認証, or a passkey assertion (bound to the transfer, or the session's). */
    LINKED;

    /**
     * The tier of a set of factors: that of its strongest.
     *
     * @param factors the factors proved
     * @return the tier
     */
    public static Tier of(Set<Factor> factors) {
      if (factors.contains(Factor.TRANSACTION_SIGNATURE)
          || factors.contains(Factor.PASSKEY_BOUND)
          || factors.contains(Factor.PASSKEY)) {
        return LINKED;
      }
      return factors.contains(Factor.OTP) ? OTP : PASSWORD;
    }
  }

  /** Validates the limits: positive, and none weaker above a stronger. */
  public TransferLimits {
    Objects.requireNonNull(raiseDelay, "raiseDelay");
    if (password < 1 || otp < password || linked < otp) {
      throw new IllegalArgumentException(
          "ichie.factors.transfer-limits: 0 < password <= otp <= linked");
    }
    if (raiseDelay.isNegative()) {
      throw new IllegalArgumentException("ichie.factors.transfer-limits: raise-delay >= 0");
    }
    Objects.requireNonNull(coolingOff, "coolingOff");
    if (coolingOff.isNegative() || coolingOffCap < 0) {
      throw new IllegalArgumentException(
          "ichie.factors.transfer-limits: cooling-off and cooling-off-cap >= 0");
    }
  }

  /**
   * The most a day's transfers may sum to at a tier.
   *
   * @param tier the tier
   * @return yen
   */
  public long cap(Tier tier) {
    return switch (tier) {
      case PASSWORD -> password;
      case OTP -> otp;
      case LINKED -> linked;
    };
  }
}

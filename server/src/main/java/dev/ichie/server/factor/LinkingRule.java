package dev.ichie.server.factor;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a transfer needs a factor linked to its payee and amount (取引認証, or a passkey assertion bound
 * to it) from a customer whose token has a device key; below it, the token's code still does. One
 * service's setting ({@code ichie.factors.transaction-signature.<service>.*}).
 *
 * @param above transfers of more than this many yen need it; 0 (the default): every transfer
 * @param newPayees whether a transfer to an account the customer has not paid before needs it
 *     whatever its amount (default true)
 * @param passkeyBound whether a passkey assertion bound to the transfer also satisfies it (default
 *     true)
 */
public record LinkingRule(
    @DefaultValue("0") long above,
    @DefaultValue("true") boolean newPayees,
    @DefaultValue("true") boolean passkeyBound) {

  /** Every transfer, a bound passkey assertion counting: the default. */
  public static final LinkingRule EVERY_TRANSFER = new LinkingRule(0, true, true);

  /** Validates the amount. */
  public LinkingRule {
    if (above < 0) {
      throw new IllegalArgumentException("ichie.factors.transaction-signature: above is >= 0");
    }
  }

  /**
   * Whether an operation needs a linked factor, when the customer can give one.
   *
   * @param operation the operation
   * @return true for a transfer above the amount, or to a new payee when those count
   */
  public boolean applies(Operation operation) {
    return operation instanceof Operation.Transfer t
        && (t.amount() > above || (newPayees && t.newPayee()));
  }

  /**
   * Whether a factor is linked to the operation it proves.
   *
   * @param factor the factor
   * @return true for 取引認証, and for a bound passkey assertion where it counts
   */
  public boolean links(Factor factor) {
    return factor == Factor.TRANSACTION_SIGNATURE
        || (passkeyBound && factor == Factor.PASSKEY_BOUND);
  }
}

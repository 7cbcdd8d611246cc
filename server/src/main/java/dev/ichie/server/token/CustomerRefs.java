package dev.ichie.server.token;

import java.util.regex.Pattern;

/**
 * The one rule of a customer's reference, as the bank's systems send it: 1 to 64 safe characters.
 */
public final class CustomerRefs {

  private static final Pattern CUSTOMER_REF = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private CustomerRefs() {}

  /**
   * Whether a reference follows the rule.
   *
   * @param customerRef the reference, or null
   * @return true when it does
   */
  public static boolean valid(String customerRef) {
    return customerRef != null && CUSTOMER_REF.matcher(customerRef).matches();
  }
}

package dev.ichie.server.token;

import java.util.regex.Pattern;

/**
 * The one rule of a customer's reference, as the bank's systems send it: 1 to 64 safe characters.
 */
public final class CustomerRefs {

  /** The rule as a regular expression (also the OpenAPI document's pattern). */
  public static final String REGEX = "[A-Za-z0-9._@-]{1,64}";

  private static final Pattern CUSTOMER_REF = Pattern.compile(REGEX);

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

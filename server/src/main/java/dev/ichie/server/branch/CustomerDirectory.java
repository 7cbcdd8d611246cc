package dev.ichie.server.branch;

import java.util.List;
import java.util.Optional;

/**
 * The bank's customer records, as the branch sees them: who a customer is, and the state of their
 * login. Web banking provides it; a bank with its own web banking provides its own.
 */
public interface CustomerDirectory {

  /**
   * A customer.
   *
   * @param customerRef the reference the OTP service knows them by
   * @param loginId the web-banking login ID
   * @param name the name
   * @param loginLocked whether the login is locked after wrong passwords
   * @param loginFailures consecutive wrong login passwords
   * @param confirmLocked whether the confirmation password is locked
   */
  record Entry(
      String customerRef,
      String loginId,
      String name,
      boolean loginLocked,
      int loginFailures,
      boolean confirmLocked) {}

  /**
   * Customers whose login ID is the text, or whose name contains it.
   *
   * @param text the search text
   * @param limit at most this many
   * @return the customers
   */
  List<Entry> search(String text, int limit);

  /**
   * One customer.
   *
   * @param customerRef the reference
   * @return the customer, if known
   */
  Optional<Entry> find(String customerRef);

  /**
   * Unlocks a locked login (and the confirmation password), resetting their failure counts.
   *
   * @param customerRef the customer
   * @return true if something was locked and is now unlocked
   */
  boolean unlockLogin(String customerRef);
}

package dev.ichie.server.netbank;

import java.io.Serial;
import java.io.Serializable;

/**
 * A customer logged in to web banking; kept in the HTTP session. Holds no password.
 *
 * @param customerId the bank's customer number, which is the OTP service's customer reference
 * @param loginId the login ID
 * @param name the customer's name
 */
public record NetbankUser(String customerId, String loginId, String name) implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
}

package dev.ichie.server.branch;

import java.io.Serial;
import java.io.Serializable;

/**
 * A staff member as the console sees them; kept in the HTTP session. Holds no password.
 *
 * @param loginId the staff login ID, also their customer reference in the staff OTP service
 * @param name the name
 * @param role what they may do
 * @param branch their branch
 */
public record StaffMember(String loginId, String name, StaffRole role, String branch)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
}

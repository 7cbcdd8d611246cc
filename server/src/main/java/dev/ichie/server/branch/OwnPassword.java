package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.Subject;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A staff member choosing their own password in place of one they were given: the given one is
 * checked under its lockout; the new one is at least {@value #MIN_LENGTH} characters and not the
 * given one.
 */
@Component
@BranchEnabled
final class OwnPassword {

  static final int MIN_LENGTH = 12;

  private final StaffAccounts staff;
  private final FactorCheck factors;
  private final BranchProperties properties;

  OwnPassword(StaffAccounts staff, FactorCheck factors, BranchProperties properties) {
    this.staff = staff;
    this.factors = factors;
    this.properties = properties;
  }

  /**
   * Sets the new password if the change may be made.
   *
   * @return empty when changed, else the message key of what is wrong
   */
  Optional<String> change(
      StaffMember member, String current, String password, String repeat, Actor actor) {
    if (current.length() > 64 || password.length() > 64) {
      return Optional.of("branch.password.error.wrong");
    }
    boolean right =
        factors
            .check(
                new Subject(properties.staffServiceId(), member.loginId()),
                new Operation.StaffLogin(),
                Set.of(),
                actor,
                new Proof.Password(Factor.STAFF_PASSWORD, current))
            .refusal()
            .isEmpty();
    if (!right) {
      return Optional.of("branch.password.error.wrong");
    }
    String problem =
        password.codePointCount(0, password.length()) < MIN_LENGTH
            ? "branch.password.error.short"
            : password.equals(current)
                ? "branch.password.error.same"
                : !password.equals(repeat) ? "branch.password.error.repeat" : null;
    if (problem != null) {
      return Optional.of(problem);
    }
    staff.changePassword(member.loginId(), password, actor);
    return Optional.empty();
  }
}

package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;

/**
 * The administrator's request for a change to an existing staff account.
 *
 * @param action any request action but CREATE
 * @param role for a role change, the new role
 * @param reason why, up to 150 characters
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, StaffChangeForm.class})
record StaffChangeForm(
    String action,
    String role,
    @NotBlank(groups = Forms.Required.class, message = "branch.staff.error.reason")
        @Size(max = 150, groups = Forms.Shape.class, message = "branch.staff.error.reason")
        @Pattern(
            regexp = "\\P{Cc}*",
            groups = Forms.Shape.class,
            message = "branch.staff.error.reason")
        String reason) {

  static final String[] ORDER = {"actionKnown", "roleGiven", "reason"};

  StaffChangeForm {
    action = Forms.text(action);
    role = Forms.text(role);
    reason = Forms.text(reason).strip();
  }

  /** One of the changes. */
  @AssertTrue(groups = Forms.Required.class, message = "branch.staff.error.action")
  boolean isActionKnown() {
    return Arrays.stream(StaffRequests.Action.values())
        .anyMatch(a -> a != StaffRequests.Action.CREATE && a.name().equals(action));
  }

  /** A role change names one of the roles. */
  @AssertTrue(groups = Forms.Required.class, message = "branch.staff.error.action")
  boolean isRoleGiven() {
    return !StaffRequests.Action.CHANGE_ROLE.name().equals(action)
        || Arrays.stream(StaffRole.values()).anyMatch(r -> r.name().equals(role));
  }

  /** The request's action. */
  StaffRequests.Action change() {
    return StaffRequests.Action.valueOf(action);
  }

  /** The new role of a role change, else null. */
  StaffRole newRole() {
    return change() == StaffRequests.Action.CHANGE_ROLE ? StaffRole.valueOf(role) : null;
  }
}

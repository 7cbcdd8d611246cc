package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import dev.ichie.server.system.MailAddresses;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;

/**
 * The administrator's request for a new staff account (a second administrator approves it; the
 * password is a one-time one made then, the token the staff member's own).
 *
 * @param loginId the staff ID
 * @param name the name
 * @param role TELLER, SUPERVISOR or ADMIN
 * @param branch the branch
 * @param mail the staff member's mail address, where their token's link goes
 * @param reason why, up to 150 characters
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, StaffForm.class})
record StaffForm(
    @NotBlank(groups = Forms.Required.class, message = "branch.staff.error.loginId")
        @Pattern(
            regexp = StaffAccounts.LOGIN_ID_PATTERN,
            groups = Forms.Shape.class,
            message = "branch.staff.error.loginId")
        String loginId,
    @NotBlank(groups = Forms.Required.class, message = "branch.staff.error.fields")
        @Size(max = 100, groups = Forms.Shape.class, message = "branch.staff.error.fields")
        String name,
    String role,
    @NotBlank(groups = Forms.Required.class, message = "branch.staff.error.fields")
        @Size(max = 60, groups = Forms.Shape.class, message = "branch.staff.error.fields")
        String branch,
    String mail,
    @NotBlank(groups = Forms.Required.class, message = "branch.staff.error.fields")
        @Size(max = 150, groups = Forms.Shape.class, message = "branch.staff.error.fields")
        @Pattern(
            regexp = "\\P{Cc}*",
            groups = Forms.Shape.class,
            message = "branch.staff.error.fields")
        String reason) {

  static final String[] ORDER = {"roleKnown", "name", "branch", "mailValid", "reason", "loginId"};

  StaffForm {
    loginId = Forms.text(loginId).strip();
    name = Forms.text(name).strip();
    role = Forms.text(role);
    branch = Forms.text(branch).strip();
    mail = Forms.text(mail).strip();
    reason = Forms.text(reason).strip();
  }

  /** One of the roles. */
  @AssertTrue(groups = Forms.Required.class, message = "branch.staff.error.fields")
  boolean isRoleKnown() {
    return Arrays.stream(StaffRole.values()).anyMatch(r -> r.name().equals(role));
  }

  /** The one mail rule. */
  @AssertTrue(groups = Forms.Shape.class, message = "branch.staff.error.fields")
  boolean isMailValid() {
    return MailAddresses.valid(mail);
  }

  @Override
  public String toString() {
    return "StaffForm[" + loginId + ", " + role + ", …]";
  }
}

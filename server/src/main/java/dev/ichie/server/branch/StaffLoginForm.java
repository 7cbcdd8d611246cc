package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The staff login form (職員ID, password).
 *
 * @param loginId the staff ID, without surrounding spaces
 * @param password the password, as typed
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, StaffLoginForm.class})
record StaffLoginForm(
    @NotEmpty(groups = Forms.Required.class, message = "login.error.empty")
        @Size(max = 32, groups = Forms.Shape.class, message = "branch.login.error.wrong")
        String loginId,
    @NotEmpty(groups = Forms.Required.class, message = "login.error.empty")
        @Size(max = 64, groups = Forms.Shape.class, message = "branch.login.error.wrong")
        String password) {

  static final String[] ORDER = {"loginId", "password"};

  StaffLoginForm {
    loginId = Forms.text(loginId).strip();
    password = Forms.text(password);
  }

  @Override
  public String toString() {
    return "StaffLoginForm[" + loginId + ", …]";
  }
}

package dev.ichie.server.netbank;

import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * The login form (ログインID, ログインパスワード).
 *
 * @param loginId the login ID, without surrounding spaces
 * @param password the login password, as typed
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, LoginForm.class})
record LoginForm(
    @NotEmpty(groups = Forms.Required.class, message = "login.error.empty")
        @Size(max = 32, groups = Forms.Shape.class, message = "login.error.wrong")
        String loginId,
    @NotEmpty(groups = Forms.Required.class, message = "login.error.empty")
        @Size(max = 64, groups = Forms.Shape.class, message = "login.error.wrong")
        String password) {

  static final String[] ORDER = {"loginId", "password"};

  LoginForm {
    loginId = Forms.text(loginId).strip();
    password = Forms.text(password);
  }

  @Override
  public String toString() {
    return "LoginForm[" + loginId + ", …]";
  }
}

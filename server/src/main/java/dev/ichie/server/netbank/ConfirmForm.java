package dev.ichie.server.netbank;

import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;

/**
 * A form with only the confirmation password (ワンタイムパスワード利用解除, F6).
 *
 * @param confirmPassword the confirmation password, as typed
 */
@GroupSequence({Forms.Required.class, ConfirmForm.class})
record ConfirmForm(
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        String confirmPassword) {

  ConfirmForm {
    confirmPassword = Forms.text(confirmPassword);
  }

  @Override
  public String toString() {
    return "ConfirmForm[…]";
  }
}

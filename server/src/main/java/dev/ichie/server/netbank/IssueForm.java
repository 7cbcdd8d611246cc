package dev.ichie.server.netbank;

import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import dev.ichie.server.system.MailAddresses;
import dev.ichie.server.token.ActivationPasswords;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * The token issuance form (トークン発行, F1).
 *
 * @param mobileMail the mobile mail address, without surrounding spaces
 * @param activationPassword the activation password, full-width digits taken
 * @param confirmPassword the confirmation password, as typed
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, IssueForm.class})
record IssueForm(
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required") String mobileMail,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Pattern(
            regexp =
                "[0-9]{"
                    + ActivationPasswords.MIN_LENGTH
                    + ","
                    + ActivationPasswords.MAX_LENGTH
                    + "}",
            groups = Forms.Shape.class,
            message = "issue.error.activationFormat")
        String activationPassword,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        String confirmPassword) {

  static final String[] ORDER = {
    "mobileMail", "mailValid", "activationPassword", "activationAcceptable", "confirmPassword"
  };

  IssueForm {
    mobileMail = Forms.text(mobileMail).strip();
    activationPassword = Digits.normalize(activationPassword);
    confirmPassword = Forms.text(confirmPassword);
  }

  /** The one mail rule. */
  @AssertTrue(groups = Forms.Shape.class, message = "issue.error.mail")
  boolean isMailValid() {
    return MailAddresses.valid(mobileMail);
  }

  /** A well-formed activation password that is not a run or one digit repeated. */
  @AssertTrue(groups = Forms.Shape.class, message = "issue.error.activationTrivial")
  boolean isActivationAcceptable() {
    return !Digits.digits(
            activationPassword, ActivationPasswords.MIN_LENGTH, ActivationPasswords.MAX_LENGTH)
        || ActivationPasswords.acceptable(activationPassword);
  }

  @Override
  public String toString() {
    return "IssueForm[" + mobileMail + ", …]";
  }
}

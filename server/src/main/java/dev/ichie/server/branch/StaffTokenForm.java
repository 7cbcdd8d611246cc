package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import dev.ichie.server.token.ActivationPasswords;
import jakarta.validation.constraints.AssertTrue;

/**
 * The administrator's form issuing a staff member's token: the activation password they will type
 * into the app.
 *
 * @param activationPassword 4 to 8 digits, not trivial
 */
record StaffTokenForm(String activationPassword) {

  StaffTokenForm {
    activationPassword = Forms.text(activationPassword);
  }

  /** The rule of every activation password. */
  @AssertTrue(message = "issue.error.activationTrivial")
  boolean isAcceptable() {
    return ActivationPasswords.acceptable(activationPassword);
  }

  @Override
  public String toString() {
    return "StaffTokenForm[…]";
  }
}

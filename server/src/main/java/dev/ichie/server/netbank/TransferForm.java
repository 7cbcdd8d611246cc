package dev.ichie.server.netbank;

import dev.ichie.server.factor.Operation;
import dev.ichie.server.passkey.WebAuthnJson;
import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The transfer form (振込): payee, amount, 確認用パスワード and, when the token is in use, the code (checked
 * by the controller, which knows whether one is needed).
 *
 * @param requestKey the form's one-time request key
 * @param accountId the account to pay from
 * @param payeeBank the payee's bank and branch
 * @param payeeNumber the payee's account number, full-width digits taken
 * @param payeeName the payee's name
 * @param amount the amount in yen, full-width digits and commas taken
 * @param confirmPassword the confirmation password, as typed
 * @param code the one-time password, normalised
 * @param passkeyChallenge the challenge of a passkey assertion bound to this transfer, or empty
 * @param passkeyCredential that assertion, JSON, or empty
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, TransferForm.class})
record TransferForm(
    String requestKey,
    String accountId,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Size(max = 60, groups = Forms.Shape.class, message = "transfer.error.payee")
        @Pattern(regexp = "\\P{Cc}*", groups = Forms.Shape.class, message = "transfer.error.payee")
        String payeeBank,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Pattern(regexp = "[0-9]{7}", groups = Forms.Shape.class, message = "transfer.error.number")
        String payeeNumber,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Size(max = 60, groups = Forms.Shape.class, message = "transfer.error.payee")
        @Pattern(regexp = "\\P{Cc}*", groups = Forms.Shape.class, message = "transfer.error.payee")
        String payeeName,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Pattern(
            regexp = "[0-9]{1,8}",
            groups = Forms.Shape.class,
            message = "transfer.error.amount")
        String amount,
    String confirmPassword,
    String code,
    String passkeyChallenge,
    @Size(
            max = WebAuthnJson.MAX_LENGTH,
            groups = Forms.Shape.class,
            message = "passkey.error.failed")
        String passkeyCredential) {

  /** The largest amount of one transfer, in yen. */
  static final long MAX_AMOUNT = 10_000_000L;

  static final String[] ORDER = {
    "payeeBank",
    "payeeName",
    "payeeNumber",
    "amount",
    "amountInRange",
    "passkeyCredential",
    "confirmGiven"
  };

  TransferForm {
    requestKey = Forms.text(requestKey);
    accountId = Forms.text(accountId);
    payeeBank = Forms.text(payeeBank).strip();
    payeeNumber = Digits.normalize(payeeNumber);
    payeeName = Forms.text(payeeName).strip();
    amount = Digits.normalize(amount).replace(",", "");
    confirmPassword = Forms.text(confirmPassword);
    code = Digits.code(code);
    passkeyChallenge = Forms.text(passkeyChallenge);
    passkeyCredential = Forms.text(passkeyCredential);
  }

  /**
   * The confirmation password, unless a passkey assertion stands in for it: checked last, so that
   * the options of an assertion can be asked for with the other fields alone.
   */
  @AssertTrue(message = "form.error.required")
  boolean isConfirmGiven() {
    return !confirmPassword.isEmpty() || byPasskey();
  }

  /** Whether the transfer comes with a passkey assertion. */
  boolean byPasskey() {
    return !passkeyChallenge.isEmpty();
  }

  /** The operation this form asks for, once it is valid: what a bound assertion must be for. */
  Operation.Transfer operation(String currency) {
    return new Operation.Transfer(payeeBank, payeeNumber, payeeName, yen(), currency);
  }

  /** Whether a well-formed amount is within 1 yen and {@link #MAX_AMOUNT}. */
  @AssertTrue(groups = Forms.Shape.class, message = "transfer.error.amount")
  boolean isAmountInRange() {
    return !amount.matches("[0-9]{1,8}") || (yen() >= 1 && yen() <= MAX_AMOUNT);
  }

  /** The amount, once the form is valid. */
  long yen() {
    return Long.parseLong(amount);
  }

  @Override
  public String toString() {
    return "TransferForm[" + payeeBank + ", " + payeeNumber + ", " + amount + ", …]";
  }
}

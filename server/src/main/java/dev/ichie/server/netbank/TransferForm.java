package dev.ichie.server.netbank;

import dev.ichie.activation.Confirmation;
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
 * @param payeeBank the payee's bank
 * @param payeeBranch the payee's branch
 * @param payeeAccountType the account's type (科目), one of {@link AccountType}
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
        @Pattern(
            regexp = Confirmation.SHOWABLE,
            groups = Forms.Shape.class,
            message = "transfer.error.payee")
        String payeeBank,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Size(max = 60, groups = Forms.Shape.class, message = "transfer.error.payee")
        @Pattern(
            regexp = Confirmation.SHOWABLE,
            groups = Forms.Shape.class,
            message = "transfer.error.payee")
        String payeeBranch,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Pattern(
            regexp = "ORDINARY|CURRENT|SAVINGS",
            groups = Forms.Shape.class,
            message = "transfer.error.accountType")
        String payeeAccountType,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Pattern(regexp = "[0-9]{7}", groups = Forms.Shape.class, message = "transfer.error.number")
        String payeeNumber,
    @NotEmpty(groups = Forms.Required.class, message = "form.error.required")
        @Size(max = 60, groups = Forms.Shape.class, message = "transfer.error.payee")
        @Pattern(
            regexp = Confirmation.SHOWABLE,
            groups = Forms.Shape.class,
            message = "transfer.error.payee")
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
    "payeeBranch",
    "payeeAccountType",
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
    payeeBranch = Forms.text(payeeBranch).strip();
    payeeAccountType = Forms.text(payeeAccountType);
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

  /** The account types (科目) a payee's account may have, with the word the bank's records use. */
  enum AccountType {
    ORDINARY("普通"),
    CURRENT("当座"),
    SAVINGS("貯蓄");

    private final String word;

    AccountType(String word) {
      this.word = word;
    }

    /** The type as a transfer's field holds it. */
    String word() {
      return word;
    }
  }

  /**
   * The operation this form asks for, once it is valid: what a bound assertion and a 取引認証 are for.
   *
   * @param currency the currency
   * @param newPayee whether the customer has not paid this account before
   */
  Operation.Transfer operation(String currency, boolean newPayee) {
    return new Operation.Transfer(
        payeeBank,
        payeeBranch,
        AccountType.valueOf(payeeAccountType).word(),
        payeeNumber,
        payeeName,
        yen(),
        currency,
        newPayee);
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
    return "TransferForm["
        + payeeBank
        + ", "
        + payeeBranch
        + ", "
        + payeeNumber
        + ", "
        + amount
        + ", …]";
  }
}

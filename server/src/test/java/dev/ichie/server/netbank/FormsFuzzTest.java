package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The web banking's form records over any text, as a browser may send it: building a form and
 * validating it never throws, and a form that passes holds what its controller relies on (an amount
 * in range, seven ASCII digits for an account, 4 to 8 digits for an activation password).
 * Regression tests over their corpus ({@code FormsFuzzTestInputs/<target>}); real fuzzing with
 * {@code JAZZER_FUZZ=1}.
 */
class FormsFuzzTest {

  static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  @FuzzTest(maxDuration = "20s")
  void transferForm(FuzzedDataProvider data) {
    TransferForm form =
        new TransferForm(
            data.consumeString(40),
            data.consumeString(20),
            data.consumeString(80),
            data.consumeString(80),
            data.consumeBoolean() ? "ORDINARY" : data.consumeString(12),
            data.consumeString(16),
            data.consumeString(80),
            data.consumeString(20),
            data.consumeString(20),
            data.consumeString(12),
            data.consumeString(40),
            data.consumeRemainingAsString());
    if (VALIDATOR.validate(form).isEmpty()) {
      assertThat(form.payeeNumber()).matches("[0-9]{7}");
      assertThat(form.yen()).isBetween(1L, TransferForm.MAX_AMOUNT);
      assertThat(TransferForm.AccountType.valueOf(form.payeeAccountType())).isNotNull();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void issueForm(FuzzedDataProvider data) {
    IssueForm form =
        new IssueForm(
            data.consumeString(300), data.consumeString(20), data.consumeRemainingAsString());
    if (VALIDATOR.validate(form).isEmpty()) {
      assertThat(form.activationPassword()).matches("[0-9]{4,8}");
      assertThat(form.mobileMail()).contains("@");
    }
  }
}

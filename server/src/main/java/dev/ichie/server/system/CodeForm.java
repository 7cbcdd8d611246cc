package dev.ichie.server.system;

import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * A form with one one-time password: taken as the app shows it ({@code 123 456}) or in full-width
 * digits, then checked for the shape of a code.
 *
 * @param code the code, normalised ({@link Digits#code})
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, CodeForm.class})
public record CodeForm(
    @NotEmpty(groups = Forms.Required.class, message = "otp.error.empty")
        @Pattern(
            regexp = Forms.CODE_PATTERN,
            groups = Forms.Shape.class,
            message = "otp.error.format")
        String code) {

  /** Normalises the code. */
  public CodeForm {
    code = Digits.code(code);
  }

  @Override
  public String toString() {
    return "CodeForm[…]";
  }
}

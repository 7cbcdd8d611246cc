package dev.ichie.server.system;

import java.util.List;
import java.util.Optional;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * What the web forms share: their validation groups, checked in order (a missing field is said
 * before a malformed one), and the one message a form shows, chosen by the form's own field order.
 * Every constraint's message is a message key.
 */
public final class Forms {

  /** The first group: every required field is there. */
  public interface Required {}

  /** The second group: each field has its shape. */
  public interface Shape {}

  /** A one-time password's shape, from {@link dev.ichie.otp.TotpParameters}'s digit range. */
  public static final String CODE_PATTERN =
      "[0-9]{"
          + dev.ichie.otp.TotpParameters.MIN_DIGITS
          + ","
          + dev.ichie.otp.TotpParameters.MAX_DIGITS
          + "}";

  private Forms() {}

  /**
   * The message key of the first field in error, in the form's order.
   *
   * @param result the binding result
   * @param order the fields (or validated properties) in the order the form shows them
   * @return the key, or empty when the form is valid
   */
  public static Optional<String> error(BindingResult result, String... order) {
    if (!result.hasErrors()) {
      return Optional.empty();
    }
    for (String field : order) {
      FieldError e = result.getFieldError(field);
      if (e != null) {
        return Optional.of(key(e));
      }
    }
    List<FieldError> rest = result.getFieldErrors();
    return Optional.of(rest.isEmpty() ? INVALID : key(rest.get(0)));
  }

  /** The key of a field that could not be bound at all (a word where a yes or no belongs). */
  static final String INVALID = "form.error.invalid";

  private static String key(FieldError e) {
    return e.isBindingFailure() || e.getDefaultMessage() == null ? INVALID : e.getDefaultMessage();
  }

  /**
   * A text field as typed, never null.
   *
   * @param value the bound value, or null when the field was not sent
   * @return the value, or ""
   */
  public static String text(String value) {
    return value == null ? "" : value;
  }

  /**
   * Whether the text holds a control character (a line break in a name, say).
   *
   * @param s the text
   * @return true if so
   */
  public static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}

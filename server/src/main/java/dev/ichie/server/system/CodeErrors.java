package dev.ichie.server.system;

import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Verdict;
import org.springframework.ui.Model;

/** The message of a code that was not taken, the same on every screen that asks for one. */
public final class CodeErrors {

  private CodeErrors() {}

  /**
   * Puts the message of a code refused by the factor layer on a screen: {@code otp.error.<result>}
   * with the tries left, or the throttle's message.
   *
   * @param verdict the refused verdict
   * @param model the screen's model
   */
  public static void show(Verdict verdict, Model model) {
    ProofResult r = verdict.refusal().orElse(null);
    if (r == null) {
      model.addAttribute("error", "otp.error.NOT_ACTIVE");
    } else if (r.status() == ProofResult.Status.THROTTLED) {
      model.addAttribute("error", "factor.error.THROTTLED");
    } else {
      model.addAttribute("error", "otp.error." + r.reason());
      // A replayed code is not a wrong one: no count of tries left.
      if (r.attemptsLeft() != null && !"REPLAYED".equals(r.reason())) {
        model.addAttribute("failuresLeft", r.attemptsLeft());
      }
    }
  }
}

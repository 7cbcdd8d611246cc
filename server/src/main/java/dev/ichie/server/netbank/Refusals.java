package dev.ichie.server.netbank;

import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.CodeErrors;
import org.springframework.ui.Model;

/**
 * The message of a step that the factor layer did not allow, the same on every web banking screen
 * that asks for the confirmation password with a code or a passkey: the password's tries left, the
 * code's reason, the passkey's failure, or the throttle's message.
 */
final class Refusals {

  private Refusals() {}

  /**
   * Puts the message of a refused, blocked or incomplete verdict on a screen.
   *
   * @param verdict the verdict
   * @param model the screen's model
   */
  static void show(Verdict verdict, Model model) {
    ProofResult r = verdict.refusal().orElse(null);
    if (r == null) {
      model.addAttribute(
          "error",
          verdict.kind() == Verdict.Kind.BLOCKED ? "login.error.tokenLocked" : "otp.error.empty");
      return;
    }
    if (r.status() == ProofResult.Status.THROTTLED || r.status() == ProofResult.Status.BUSY) {
      model.addAttribute("error", "factor.error." + r.status().name());
    } else if (r.factor() == Factor.CONFIRMATION_PASSWORD) {
      boolean locked = r.status() == ProofResult.Status.LOCKED;
      model.addAttribute("error", locked ? "confirm.error.locked" : "confirm.error.wrong");
      if (!locked) {
        model.addAttribute("confirmLeft", r.attemptsLeft());
      }
    } else if (r.factor().phishingResistant()) {
      model.addAttribute(
          "error",
          r.status() == ProofResult.Status.LOCKED
              ? "passkey.error.locked"
              : "passkey.error.failed");
    } else {
      CodeErrors.show(verdict, model);
    }
  }
}

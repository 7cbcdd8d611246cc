package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;

/**
 * A teller's recovery request: the action, the reason, and how the customer's identity was checked.
 *
 * @param action UNLOCK_TOKEN, RESET_TOKEN, UNLOCK_LOGIN, REMOVE_PASSKEY or LIFT_HOLD
 * @param reason why, up to 150 characters
 * @param identityCheck one of the console's identity checks
 * @param identityNote a short note on the check, up to 40 characters
 * @param waiveNextDay whether a reset lets the customer re-issue at once
 * @param passkeyId for a passkey removal, the passkey; empty for all of them
 */
@GroupSequence({Forms.Required.class, Forms.Shape.class, RecoveryRequestForm.class})
record RecoveryRequestForm(
    String action,
    @NotEmpty(groups = Forms.Shape.class, message = "branch.request.error.fields")
        @Size(max = 150, groups = Forms.Shape.class, message = "branch.request.error.fields")
        @Pattern(
            regexp = "\\P{Cc}*",
            groups = Forms.Shape.class,
            message = "branch.request.error.fields")
        String reason,
    String identityCheck,
    @Size(max = 40, groups = Forms.Shape.class, message = "branch.request.error.fields")
        @Pattern(
            regexp = "\\P{Cc}*",
            groups = Forms.Shape.class,
            message = "branch.request.error.fields")
        String identityNote,
    Boolean waiveNextDay,
    @Size(max = 64, groups = Forms.Shape.class, message = "branch.request.error.fields")
        String passkeyId) {

  static final String[] ORDER = {
    "actionKnown", "reason", "identityCheckKnown", "identityNote", "passkeyId"
  };

  RecoveryRequestForm {
    action = Forms.text(action);
    reason = Forms.text(reason).strip();
    identityCheck = Forms.text(identityCheck);
    identityNote = Forms.text(identityNote).strip();
    waiveNextDay = Boolean.TRUE.equals(waiveNextDay);
    passkeyId = Forms.text(passkeyId);
  }

  /** The passkey a removal names, or null for all of them. */
  String passkey() {
    return passkeyId.isEmpty() ? null : passkeyId;
  }

  /** One of the actions. */
  @AssertTrue(groups = Forms.Required.class, message = "branch.request.error.action")
  boolean isActionKnown() {
    return Arrays.stream(RecoveryRequests.Action.values()).anyMatch(a -> a.name().equals(action));
  }

  /** One of the console's identity checks. */
  @AssertTrue(groups = Forms.Shape.class, message = "branch.request.error.fields")
  boolean isIdentityCheckKnown() {
    return ConsoleController.IDENTITY_CHECKS.contains(identityCheck);
  }

  /** What the request records as the identity check. */
  String identity() {
    return identityNote.isEmpty() ? identityCheck : identityCheck + ": " + identityNote;
  }
}

package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Operation.FactorChange.Change;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.CodeErrors;
import dev.ichie.server.system.CodeForm;
import dev.ichie.server.system.Forms;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenLifecycle;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.token.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 「ワンタイムパスワード申請」: the token's state and only the actions that apply — 「トークン発行」 (F1),
 * 「ワンタイムパスワード利用開始」 (F3), 「ワンタイムパスワード利用解除」 (F6).
 */
@Controller
@RequestMapping("/netbank/otp")
@NetbankEnabled
class OtpController {

  private static final String PAGE = "netbank/otp";
  private static final String ISSUE = "netbank/otp-issue";
  private static final String START = "netbank/otp-start";
  private static final String DEACTIVATE = "netbank/otp-deactivate";

  private final TokenQueries queries;
  private final TokenIssuance issuance;
  private final TokenLifecycle lifecycle;
  private final FactorCheck factors;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final Clock clock;

  OtpController(
      TokenQueries queries,
      TokenIssuance issuance,
      TokenLifecycle lifecycle,
      FactorCheck factors,
      NetbankSecurity security,
      NetbankProperties properties,
      Clock clock) {
    this.clock = clock;
    this.queries = queries;
    this.issuance = issuance;
    this.lifecycle = lifecycle;
    this.factors = factors;
    this.security = security;
    this.properties = properties;
  }

  private TokenStatus status(NetbankUser user) {
    return queries.status(properties.serviceId(), user.customerId()).status();
  }

  private Model page(NetbankUser user, Model model) {
    TokenStatus status = status(user);
    model.addAttribute("user", user);
    model.addAttribute("token", status);
    model.addAttribute("state", status == null ? null : status.state());
    model.addAttribute("zone", queries.timeZone(properties.serviceId()));
    model.addAttribute(
        "reissueWait",
        status != null
            && status.reissueNotBefore() != null
            && clock.instant().isBefore(status.reissueNotBefore()));
    return model;
  }

  @GetMapping
  String otp(@AuthenticationPrincipal NetbankUser user, Model model) {
    page(user, model);
    return PAGE;
  }

  // F1 --------------------------------------------------------------------------------------

  @GetMapping("/issue")
  String issueForm(@AuthenticationPrincipal NetbankUser user, Model model) {
    page(user, model);
    if (Boolean.TRUE.equals(model.getAttribute("reissueWait"))) {
      // Say so now, before the customer types the passwords only to be refused.
      model.addAttribute("error", "issue.error.REISSUE_NOT_YET");
      return PAGE;
    }
    return canIssue(status(user)) ? ISSUE : PAGE;
  }

  private static boolean canIssue(TokenStatus s) {
    return s == null || s.state() == null;
  }

  @PostMapping("/issue")
  String issue(
      @AuthenticationPrincipal NetbankUser user,
      @Valid IssueForm form,
      BindingResult binding,
      Authentication auth,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    String mail = form.mobileMail();
    String activation = form.activationPassword();
    String confirmPassword = form.confirmPassword();
    model.addAttribute("mobileMail", mail.length() <= 254 ? mail : "");
    Optional<String> invalid = Forms.error(binding, IssueForm.ORDER);
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return ISSUE;
    }
    String blocked = confirm(user, auth, Change.ISSUE_TOKEN, confirmPassword, request, model);
    if (blocked != null) {
      return blocked.isEmpty() ? ISSUE : blocked;
    }
    Outcome o =
        issuance.issue(
            properties.serviceId(), user.customerId(), mail, activation, actor(user, request));
    if (o.result() != Result.OK) {
      model.addAttribute("error", "issue.error." + o.result().name());
      page(user, model);
      return o.result() == Result.REISSUE_NOT_YET ? PAGE : ISSUE;
    }
    redirect.addFlashAttribute("justIssued", Boolean.TRUE);
    return "redirect:/netbank/otp/issued";
  }

  @GetMapping("/issued")
  String issued(@AuthenticationPrincipal NetbankUser user, Model model) {
    page(user, model);
    TokenStatus status = status(user);
    if (!model.containsAttribute("justIssued") || !is(status, TokenState.ISSUED)) {
      return "redirect:/netbank/otp";
    }
    model.addAttribute("issued", status);
    return "netbank/otp-issued";
  }

  // F3 --------------------------------------------------------------------------------------

  @GetMapping("/start")
  String startForm(@AuthenticationPrincipal NetbankUser user, Model model) {
    page(user, model);
    return START;
  }

  @PostMapping("/start")
  String start(
      @AuthenticationPrincipal NetbankUser user,
      @Valid CodeForm form,
      BindingResult binding,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    Optional<String> invalid = Forms.error(binding, "code");
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return START;
    }
    String normalized = form.code();
    Verdict verdict =
        factors.check(
            subject(user),
            new Operation.FactorChange(Change.START_TOKEN),
            PassedFactors.of(auth),
            actor(user, request),
            new Proof.OtpCode(normalized));
    if (verdict.allowed()) {
      security.passed(auth, verdict.passed(), request, response);
      redirect.addFlashAttribute("done", "start.done");
      return "redirect:/netbank/otp";
    }
    page(user, model);
    CodeErrors.show(verdict, model);
    return START;
  }

  // F6 --------------------------------------------------------------------------------------

  @GetMapping("/deactivate")
  String deactivateForm(@AuthenticationPrincipal NetbankUser user, Model model) {
    page(user, model);
    TokenStatus s = status(user);
    return s == null || s.state() == null ? PAGE : DEACTIVATE;
  }

  @PostMapping("/deactivate")
  String deactivate(
      @AuthenticationPrincipal NetbankUser user,
      @Valid ConfirmForm form,
      BindingResult binding,
      Authentication auth,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    Optional<String> invalid = Forms.error(binding, "confirmPassword");
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return DEACTIVATE;
    }
    String confirmPassword = form.confirmPassword();
    String blocked = confirm(user, auth, Change.STOP_TOKEN, confirmPassword, request, model);
    if (blocked != null) {
      return blocked.isEmpty() ? DEACTIVATE : blocked;
    }
    Outcome o =
        lifecycle.deactivate(properties.serviceId(), user.customerId(), actor(user, request));
    if (o.result() != Result.OK) {
      model.addAttribute("error", "deactivate.error." + o.result().name());
      page(user, model);
      return PAGE;
    }
    redirect.addFlashAttribute("done", "deactivate.done");
    redirect.addFlashAttribute("reissueNotBefore", o.status().reissueNotBefore());
    return "redirect:/netbank/otp";
  }

  /**
   * Asks the factor policy for a change of the customer's factors, with the confirmation password
   * and what the session passed at login.
   *
   * @return null when allowed; "" to show the form again with the error; a view name otherwise
   */
  private String confirm(
      NetbankUser user,
      Authentication auth,
      Change change,
      String confirmPassword,
      HttpServletRequest request,
      Model model) {
    Operation operation = new Operation.FactorChange(change);
    if (factors.requirement(subject(user), operation, PassedFactors.of(auth)).blocked()) {
      model.addAttribute("error", "login.error.tokenLocked");
      return PAGE;
    }
    if (confirmPassword.length() > 64) {
      model.addAttribute("error", "confirm.error.wrong");
      return "";
    }
    Verdict verdict =
        factors.check(
            subject(user),
            operation,
            PassedFactors.of(auth),
            actor(user, request),
            new Proof.Password(Factor.CONFIRMATION_PASSWORD, confirmPassword));
    if (verdict.allowed()) {
      return null;
    }
    ProofResult r = verdict.refusal().orElse(null);
    if (r == null) {
      model.addAttribute(
          "error",
          verdict.kind() == Verdict.Kind.BLOCKED
              ? "login.error.tokenLocked"
              : "factor.error.NEEDS");
      return verdict.kind() == Verdict.Kind.BLOCKED ? PAGE : "";
    }
    switch (r.status()) {
      case LOCKED -> model.addAttribute("error", "confirm.error.locked");
      case THROTTLED, BUSY -> model.addAttribute("error", "factor.error." + r.status().name());
      default -> {
        model.addAttribute("error", "confirm.error.wrong");
        model.addAttribute("confirmLeft", r.attemptsLeft());
      }
    }
    return "";
  }

  private Subject subject(NetbankUser user) {
    return new Subject(properties.serviceId(), user.customerId());
  }

  private static Actor actor(NetbankUser user, HttpServletRequest request) {
    return new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
  }

  static boolean is(TokenStatus s, TokenState state) {
    return s != null && s.state() == state;
  }
}

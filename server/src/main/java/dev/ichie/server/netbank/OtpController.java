package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.Digits;
import dev.ichie.server.token.ActivationPasswords;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenService;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.token.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 「ワンタイムパスワード申請」: the token's state and only the actions that apply — 「トークン発行」 (F1),
 * 「ワンタイムパスワード利用開始」 (F3), 「ワンタイムパスワード利用解除」 (F6).
 */
@Controller
@RequestMapping("/netbank/otp")
@NetbankEnabled
class OtpController {

  private static final Pattern MAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}");
  private static final String PAGE = "netbank/otp";
  private static final String ISSUE = "netbank/otp-issue";
  private static final String START = "netbank/otp-start";
  private static final String DEACTIVATE = "netbank/otp-deactivate";

  private final TokenService tokens;
  private final BankCustomers customers;
  private final SecondFactors factors;
  private final NetbankProperties properties;
  private final Clock clock;

  OtpController(
      TokenService tokens,
      BankCustomers customers,
      SecondFactors factors,
      NetbankProperties properties,
      Clock clock) {
    this.clock = clock;
    this.tokens = tokens;
    this.customers = customers;
    this.factors = factors;
    this.properties = properties;
  }

  private TokenStatus status(NetbankUser user) {
    return tokens.status(properties.serviceId(), user.customerId()).status();
  }

  private Model page(NetbankUser user, Model model) {
    TokenStatus status = status(user);
    model.addAttribute("user", user);
    model.addAttribute("token", status);
    model.addAttribute("state", status == null ? null : status.state());
    model.addAttribute("zone", tokens.timeZone(properties.serviceId()));
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
      @RequestParam(defaultValue = "") String mobileMail,
      @RequestParam(defaultValue = "") String activationPassword,
      @RequestParam(defaultValue = "") String confirmPassword,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    String mail = mobileMail.strip();
    String activation = Digits.normalize(activationPassword);
    model.addAttribute("mobileMail", mail.length() <= 254 ? mail : "");
    if (mail.isEmpty() || activation.isEmpty() || confirmPassword.isEmpty()) {
      model.addAttribute("error", "form.error.required");
      return ISSUE;
    }
    if (mail.length() > 254 || !MAIL.matcher(mail).matches()) {
      model.addAttribute("error", "issue.error.mail");
      return ISSUE;
    }
    if (!Digits.digits(
        activation, ActivationPasswords.MIN_LENGTH, ActivationPasswords.MAX_LENGTH)) {
      model.addAttribute("error", "issue.error.activationFormat");
      return ISSUE;
    }
    if (!ActivationPasswords.acceptable(activation)) {
      model.addAttribute("error", "issue.error.activationTrivial");
      return ISSUE;
    }
    String blocked = confirm(user, confirmPassword, request, model);
    if (blocked != null) {
      return blocked.isEmpty() ? ISSUE : blocked;
    }
    Outcome o =
        tokens.issue(
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
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    String normalized = Digits.normalize(code);
    if (!Digits.digits(normalized, 6, 8)) {
      model.addAttribute("error", normalized.isEmpty() ? "otp.error.empty" : "otp.error.format");
      return START;
    }
    Outcome o =
        tokens.startUse(
            properties.serviceId(), user.customerId(), normalized, actor(user, request));
    if (o.result() == Result.OK) {
      redirect.addFlashAttribute("done", "start.done");
      return "redirect:/netbank/otp";
    }
    page(user, model);
    model.addAttribute("error", "otp.error." + o.result().name());
    if (o.status() != null) {
      model.addAttribute("failuresLeft", o.status().failuresLeft());
    }
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
      @RequestParam(defaultValue = "") String confirmPassword,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, model);
    if (confirmPassword.isEmpty()) {
      model.addAttribute("error", "form.error.required");
      return DEACTIVATE;
    }
    String blocked = confirm(user, confirmPassword, request, model);
    if (blocked != null) {
      return blocked.isEmpty() ? DEACTIVATE : blocked;
    }
    Outcome o = tokens.deactivate(properties.serviceId(), user.customerId(), actor(user, request));
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
   * Checks the confirmation password.
   *
   * @return null when right; "" to show the form again with the error; a view name otherwise
   */
  private String confirm(
      NetbankUser user, String confirmPassword, HttpServletRequest request, Model model) {
    if (factors.requirement(user.customerId(), SecondFactors.Operation.OTP_SETTINGS).blocked()) {
      model.addAttribute("error", "login.error.tokenLocked");
      return PAGE;
    }
    if (confirmPassword.length() > 64) {
      model.addAttribute("error", "confirm.error.wrong");
      return "";
    }
    BankCustomers.CheckResult check =
        customers.checkConfirm(user.customerId(), confirmPassword, request.getRemoteAddr());
    return switch (check.check()) {
      case OK -> null;
      case LOCKED -> {
        model.addAttribute("error", "confirm.error.locked");
        yield "";
      }
      case WRONG -> {
        model.addAttribute("error", "confirm.error.wrong");
        model.addAttribute("confirmLeft", check.failuresLeft());
        yield "";
      }
    };
  }

  private static Actor actor(NetbankUser user, HttpServletRequest request) {
    return new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
  }

  static boolean is(TokenStatus s, TokenState state) {
    return s != null && s.state() == state;
  }
}

package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.CodeForm;
import dev.ichie.server.system.Forms;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Login (F4): login ID and login password, then, when the customer's token is active, a second
 * screen for the code. The session id changes after each step.
 */
@Controller
@RequestMapping("/netbank")
@NetbankEnabled
class LoginController {

  static final String PENDING = "ichie.netbank.pending";
  static final String PENDING_SINCE = "ichie.netbank.pendingSince";
  static final String PENDING_CHALLENGE = "ichie.netbank.pendingChallenge";
  private static final Operation LOGIN_OPERATION = new Operation.Login();
  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);
  private static final String LOGIN = "netbank/login";
  private static final String LOGIN_OTP = "netbank/login-otp";

  private final BankCustomers customers;
  private final FactorCheck factors;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final Clock clock;

  LoginController(
      BankCustomers customers,
      FactorCheck factors,
      NetbankSecurity security,
      NetbankProperties properties,
      Clock clock) {
    this.customers = customers;
    this.factors = factors;
    this.security = security;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/login")
  String loginForm() {
    return LOGIN;
  }

  @PostMapping("/login")
  String login(
      @Valid LoginForm form,
      BindingResult binding,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    String id = form.loginId();
    String password = form.password();
    model.addAttribute("loginId", id.length() <= 32 ? id : "");
    Optional<String> invalid = Forms.error(binding, LoginForm.ORDER);
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return LOGIN;
    }
    Optional<NetbankUser> known = customers.byLoginId(id);
    Subject subject =
        new Subject(properties.serviceId(), known.map(NetbankUser::customerId).orElse(""));
    Verdict verdict =
        factors.check(
            subject,
            LOGIN_OPERATION,
            Set.of(),
            new Actor(Actor.Type.CUSTOMER, id, request.getRemoteAddr()),
            new Proof.Password(Factor.LOGIN_PASSWORD, password));
    if (verdict.kind() == Verdict.Kind.REFUSED) {
      ProofResult r = verdict.refusal().orElseThrow();
      model.addAttribute(
          "error",
          switch (r.status()) {
            case LOCKED -> "login.error.locked";
            case THROTTLED, BUSY -> "factor.error." + r.status().name();
            default -> "login.error.wrong";
          });
      return LOGIN;
    }
    if (verdict.kind() != Verdict.Kind.ALLOWED && verdict.kind() != Verdict.Kind.NEEDS) {
      model.addAttribute("error", "login.error.tokenLocked");
      return LOGIN;
    }
    NetbankUser user = known.orElseThrow();
    customers.rememberLocale(user.customerId(), locale);
    if (verdict.kind() == Verdict.Kind.NEEDS && !verdict.missing().contains(Factor.OTP)) {
      // The service requires the passkey this customer holds: no code screen to lead nowhere.
      model.addAttribute("error", "login.error.passkeyRequired");
      return LOGIN;
    }
    if (verdict.kind() == Verdict.Kind.NEEDS) {
      request.changeSessionId();
      HttpSession session = request.getSession();
      session.setAttribute(PENDING, user);
      session.setAttribute(PENDING_SINCE, clock.instant());
      session.setAttribute(PENDING_CHALLENGE, verdict.challengeId());
      return "redirect:/netbank/login/otp";
    }
    security.signIn(user, verdict.passed(), request, response);
    return afterLogin(user);
  }

  /**
   * Where a customer goes once logged in: the top page, or, where the service requires a passkey
   * and they hold none, its registration.
   */
  private String afterLogin(NetbankUser user) {
    Subject subject = new Subject(properties.serviceId(), user.customerId());
    boolean holdsPasskey =
        factors.acceptable(subject, LOGIN_OPERATION).stream()
            .anyMatch(c -> c.factors().contains(Factor.PASSKEY));
    if (factors.policy(properties.serviceId()).phishingResistantRequired() && !holdsPasskey) {
      return "redirect:/netbank/passkeys?prompt";
    }
    return "redirect:/netbank/";
  }

  @GetMapping("/login/otp")
  String otpForm(HttpServletRequest request) {
    return pending(request) == null ? "redirect:/netbank/login" : LOGIN_OTP;
  }

  @PostMapping("/login/otp")
  String otp(
      @Valid CodeForm form,
      BindingResult binding,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    NetbankUser user = pending(request);
    if (user == null) {
      return "redirect:/netbank/login";
    }
    Optional<String> invalid = Forms.error(binding, "code");
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return LOGIN_OTP;
    }
    String normalized = form.code();
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    Verdict verdict =
        factors.resume(
            (String) request.getSession().getAttribute(PENDING_CHALLENGE),
            new Subject(properties.serviceId(), user.customerId()),
            LOGIN_OPERATION,
            Set.of(),
            actor,
            new Proof.OtpCode(normalized));
    if (verdict.allowed()) {
      request.getSession().removeAttribute(PENDING);
      request.getSession().removeAttribute(PENDING_SINCE);
      request.getSession().removeAttribute(PENDING_CHALLENGE);
      security.signIn(user, verdict.passed(), request, response);
      return afterLogin(user);
    }
    String reason = verdict.refusal().map(ProofResult::reason).orElse(verdict.kind().name());
    switch (reason) {
      case "WRONG_CODE" -> {
        model.addAttribute("error", "otp.error.wrong");
        model.addAttribute("failuresLeft", verdict.refusal().orElseThrow().attemptsLeft());
        return LOGIN_OTP;
      }
      case "REPLAYED" -> {
        model.addAttribute("error", "otp.error.replayed");
        return LOGIN_OTP;
      }
      case "MALFORMED" -> {
        model.addAttribute("error", "otp.error.format");
        return LOGIN_OTP;
      }
      case "THROTTLED", "BUSY" -> {
        model.addAttribute("error", "factor.error." + reason);
        return LOGIN_OTP;
      }
      case "LOCKED", "BLOCKED" -> {
        // A redirect, so that the login form comes with the new session's CSRF token.
        request.getSession().invalidate();
        redirect.addFlashAttribute("error", "login.error.tokenLocked");
        return "redirect:/netbank/login";
      }
      default -> {
        request.getSession().invalidate();
        return "redirect:/netbank/login";
      }
    }
  }

  private NetbankUser pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(PENDING) instanceof NetbankUser user)
        || !(session.getAttribute(PENDING_SINCE) instanceof Instant since)) {
      return null;
    }
    if (clock.instant().isAfter(since.plus(PENDING_LIFETIME))) {
      session.removeAttribute(PENDING);
      return null;
    }
    return user;
  }
}

package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.Digits;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);
  private static final String LOGIN = "netbank/login";
  private static final String LOGIN_OTP = "netbank/login-otp";

  private final BankCustomers customers;
  private final SecondFactors factors;
  private final TokenService tokens;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final Clock clock;

  LoginController(
      BankCustomers customers,
      SecondFactors factors,
      TokenService tokens,
      NetbankSecurity security,
      NetbankProperties properties,
      Clock clock) {
    this.customers = customers;
    this.factors = factors;
    this.tokens = tokens;
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
      @RequestParam(defaultValue = "") String loginId,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    String id = loginId.strip();
    model.addAttribute("loginId", id.length() <= 32 ? id : "");
    if (id.isEmpty() || password.isEmpty()) {
      model.addAttribute("error", "login.error.empty");
      return LOGIN;
    }
    if (id.length() > 32 || password.length() > 64) {
      model.addAttribute("error", "login.error.wrong");
      return LOGIN;
    }
    BankCustomers.CheckResult check = customers.checkLogin(id, password, request.getRemoteAddr());
    switch (check.check()) {
      case LOCKED -> {
        model.addAttribute("error", "login.error.locked");
        return LOGIN;
      }
      case WRONG -> {
        model.addAttribute("error", "login.error.wrong");
        return LOGIN;
      }
      default -> {}
    }
    NetbankUser user = check.user();
    SecondFactors.Requirement need =
        factors.requirement(user.customerId(), SecondFactors.Operation.LOGIN);
    if (need.blocked()) {
      model.addAttribute("error", "login.error.tokenLocked");
      return LOGIN;
    }
    customers.rememberLocale(user.customerId(), locale);
    if (need.required().contains(SecondFactors.Factor.OTP)) {
      request.changeSessionId();
      HttpSession session = request.getSession();
      session.setAttribute(PENDING, user);
      session.setAttribute(PENDING_SINCE, clock.instant());
      return "redirect:/netbank/login/otp";
    }
    security.signIn(user, request, response);
    return "redirect:/netbank/";
  }

  @GetMapping("/login/otp")
  String otpForm(HttpServletRequest request) {
    return pending(request) == null ? "redirect:/netbank/login" : LOGIN_OTP;
  }

  @PostMapping("/login/otp")
  String otp(
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      RedirectAttributes redirect) {
    NetbankUser user = pending(request);
    if (user == null) {
      return "redirect:/netbank/login";
    }
    String normalized = Digits.normalize(code);
    if (!Digits.digits(normalized, 6, 8)) {
      model.addAttribute("error", normalized.isEmpty() ? "otp.error.empty" : "otp.error.format");
      return LOGIN_OTP;
    }
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    Outcome outcome = tokens.verify(properties.serviceId(), user.customerId(), normalized, actor);
    switch (outcome.result()) {
      case OK -> {
        request.getSession().removeAttribute(PENDING);
        request.getSession().removeAttribute(PENDING_SINCE);
        security.signIn(user, request, response);
        return "redirect:/netbank/";
      }
      case WRONG_CODE -> {
        model.addAttribute("error", "otp.error.wrong");
        model.addAttribute("failuresLeft", outcome.status().failuresLeft());
        return LOGIN_OTP;
      }
      case REPLAYED -> {
        model.addAttribute("error", "otp.error.replayed");
        return LOGIN_OTP;
      }
      case MALFORMED -> {
        model.addAttribute("error", "otp.error.format");
        return LOGIN_OTP;
      }
      case LOCKED -> {
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

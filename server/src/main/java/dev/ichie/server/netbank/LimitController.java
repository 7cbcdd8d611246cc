package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.DailyLimits;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.FactorPolicy;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.TransferLimits;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's own daily transfer limit (お振込限度額の変更): lowered at once with the session alone,
 * since a lower limit only protects; raised with the strongest factor the customer holds ({@link
 * Operation.LimitRaise}), in effect after the service's delay. Either way mailed.
 */
@Controller
@RequestMapping("/netbank/limit")
@NetbankEnabled
class LimitController {

  private static final String PAGE = "netbank/limit";

  private final FactorCheck factors;
  private final DailyLimits limits;
  private final NetbankProperties properties;
  private final Tenants tenants;

  LimitController(
      FactorCheck factors, DailyLimits limits, NetbankProperties properties, Tenants tenants) {
    this.factors = factors;
    this.limits = limits;
    this.properties = properties;
    this.tenants = tenants;
  }

  private Subject subject(NetbankUser user) {
    return new Subject(properties.serviceId(), user.customerId());
  }

  private TransferLimits caps() {
    return factors.policy(properties.serviceId()).limits();
  }

  private String time(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(tenants.find(properties.serviceId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC))
        .format(at);
  }

  private String page(NetbankUser user, Authentication auth, Model model) {
    DailyLimits.OwnLimit own = limits.own(subject(user));
    model.addAttribute("user", user);
    model.addAttribute("limits", caps());
    model.addAttribute("ownLimit", own.own() == Long.MAX_VALUE ? null : own.own());
    model.addAttribute("raiseTo", own.raiseTo().orElse(null));
    model.addAttribute("raiseFrom", own.raiseFrom().map(this::time).orElse(null));
    model.addAttribute("delayHours", caps().raiseDelay().toHours());
    List<FactorPolicy.Combination> ways =
        factors.acceptable(subject(user), new Operation.LimitRaise(1));
    boolean passkeyOnly =
        !ways.isEmpty() && ways.stream().allMatch(c -> c.factors().contains(Factor.PASSKEY));
    boolean passkeyInSession = PassedFactors.of(auth).contains(Factor.PASSKEY);
    model.addAttribute("passkeyRequired", passkeyOnly && !passkeyInSession);
    model.addAttribute("otpOffered", ways.stream().anyMatch(c -> c.factors().contains(Factor.OTP)));
    return PAGE;
  }

  @GetMapping
  String form(@AuthenticationPrincipal NetbankUser user, Authentication auth, Model model) {
    return page(user, auth, model);
  }

  @PostMapping
  String change(
      @AuthenticationPrincipal NetbankUser user,
      @RequestParam(name = "amount", defaultValue = "") String typedAmount,
      @RequestParam(name = "confirmPassword", defaultValue = "") String confirmPassword,
      @RequestParam(name = "code", defaultValue = "") String typedCode,
      Authentication auth,
      HttpServletRequest request,
      Model model,
      RedirectAttributes redirect) {
    page(user, auth, model);
    String digits = Digits.code(Forms.text(typedAmount)).replace(",", "");
    long amount = digits.matches("[0-9]{1,12}") ? Long.parseLong(digits) : 0;
    if (amount < 1 || amount > caps().linked()) {
      model.addAttribute("amountError", true);
      return PAGE;
    }
    model.addAttribute("amount", amount);
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    DailyLimits.OwnLimit own = limits.own(subject(user));
    boolean raise = amount > Math.min(own.own(), caps().linked());
    if (raise) {
      String refused = raise(user, amount, confirmPassword, typedCode, auth, actor, model);
      if (refused != null) {
        return refused;
      }
    }
    DailyLimits.Change change = limits.change(subject(user), amount, caps(), raise, actor);
    if (change == DailyLimits.Change.NOT_PROVED) {
      // The limit in force changed since the page read it: the form again, as it is now.
      return page(user, auth, model);
    }
    redirect.addFlashAttribute("limitDone", "limit.done." + change.name());
    redirect.addFlashAttribute("limitAmount", amount);
    limits
        .own(subject(user))
        .raiseFrom()
        .ifPresent(from -> redirect.addFlashAttribute("limitFrom", time(from)));
    return "redirect:/netbank/limit";
  }

  /** The factors of a raise; null when they are proved, else the page with the reason. */
  private String raise(
      NetbankUser user,
      long amount,
      String confirmPassword,
      String typedCode,
      Authentication auth,
      Actor actor,
      Model model) {
    if (Boolean.TRUE.equals(model.getAttribute("passkeyRequired"))) {
      model.addAttribute("error", "limit.passkeyRequired");
      return PAGE;
    }
    String password = Forms.text(confirmPassword);
    if (password.isEmpty()) {
      model.addAttribute("error", "form.error.required");
      return PAGE;
    }
    if (password.length() > 64) {
      model.addAttribute("error", "confirm.error.wrong");
      return PAGE;
    }
    Proof confirm = new Proof.Password(Factor.CONFIRMATION_PASSWORD, password);
    Proof[] proofs = {confirm};
    if (Boolean.TRUE.equals(model.getAttribute("otpOffered"))) {
      String code = Digits.code(Forms.text(typedCode));
      if (!Digits.isCode(code)) {
        model.addAttribute("error", code.isEmpty() ? "otp.error.empty" : "otp.error.format");
        return PAGE;
      }
      proofs = new Proof[] {confirm, new Proof.OtpCode(code)};
    }
    Set<Factor> session = PassedFactors.of(auth);
    Verdict verdict =
        factors.check(subject(user), new Operation.LimitRaise(amount), session, actor, proofs);
    if (verdict.allowed()) {
      return null;
    }
    Refusals.show(verdict, model);
    return PAGE;
  }
}

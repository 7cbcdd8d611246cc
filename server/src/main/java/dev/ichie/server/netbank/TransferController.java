package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.FactorPolicy;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.passkey.WebAuthnJson;
import dev.ichie.server.system.CodeErrors;
import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A transfer (F5): payee, amount, 確認用パスワード and, when the token is active, the code; or, for a
 * customer with a passkey, an assertion bound to this transfer (its payee and amount). The balance
 * moves only when everything is right, and once per form: each form carries a request key that the
 * database accepts once.
 */
@Controller
@RequestMapping("/netbank/transfer")
@NetbankEnabled
class TransferController {

  private static final String FORM = "netbank/transfer";
  private static final String KEYS = "ichie.netbank.transferKeys";

  private static final String CURRENCY = "JPY";

  /** A transfer as the policy sees it before the form is filled: its key is the kind. */
  private static final Operation PROBE = new Operation.Transfer("", "", "", 1, CURRENCY);

  private final BankCustomers customers;
  private final FactorCheck factors;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final PasskeyCeremonies ceremonies;
  private final MessageSource messages;
  private final SecureRandom random = new SecureRandom();

  TransferController(
      BankCustomers customers,
      FactorCheck factors,
      NetbankSecurity security,
      NetbankProperties properties,
      PasskeyCeremonies ceremonies,
      MessageSource messages) {
    this.ceremonies = ceremonies;
    this.messages = messages;
    this.customers = customers;
    this.factors = factors;
    this.security = security;
    this.properties = properties;
  }

  /** How a transfer can be confirmed by this customer now, best first (empty: blocked). */
  private List<FactorPolicy.Combination> ways(NetbankUser user) {
    return factors.acceptable(subject(user), PROBE);
  }

  /** The best way without a passkey: the confirmation password, with the code when it is in use. */
  private static Optional<FactorPolicy.Combination> typed(List<FactorPolicy.Combination> ways) {
    return ways.stream()
        .filter(c -> c.factors().stream().noneMatch(Factor::phishingResistant))
        .findFirst();
  }

  private Subject subject(NetbankUser user) {
    return new Subject(properties.serviceId(), user.customerId());
  }

  private void page(NetbankUser user, Authentication auth, Model model, HttpSession session) {
    model.addAttribute("user", user);
    model.addAttribute("accounts", customers.accounts(user.customerId()));
    List<FactorPolicy.Combination> ways = ways(user);
    Optional<FactorPolicy.Combination> typed = typed(ways);
    model.addAttribute(
        "passkeyOffered", ways.stream().anyMatch(c -> c.factors().contains(Factor.PASSKEY_BOUND)));
    model.addAttribute("typedOffered", typed.isPresent());
    model.addAttribute(
        "otpRequired", typed.map(c -> c.factors().contains(Factor.OTP)).orElse(false));
    if (!model.containsAttribute("requestKey")) {
      byte[] b = new byte[18];
      random.nextBytes(b);
      String key = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      Set<String> keys = new HashSet<>(keys(session));
      keys.add(key);
      session.setAttribute(KEYS, keys);
      model.addAttribute("requestKey", key);
    }
  }

  /**
   * The form keys of the session. Read-only: a change must be set again with {@code setAttribute},
   * since a shared session store (Spring Session JDBC) saves only attributes that were set.
   */
  @SuppressWarnings("unchecked")
  private static Set<String> keys(HttpSession session) {
    Object keys = session.getAttribute(KEYS);
    if (keys instanceof HashSet<?> set) {
      return (Set<String>) set;
    }
    HashSet<String> fresh = new HashSet<>();
    session.setAttribute(KEYS, fresh);
    return fresh;
  }

  @GetMapping
  String form(
      @AuthenticationPrincipal NetbankUser user,
      Authentication auth,
      Model model,
      HttpSession session) {
    page(user, auth, model, session);
    return FORM;
  }

  @PostMapping
  String transfer(
      @AuthenticationPrincipal NetbankUser user,
      @Valid TransferForm form,
      BindingResult binding,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    String requestKey = form.requestKey();
    if (!requestKey.isEmpty() && requestKey.length() <= 64 && keys(session).contains(requestKey)) {
      model.addAttribute("requestKey", requestKey);
    }
    page(user, auth, model, session);
    String bank = form.payeeBank();
    String number = form.payeeNumber();
    String name = form.payeeName();
    String yen = form.amount();
    String confirmPassword = form.confirmPassword();
    model.addAttribute("payeeBank", bank.length() <= 60 ? bank : "");
    model.addAttribute("payeeNumber", number.length() <= 7 ? number : "");
    model.addAttribute("payeeName", name.length() <= 60 ? name : "");
    model.addAttribute("amount", yen.length() <= 12 ? yen : "");
    Optional<String> invalid = Forms.error(binding, TransferForm.ORDER);
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return FORM;
    }
    if (!keys(session).contains(requestKey)) {
      model.addAttribute("error", "transfer.error.expired");
      return FORM;
    }
    List<FactorPolicy.Combination> ways = ways(user);
    if (ways.isEmpty()) {
      model.addAttribute("error", "login.error.tokenLocked");
      return FORM;
    }
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    Proof[] proofs;
    if (form.byPasskey()) {
      // Bound: the assertion's challenge ends with the hash of this very transfer.
      proofs =
          new Proof[] {
            new Proof.PasskeyAssertion(form.passkeyChallenge(), form.passkeyCredential(), true)
          };
    } else {
      Optional<FactorPolicy.Combination> typed = typed(ways);
      if (typed.isEmpty()) {
        model.addAttribute("error", "passkey.error.required");
        return FORM;
      }
      boolean otpNeeded = typed.get().factors().contains(Factor.OTP);
      String otp = form.code();
      if (otpNeeded && !Digits.isCode(otp)) {
        model.addAttribute("error", otp.isEmpty() ? "otp.error.empty" : "otp.error.format");
        return FORM;
      }
      if (confirmPassword.length() > 64) {
        model.addAttribute("error", "confirm.error.wrong");
        return FORM;
      }
      Proof confirm = new Proof.Password(Factor.CONFIRMATION_PASSWORD, confirmPassword);
      proofs = otpNeeded ? new Proof[] {confirm, new Proof.OtpCode(otp)} : new Proof[] {confirm};
    }
    Verdict verdict =
        factors.check(
            subject(user), form.operation(CURRENCY), PassedFactors.of(auth), actor, proofs);
    if (!verdict.allowed()) {
      refusal(verdict, model);
      return FORM;
    }
    security.passed(auth, verdict.passed(), request, response);
    BankCustomers.TransferResult result =
        customers.transfer(
            user.customerId(), requestKey, form.accountId(), bank, number, name, form.yen(), actor);
    switch (result) {
      case OK, ALREADY_DONE -> {
        Set<String> keys = new HashSet<>(keys(session));
        keys.remove(requestKey);
        session.setAttribute(KEYS, keys);
        redirect.addFlashAttribute("payeeBank", bank);
        redirect.addFlashAttribute("payeeNumber", number);
        redirect.addFlashAttribute("payeeName", name);
        redirect.addFlashAttribute("amount", form.yen());
        return "redirect:/netbank/transfer/done";
      }
      case INSUFFICIENT_BALANCE -> {
        model.addAttribute("error", "transfer.error.balance");
        return FORM;
      }
      default -> {
        model.addAttribute("error", "transfer.error.account");
        return FORM;
      }
    }
  }

  /**
   * The options of a passkey assertion bound to the transfer the form describes (JSON for the
   * page's script, which then submits the same form with the assertion).
   */
  @PostMapping("/passkey-options")
  @ResponseBody
  ResponseEntity<Map<String, Object>> passkeyOptions(
      @AuthenticationPrincipal NetbankUser user,
      @Valid TransferForm form,
      BindingResult binding,
      HttpSession session,
      Locale locale) {
    // The form comes before the assertion: without it, only the confirmation password is missing.
    boolean complete =
        binding.getGlobalErrorCount() == 0
            && binding.getFieldErrors().stream().allMatch(e -> "confirmGiven".equals(e.getField()));
    Optional<String> invalid =
        complete ? Optional.empty() : Forms.error(binding, TransferForm.ORDER);
    if (invalid.isEmpty() && !keys(session).contains(form.requestKey())) {
      invalid = Optional.of("transfer.error.expired");
    }
    if (invalid.isPresent()) {
      return ResponseEntity.badRequest()
          .body(
              Map.of(
                  "result",
                  "INVALID",
                  "message",
                  messages.getMessage(invalid.get(), null, invalid.get(), locale)));
    }
    return WebAuthnJson.answer(
        ceremonies.startAssertion(subject(user), form.operation(CURRENCY), true));
  }

  @GetMapping("/done")
  String done(@AuthenticationPrincipal NetbankUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("accounts", customers.accounts(user.customerId()));
    return model.containsAttribute("amount") ? "netbank/transfer-done" : "redirect:/netbank/";
  }

  private static void refusal(Verdict verdict, Model model) {
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

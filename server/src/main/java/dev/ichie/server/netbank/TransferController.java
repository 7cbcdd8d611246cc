package dev.ichie.server.netbank;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.confirm.Confirmations;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.FactorPolicy;
import dev.ichie.server.factor.LinkingRule;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.TransferLimits;
import dev.ichie.server.factor.TransferUsage;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.passkey.WebAuthnJson;
import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A transfer (F5): payee, amount, 確認用パスワード and, when the token is active, the code; where the token
 * has a device key, 取引認証 in the app instead of the code (online: the app shows the transfer and
 * signs it; offline: the 取引認証番号 over the account number and the amount), as the service's rule
 * says; or, for a customer with a passkey, an assertion bound to this transfer. The balance moves
 * only when everything is right, and once per form: each form carries a request key that the
 * database accepts once, and a confirmation is spent once.
 */
@Controller
@RequestMapping("/netbank/transfer")
@NetbankEnabled
class TransferController {

  private static final String FORM = "netbank/transfer";
  private static final String WAIT = "netbank/transfer-confirm";
  private static final String KEYS = "ichie.netbank.transferKeys";
  private static final String PENDING = "ichie.netbank.pendingTransfer";

  private static final String CURRENCY = "JPY";

  /** Transfers as the policy sees them before the form is filled: the least and the most asked. */
  private static final Operation.Transfer SMALL =
      new Operation.Transfer("", "", "", "", "", 1, CURRENCY, false);

  private static final Operation LARGE =
      new Operation.Transfer("", "", "", "", "", TransferForm.MAX_AMOUNT, CURRENCY, true);

  /**
   * A transfer waiting for its 取引認証, kept in the session (serializable for a shared store).
   *
   * @param requestKey the form's request key
   * @param accountId the account to pay from
   * @param transfer the operation's fields, in order
   * @param yen the amount
   * @param newPayee whether the payee was new
   * @param challengeId the factor check's challenge, the confirmation password passed
   * @param confirmationId the confirmation in the app
   * @param expiresAt until when it can be decided
   */
  record Pending(
      String requestKey,
      String accountId,
      List<String> transfer,
      long yen,
      boolean newPayee,
      String challengeId,
      String confirmationId,
      Instant expiresAt)
      implements Serializable {

    Pending {
      transfer = List.copyOf(transfer);
    }

    static Pending of(
        String requestKey,
        String accountId,
        Operation.Transfer t,
        String challengeId,
        Confirmations.Created c) {
      return new Pending(
          requestKey,
          accountId,
          List.copyOf(t.fields().values()),
          t.amount(),
          t.newPayee(),
          challengeId,
          c.id(),
          c.expiresAt());
    }

    Operation.Transfer operation() {
      return new Operation.Transfer(
          transfer.get(0),
          transfer.get(1),
          transfer.get(2),
          transfer.get(3),
          transfer.get(4),
          yen,
          transfer.get(6),
          newPayee);
    }
  }

  private final BankCustomers customers;
  private final FactorCheck factors;
  private final Confirmations confirmations;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final PasskeyCeremonies ceremonies;
  private final MessageSource messages;
  private final Tenants tenants;
  private final SecureRandom random = new SecureRandom();

  TransferController(
      BankCustomers customers,
      FactorCheck factors,
      Confirmations confirmations,
      NetbankSecurity security,
      NetbankProperties properties,
      PasskeyCeremonies ceremonies,
      MessageSource messages,
      Tenants tenants) {
    this.ceremonies = ceremonies;
    this.messages = messages;
    this.customers = customers;
    this.factors = factors;
    this.confirmations = confirmations;
    this.security = security;
    this.properties = properties;
    this.tenants = tenants;
  }

  private static boolean has(List<FactorPolicy.Combination> ways, Factor factor) {
    return ways.stream().anyMatch(c -> c.factors().contains(factor));
  }

  /** The ways without a passkey: the confirmation password, with the code or 取引認証. */
  private static List<FactorPolicy.Combination> typed(List<FactorPolicy.Combination> ways) {
    return ways.stream()
        .filter(c -> c.factors().stream().noneMatch(Factor::phishingResistant))
        .toList();
  }

  private Subject subject(NetbankUser user) {
    return new Subject(properties.serviceId(), user.customerId());
  }

  private void page(NetbankUser user, Model model, HttpSession session) {
    model.addAttribute("user", user);
    model.addAttribute("accounts", customers.accounts(user.customerId()));
    model.addAttribute("accountTypes", TransferForm.AccountType.values());
    List<FactorPolicy.Combination> small = factors.acceptable(subject(user), SMALL);
    List<FactorPolicy.Combination> large = typed(factors.acceptable(subject(user), LARGE));
    boolean signature = has(large, Factor.TRANSACTION_SIGNATURE);
    boolean code = has(typed(small), Factor.OTP);
    model.addAttribute("passkeyOffered", has(small, Factor.PASSKEY_BOUND));
    model.addAttribute("typedOffered", !typed(small).isEmpty() || !large.isEmpty());
    model.addAttribute("signatureOffered", signature);
    model.addAttribute("otpOffered", code);
    model.addAttribute("otpRequired", code && !signature);
    limits(user, model);
    LinkingRule rule = factors.policy(properties.serviceId()).linking();
    model.addAttribute("signatureAbove", rule.above());
    model.addAttribute("signatureNewPayees", rule.newPayees());
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

  /** The day's limits as the page shows them: the caps, the customer's own, spent and left. */
  private void limits(NetbankUser user, Model model) {
    TransferLimits limits = factors.policy(properties.serviceId()).limits();
    TransferUsage usage = factors.usage(subject(user));
    model.addAttribute("limits", limits);
    model.addAttribute("spentToday", usage.spent());
    model.addAttribute("ownLimit", usage.own() == Long.MAX_VALUE ? null : usage.own());
    factors
        .strongestTier(subject(user), SMALL)
        .ifPresent(t -> model.addAttribute("leftToday", usage.left(limits, t)));
    model.addAttribute("held", usage.held());
    if (usage.coolingOff()) {
      model.addAttribute(
          "coolingUntil",
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
              .withZone(factorsZone())
              .format(usage.coolingUntil()));
      model.addAttribute("coolingReason", usage.coolingReason().name());
      model.addAttribute("coolingCap", limits.coolingOffCap());
    }
  }

  /**
   * The transfer is over the day's limit, held by the bank or in a cooling-off: the form, saying
   * which and how much is left; the refusal in the audit trail (ご利用履歴).
   */
  private void overLimit(NetbankUser user, Actor actor, Model model) {
    TransferUsage usage = factors.usage(subject(user));
    String why = usage.held() ? "HELD" : usage.coolingOff() ? "COOLING_OFF" : "OVER_LIMIT";
    customers.recordEvent(user.customerId(), actor, "TRANSFER", why);
    model.addAttribute(
        "error",
        switch (why) {
          case "HELD" -> "transfer.error.held";
          case "COOLING_OFF" -> "transfer.error.coolingOff";
          default -> "transfer.error.limit";
        });
    factors
        .strongestTier(subject(user), SMALL)
        .ifPresent(
            t ->
                model.addAttribute(
                    "limitLeft",
                    factors
                        .usage(subject(user))
                        .left(factors.policy(properties.serviceId()).limits(), t)));
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

  private static void spendKey(HttpSession session, String requestKey) {
    Set<String> keys = new HashSet<>(keys(session));
    keys.remove(requestKey);
    session.setAttribute(KEYS, keys);
  }

  @GetMapping
  String form(@AuthenticationPrincipal NetbankUser user, Model model, HttpSession session) {
    page(user, model, session);
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
    page(user, model, session);
    keep(form, model);
    Optional<String> invalid = Forms.error(binding, TransferForm.ORDER);
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return FORM;
    }
    if (!keys(session).contains(requestKey)) {
      model.addAttribute("error", "transfer.error.expired");
      return FORM;
    }
    Operation.Transfer probe = form.operation(CURRENCY, false);
    Operation.Transfer operation =
        form.operation(CURRENCY, !customers.paidBefore(user.customerId(), probe));
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    List<FactorPolicy.Combination> ways = factors.acceptable(subject(user), operation);
    if (ways.isEmpty()) {
      if (factors.requirement(subject(user), operation, PassedFactors.of(auth)).overLimit()) {
        overLimit(user, actor, model);
      } else {
        model.addAttribute("error", "login.error.tokenLocked");
      }
      return FORM;
    }
    Proof[] proofs;
    if (form.byPasskey()) {
      // Bound: the assertion's challenge ends with the hash of this very transfer.
      proofs =
          new Proof[] {
            new Proof.PasskeyAssertion(form.passkeyChallenge(), form.passkeyCredential(), true)
          };
    } else {
      List<FactorPolicy.Combination> typed = typed(ways);
      if (typed.isEmpty()) {
        model.addAttribute("error", "passkey.error.required");
        return FORM;
      }
      if (form.confirmPassword().length() > 64) {
        model.addAttribute("error", "confirm.error.wrong");
        return FORM;
      }
      Proof confirm = new Proof.Password(Factor.CONFIRMATION_PASSWORD, form.confirmPassword());
      boolean otpWay = has(typed, Factor.OTP);
      if (has(typed, Factor.TRANSACTION_SIGNATURE) && (!otpWay || form.code().isEmpty())) {
        return toApp(user, form, operation, confirm, auth, actor, session, model);
      }
      String otp = form.code();
      if (otpWay && !Digits.isCode(otp)) {
        model.addAttribute("error", otp.isEmpty() ? "otp.error.empty" : "otp.error.format");
        return FORM;
      }
      proofs = otpWay ? new Proof[] {confirm, new Proof.OtpCode(otp)} : new Proof[] {confirm};
    }
    Verdict verdict =
        factors.check(subject(user), operation, PassedFactors.of(auth), actor, proofs);
    if (verdict.kind() == Verdict.Kind.OVER_LIMIT) {
      overLimit(user, actor, model);
      return FORM;
    }
    if (!verdict.allowed()) {
      Refusals.show(verdict, model);
      return FORM;
    }
    security.passed(auth, verdict.passed(), request, response);
    return execute(
            user,
            requestKey,
            form.accountId(),
            operation,
            null,
            verdict,
            actor,
            session,
            model,
            redirect)
        .orElse(FORM);
  }

  /**
   * The confirmation password checked, the transfer sent to the token app: the page then waits for
   * the customer's decision there.
   */
  private String toApp(
      NetbankUser user,
      TransferForm form,
      Operation.Transfer operation,
      Proof confirm,
      Authentication auth,
      Actor actor,
      HttpSession session,
      Model model) {
    Verdict verdict =
        factors.check(subject(user), operation, PassedFactors.of(auth), actor, confirm);
    if (verdict.kind() == Verdict.Kind.OVER_LIMIT) {
      overLimit(user, actor, model);
      return FORM;
    }
    if (verdict.kind() != Verdict.Kind.NEEDS
        || !verdict.missing().contains(Factor.TRANSACTION_SIGNATURE)) {
      Refusals.show(verdict, model);
      return FORM;
    }
    Confirmations.Created created =
        confirmations.create(
            subject(user),
            Confirmation.TRANSFER,
            operation.fields().entrySet().stream()
                .map(e -> new Confirmation.Field(e.getKey(), e.getValue()))
                .toList(),
            actor);
    if (created.outcome() != Confirmations.Outcome.OK) {
      model.addAttribute("error", "login.error.tokenLocked");
      return FORM;
    }
    session.setAttribute(
        PENDING,
        Pending.of(form.requestKey(), form.accountId(), operation, verdict.challengeId(), created));
    return "redirect:/netbank/transfer/confirm";
  }

  private static void keep(TransferForm form, Model model) {
    model.addAttribute("payeeBank", form.payeeBank().length() <= 60 ? form.payeeBank() : "");
    model.addAttribute("payeeBranch", form.payeeBranch().length() <= 60 ? form.payeeBranch() : "");
    model.addAttribute("payeeAccountType", form.payeeAccountType());
    model.addAttribute("payeeNumber", form.payeeNumber().length() <= 7 ? form.payeeNumber() : "");
    model.addAttribute("payeeName", form.payeeName().length() <= 60 ? form.payeeName() : "");
    model.addAttribute("amount", form.amount().length() <= 12 ? form.amount() : "");
  }

  /** Moves the money once; the done page, or the form with the reason. */
  private Optional<String> execute(
      NetbankUser user,
      String requestKey,
      String accountId,
      Operation.Transfer operation,
      String confirmationId,
      Verdict verdict,
      Actor actor,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    BankCustomers.TransferResult result =
        customers.transfer(
            user.customerId(), requestKey, accountId, operation, confirmationId, actor);
    if (result != BankCustomers.TransferResult.OK) {
      // Not moved now (short, or moved by the form's first submit): not counted again.
      factors.giveBack(verdict);
    }
    switch (result) {
      case OK, ALREADY_DONE -> {
        spendKey(session, requestKey);
        redirect.addFlashAttribute("payeeBank", operation.payeeBank());
        redirect.addFlashAttribute("payeeBranch", operation.payeeBranch());
        redirect.addFlashAttribute("payeeNumber", operation.payeeAccountNumber());
        redirect.addFlashAttribute("payeeName", operation.payeeName());
        redirect.addFlashAttribute("amount", operation.amount());
        return Optional.of("redirect:/netbank/transfer/done");
      }
      case INSUFFICIENT_BALANCE -> model.addAttribute("error", "transfer.error.balance");
      default -> model.addAttribute("error", "transfer.error.account");
    }
    return Optional.empty();
  }

  private static Optional<Pending> pending(HttpSession session) {
    return session.getAttribute(PENDING) instanceof Pending p ? Optional.of(p) : Optional.empty();
  }

  /** The session's waiting transfer, if the page sent is its page. */
  private static Optional<Pending> pending(HttpSession session, String requestKey) {
    return pending(session).filter(p -> p.requestKey().equals(requestKey));
  }

  /** The page that waits for the decision in the app, with the offline code as the other way. */
  @GetMapping("/confirm")
  String waiting(@AuthenticationPrincipal NetbankUser user, HttpSession session, Model model) {
    Optional<Pending> p = pending(session);
    if (p.isEmpty()) {
      return "redirect:/netbank/transfer";
    }
    return wait(user, p.get(), model);
  }

  private String wait(NetbankUser user, Pending p, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("pending", p);
    model.addAttribute("fields", p.operation().fields());
    model.addAttribute(
        "expiresAt", p.expiresAt().atZone(factorsZone()).toLocalTime().withNano(0).toString());
    return WAIT;
  }

  private java.time.ZoneId factorsZone() {
    return tenants.find(properties.serviceId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
  }

  /** The confirmation's state, for the waiting page's script. */
  @GetMapping("/confirm/state")
  @ResponseBody
  ResponseEntity<Map<String, Object>> state(
      @AuthenticationPrincipal NetbankUser user, HttpSession session) {
    Optional<Confirmations.View> view =
        pending(session).flatMap(p -> confirmations.find(subject(user), p.confirmationId()));
    return view.<ResponseEntity<Map<String, Object>>>map(
            v -> ResponseEntity.ok(Map.of("state", v.state())))
        .orElseGet(() -> ResponseEntity.status(404).body(Map.of("state", "NONE")));
  }

  /** After the decision in the app: executes an approved transfer, once. */
  @PostMapping("/confirm")
  String decided(
      @AuthenticationPrincipal NetbankUser user,
      @RequestParam(name = "requestKey", defaultValue = "") String requestKey,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    Optional<Pending> p = pending(session, requestKey);
    if (p.isEmpty()) {
      return expired(user, model, session);
    }
    // Not decided yet, rejected or expired: complete() says which.
    return complete(
        user,
        p.get(),
        new Proof.TransactionSignature(p.get().confirmationId()),
        auth,
        request,
        response,
        session,
        model,
        redirect);
  }

  /** The offline 取引認証番号, when the app cannot reach the bank. */
  @PostMapping("/confirm/code")
  String offline(
      @AuthenticationPrincipal NetbankUser user,
      @RequestParam(name = "requestKey", defaultValue = "") String requestKey,
      @RequestParam(name = "code", defaultValue = "") String typed,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    Optional<Pending> p = pending(session, requestKey);
    if (p.isEmpty()) {
      return expired(user, model, session);
    }
    String code = Digits.code(Forms.text(typed));
    if (!code.matches("[0-9]{8}")) {
      model.addAttribute(
          "error", code.isEmpty() ? "transfer.offline.empty" : "transfer.offline.format");
      model.addAttribute("offlineOpen", true);
      return wait(user, p.get(), model);
    }
    return complete(
        user,
        p.get(),
        new Proof.OcraResponse(p.get().confirmationId(), code),
        auth,
        request,
        response,
        session,
        model,
        redirect);
  }

  /** The customer stops the transfer: the app no longer shows it. */
  @PostMapping("/confirm/cancel")
  String cancel(
      @AuthenticationPrincipal NetbankUser user,
      @RequestParam(name = "requestKey", defaultValue = "") String requestKey,
      HttpServletRequest request,
      HttpSession session) {
    pending(session, requestKey)
        .ifPresent(
            p -> {
              confirmations.withdraw(
                  subject(user),
                  p.confirmationId(),
                  new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr()));
              session.removeAttribute(PENDING);
              spendKey(session, p.requestKey());
            });
    return "redirect:/netbank/";
  }

  private String complete(
      NetbankUser user,
      Pending p,
      Proof proof,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpSession session,
      Model model,
      RedirectAttributes redirect) {
    Actor actor = new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
    Operation.Transfer operation = p.operation();
    Verdict verdict =
        factors.resume(
            p.challengeId(), subject(user), operation, PassedFactors.of(auth), actor, proof);
    if (verdict.allowed()) {
      session.removeAttribute(PENDING);
      security.passed(auth, verdict.passed(), request, response);
      Optional<String> done =
          execute(
              user,
              p.requestKey(),
              p.accountId(),
              operation,
              p.confirmationId(),
              verdict,
              actor,
              session,
              model,
              redirect);
      if (done.isPresent()) {
        return done.get();
      }
      page(user, model, session);
      return FORM;
    }
    if (verdict.kind() == Verdict.Kind.OVER_LIMIT) {
      session.removeAttribute(PENDING);
      overLimit(user, actor, model);
      return expired(user, model, session);
    }
    String reason = verdict.refusal().map(ProofResult::reason).orElse("EXPIRED");
    switch (reason) {
      case "REJECTED" -> {
        session.removeAttribute(PENDING);
        spendKey(session, p.requestKey());
        customers.recordEvent(user.customerId(), actor, "TRANSFER", "REJECTED");
        model.addAttribute("user", user);
        model.addAttribute("fields", operation.fields());
        return "netbank/transfer-rejected";
      }
      case "PENDING" -> {
        model.addAttribute("error", "transfer.confirm.notYet");
        return wait(user, p, model);
      }
      case "WRONG_CODE", "REPLAYED", "LOCKED", "THROTTLED" -> {
        // The offline code's refusals: say which, and keep its form open.
        model.addAttribute("error", "transfer.offline." + reason);
        model.addAttribute("offlineOpen", true);
        return "LOCKED".equals(reason) ? expired(user, model, session) : wait(user, p, model);
      }
      default -> {
        return expired(user, model, session);
      }
    }
  }

  /** The transfer can no longer be decided: the form again, saying so. */
  private String expired(NetbankUser user, Model model, HttpSession session) {
    pending(session)
        .ifPresent(
            p -> {
              session.removeAttribute(PENDING);
              model.addAttribute("payeeBank", p.transfer().get(0));
              model.addAttribute("payeeBranch", p.transfer().get(1));
              model.addAttribute("payeeNumber", p.transfer().get(3));
              model.addAttribute("payeeName", p.transfer().get(4));
              model.addAttribute("amount", Long.toString(p.yen()));
            });
    if (!model.containsAttribute("error")) {
      model.addAttribute("error", "transfer.confirm.expired");
    }
    page(user, model, session);
    return FORM;
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
    Operation.Transfer probe = form.operation(CURRENCY, false);
    Operation.Transfer operation =
        form.operation(CURRENCY, !customers.paidBefore(user.customerId(), probe));
    if (factors.requirement(subject(user), operation, Set.of()).overLimit()) {
      return ResponseEntity.badRequest()
          .body(
              Map.of(
                  "result",
                  "OVER_LIMIT",
                  "message",
                  messages.getMessage("transfer.error.limit", null, locale)));
    }
    return WebAuthnJson.answer(ceremonies.startAssertion(subject(user), operation, true));
  }

  @GetMapping("/done")
  String done(@AuthenticationPrincipal NetbankUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("accounts", customers.accounts(user.customerId()));
    return model.containsAttribute("amount") ? "netbank/transfer-done" : "redirect:/netbank/";
  }
}

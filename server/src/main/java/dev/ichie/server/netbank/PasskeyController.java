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
import dev.ichie.server.system.Digits;
import dev.ichie.server.system.Forms;
import dev.ichie.server.system.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys in web banking: 「パスキーでログイン」 (usernameless, and offered by the login ID's autofill), and
 * 「パスキーの管理」: 「パスキーを登録」 (a factor change: the confirmation password, with the factor the session
 * passed at login), rename, and remove (a fresh assertion, or the confirmation password with a
 * fresh code). The ceremonies run in the net bank's own script (/js/passkeys.js), which posts with
 * the page's CSRF token.
 */
@Controller
@RequestMapping("/netbank")
@NetbankEnabled
class PasskeyController {

  private static final Operation LOGIN = new Operation.Login();
  private static final Operation ADD =
      new Operation.FactorChange(Operation.FactorChange.Change.ADD_PASSKEY);
  private static final Operation REMOVE =
      new Operation.FactorChange(Operation.FactorChange.Change.REMOVE_PASSKEY);
  private static final String PAGE = "netbank/passkeys";

  /** Options of a usernameless login per source address and minute: each is a stored challenge. */
  static final int LOGIN_OPTIONS_PER_MINUTE = 30;

  private final PasskeyCeremonies ceremonies;
  private final FactorCheck factors;
  private final BankCustomers customers;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final MessageSource messages;
  private final RateLimiter limiter;

  PasskeyController(
      PasskeyCeremonies ceremonies,
      FactorCheck factors,
      BankCustomers customers,
      NetbankSecurity security,
      NetbankProperties properties,
      MessageSource messages,
      RateLimiter limiter) {
    this.ceremonies = ceremonies;
    this.factors = factors;
    this.customers = customers;
    this.security = security;
    this.properties = properties;
    this.messages = messages;
    this.limiter = limiter;
  }

  /**
   * A passkey login's assertion.
   *
   * @param loginId the login ID typed before, or null for a usernameless login
   * @param challengeId the options' challenge
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   */
  record LoginFinish(
      @Size(max = 32) String loginId,
      @NotNull @Size(min = 1, max = 64) String challengeId,
      @NotNull JsonNode credential) {}

  /**
   * A registration's start: the confirmation password.
   *
   * @param confirmPassword the 確認用パスワード
   */
  record RegisterStart(@NotNull @Size(max = 64) String confirmPassword) {
    @Override
    public String toString() {
      return "RegisterStart[…]";
    }
  }

  /**
   * A registration's result.
   *
   * @param challengeId the options' challenge
   * @param label the customer's name for it
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   */
  record RegisterFinish(
      @NotNull @Size(min = 1, max = 64) String challengeId,
      @Size(max = 40) String label,
      @NotNull JsonNode credential) {}

  /**
   * A new name for a passkey.
   *
   * @param label the name
   */
  record RenameForm(String label) {}

  /**
   * The proofs of a removal: a fresh assertion, or the confirmation password with a fresh code.
   *
   * @param confirmPassword the 確認用パスワード, as typed
   * @param code the one-time password, normalised
   * @param passkeyChallenge the assertion's challenge, or empty
   * @param passkeyCredential the assertion, JSON, or empty
   */
  record RemoveForm(
      String confirmPassword, String code, String passkeyChallenge, String passkeyCredential) {
    RemoveForm {
      confirmPassword = Forms.text(confirmPassword);
      code = Digits.code(code);
      passkeyChallenge = Forms.text(passkeyChallenge);
      passkeyCredential = Forms.text(passkeyCredential);
    }

    @Override
    public String toString() {
      return "RemoveForm[…]";
    }
  }

  @PostMapping(path = "/login/passkey/options")
  @ResponseBody
  ResponseEntity<Map<String, Object>> loginOptions(HttpServletRequest request, Locale locale) {
    // Usernameless: the options name nobody, so they tell nothing about any login ID.
    if (limiter
        .hit(
            "passkey-login-options:" + request.getRemoteAddr(),
            LOGIN_OPTIONS_PER_MINUTE,
            Duration.ofMinutes(1))
        .isPresent()) {
      return ResponseEntity.status(429)
          .body(
              Map.of(
                  "result",
                  "THROTTLED",
                  "message",
                  messages.getMessage("factor.error.THROTTLED", null, locale)));
    }
    return WebAuthnJson.answer(ceremonies.startUsernameless(properties.serviceId(), LOGIN));
  }

  @PostMapping(path = "/login/passkey", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> login(
      @Valid @RequestBody LoginFinish body,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    String json = body.credential().toString();
    // The passkey names the customer; a login ID typed before must be theirs.
    Optional<NetbankUser> user =
        ceremonies
            .owner(properties.serviceId(), json)
            .flatMap(customers::customer)
            .map(BankCustomers.Customer::user)
            .filter(
                u ->
                    body.loginId() == null
                        || body.loginId().isBlank()
                        || u.loginId().equals(body.loginId().strip()));
    String who = user.map(NetbankUser::loginId).orElse(body.loginId());
    Verdict v =
        factors.check(
            subject(user),
            LOGIN,
            Set.of(),
            new Actor(Actor.Type.CUSTOMER, who, request.getRemoteAddr()),
            new Proof.PasskeyAssertion(body.challengeId(), json, false));
    if (!v.allowed() || user.isEmpty()) {
      return ResponseEntity.status(401).body(refusal(v, locale));
    }
    customers.rememberLocale(user.get().customerId(), locale);
    security.signIn(user.get(), v.passed(), request, response);
    return ResponseEntity.ok(Map.of("result", "OK", "redirect", "/netbank/"));
  }

  @GetMapping("/passkeys")
  String page(@AuthenticationPrincipal NetbankUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("passkeys", ceremonies.list(subject(Optional.of(user))));
    List<FactorPolicy.Combination> removal = factors.acceptable(subject(Optional.of(user)), REMOVE);
    model.addAttribute(
        "removalByPasskey", removal.stream().anyMatch(c -> c.factors().contains(Factor.PASSKEY)));
    model.addAttribute(
        "removalByCode", removal.stream().anyMatch(c -> c.factors().contains(Factor.OTP)));
    return PAGE;
  }

  @PostMapping(path = "/passkeys/options", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> registerOptions(
      @AuthenticationPrincipal NetbankUser user,
      Authentication auth,
      @Valid @RequestBody RegisterStart body,
      HttpServletRequest request,
      Locale locale) {
    Subject subject = subject(Optional.of(user));
    Verdict v =
        factors.check(
            subject,
            ADD,
            PassedFactors.of(auth),
            new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr()),
            new Proof.Password(Factor.CONFIRMATION_PASSWORD, body.confirmPassword()));
    if (!v.allowed()) {
      return ResponseEntity.status(403).body(refusal(v, locale));
    }
    return ceremonies
        .startRegistration(subject, user.loginId())
        .map(o -> ResponseEntity.ok(WebAuthnJson.creation(o, user.name())))
        .orElse(ResponseEntity.status(404).body(Map.of("result", "NOT_FOUND")));
  }

  @PostMapping(path = "/passkeys", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> register(
      @AuthenticationPrincipal NetbankUser user,
      @Valid @RequestBody RegisterFinish body,
      HttpServletRequest request,
      Locale locale) {
    PasskeyCeremonies.Registration r =
        ceremonies.finishRegistration(
            body.challengeId(),
            subject(Optional.of(user)),
            body.credential().toString(),
            body.label(),
            actor(user, request));
    if (r == PasskeyCeremonies.Registration.OK) {
      return ResponseEntity.ok(Map.of("result", "OK"));
    }
    return ResponseEntity.status(400)
        .body(
            Map.of(
                "result",
                r.name(),
                "message",
                messages.getMessage("passkey.error.registration", null, locale)));
  }

  @PostMapping("/passkeys/{id}/rename")
  String rename(
      @AuthenticationPrincipal NetbankUser user,
      @PathVariable String id,
      RenameForm form,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    if (!ceremonies.rename(
        subject(Optional.of(user)), id, Forms.text(form.label()), actor(user, request))) {
      redirect.addFlashAttribute("error", "passkey.error.label");
      return "redirect:/netbank/passkeys";
    }
    return "redirect:/netbank/passkeys?renamed";
  }

  /** The options of the assertion that removes a passkey (JSON for the page's script). */
  @PostMapping("/passkeys/{id}/remove/options")
  @ResponseBody
  ResponseEntity<Map<String, Object>> removeOptions(@AuthenticationPrincipal NetbankUser user) {
    return WebAuthnJson.answer(
        ceremonies.startAssertion(subject(Optional.of(user)), REMOVE, false));
  }

  @PostMapping("/passkeys/{id}/remove")
  String remove(
      @AuthenticationPrincipal NetbankUser user,
      @PathVariable String id,
      RemoveForm form,
      Authentication auth,
      HttpServletRequest request,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Subject subject = subject(Optional.of(user));
    Proof[] proofs;
    if (!form.passkeyChallenge().isEmpty()) {
      if (form.passkeyCredential().length() > WebAuthnJson.MAX_LENGTH) {
        redirect.addFlashAttribute("error", "passkey.error.failed");
        return "redirect:/netbank/passkeys";
      }
      proofs =
          new Proof[] {
            new Proof.PasskeyAssertion(form.passkeyChallenge(), form.passkeyCredential(), false)
          };
    } else if (form.confirmPassword().isEmpty() || form.confirmPassword().length() > 64) {
      redirect.addFlashAttribute("error", "confirm.error.wrong");
      return "redirect:/netbank/passkeys";
    } else if (!Digits.isCode(form.code())) {
      redirect.addFlashAttribute(
          "error", form.code().isEmpty() ? "otp.error.empty" : "otp.error.format");
      return "redirect:/netbank/passkeys";
    } else {
      proofs =
          new Proof[] {
            new Proof.Password(Factor.CONFIRMATION_PASSWORD, form.confirmPassword()),
            new Proof.OtpCode(form.code())
          };
    }
    Verdict v = factors.check(subject, REMOVE, Set.of(), actor(user, request), proofs);
    if (!v.allowed()) {
      redirect.addFlashAttribute("error", refusalKey(v));
      return "redirect:/netbank/passkeys";
    }
    security.passed(auth, v.passed(), request, response);
    PasskeyCeremonies.Removal r = ceremonies.remove(subject, id, false, actor(user, request));
    if (r != PasskeyCeremonies.Removal.OK) {
      redirect.addFlashAttribute(
          "error",
          r == PasskeyCeremonies.Removal.LAST ? "passkey.error.last" : "passkey.error.gone");
      return "redirect:/netbank/passkeys";
    }
    return "redirect:/netbank/passkeys?removed";
  }

  private static Actor actor(NetbankUser user, HttpServletRequest request) {
    return new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr());
  }

  private Subject subject(Optional<NetbankUser> user) {
    return new Subject(properties.serviceId(), user.map(NetbankUser::customerId).orElse(""));
  }

  private Map<String, Object> refusal(Verdict v, Locale locale) {
    return Map.of(
        "result", v.kind().name(), "message", messages.getMessage(refusalKey(v), null, locale));
  }

  /** The message key of a refused verdict of these screens. */
  static String refusalKey(Verdict v) {
    ProofResult r = v.refusal().orElse(null);
    String key;
    if (r != null
        && (r.status() == ProofResult.Status.THROTTLED || r.status() == ProofResult.Status.BUSY)) {
      key = "factor.error." + r.status().name();
    } else if (r != null && r.factor() == Factor.CONFIRMATION_PASSWORD) {
      key =
          r.status() == ProofResult.Status.LOCKED ? "confirm.error.locked" : "confirm.error.wrong";
    } else if (r != null && r.status() == ProofResult.Status.LOCKED) {
      key = "passkey.error.locked";
    } else if (r != null && r.factor() == Factor.OTP) {
      key =
          switch (r.status()) {
            case LOCKED -> "login.error.tokenLocked";
            case REPLAYED -> "otp.error.replayed";
            default -> "otp.error.wrong";
          };
    } else if (r == null && v.kind() == Verdict.Kind.BLOCKED) {
      key = "login.error.tokenLocked";
    } else {
      key = "passkey.error.failed";
    }
    return key;
  }
}

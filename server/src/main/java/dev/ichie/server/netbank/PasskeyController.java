package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.PassedFactors;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.passkey.WebAuthnJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys in web banking: 「パスキーでログイン」 after the login ID, and 「パスキーの管理」 with 「パスキーを登録」 (a factor
 * change: the confirmation password, with the code the session passed at login). The ceremonies run
 * in the net bank's own script (/js/passkeys.js), which posts JSON with the page's CSRF token.
 */
@Controller
@RequestMapping("/netbank")
@NetbankEnabled
class PasskeyController {

  private static final Operation LOGIN = new Operation.Login();
  private static final Operation ADD =
      new Operation.FactorChange(Operation.FactorChange.Change.ADD_PASSKEY);

  private final PasskeyCeremonies ceremonies;
  private final FactorCheck factors;
  private final BankCustomers customers;
  private final NetbankSecurity security;
  private final NetbankProperties properties;
  private final MessageSource messages;

  PasskeyController(
      PasskeyCeremonies ceremonies,
      FactorCheck factors,
      BankCustomers customers,
      NetbankSecurity security,
      NetbankProperties properties,
      MessageSource messages) {
    this.ceremonies = ceremonies;
    this.factors = factors;
    this.customers = customers;
    this.security = security;
    this.properties = properties;
    this.messages = messages;
  }

  /**
   * The login ID a passkey login is for.
   *
   * @param loginId the login ID
   */
  record LoginStart(@NotNull @Size(min = 1, max = 32) String loginId) {}

  /**
   * A passkey login's assertion.
   *
   * @param loginId the login ID
   * @param challengeId the options' challenge
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   */
  record LoginFinish(
      @NotNull @Size(min = 1, max = 32) String loginId,
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

  @PostMapping(path = "/login/passkey/options", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> loginOptions(@Valid @RequestBody LoginStart body) {
    // An unknown login ID gets options too, with no credential: its assertion is refused later.
    Subject subject = subject(customers.byLoginId(body.loginId().strip()));
    return ceremonies
        .startAssertion(subject, LOGIN, false)
        .map(o -> ResponseEntity.ok(WebAuthnJson.request(o)))
        .orElse(ResponseEntity.status(404).body(Map.of("result", "NOT_FOUND")));
  }

  @PostMapping(path = "/login/passkey", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> login(
      @Valid @RequestBody LoginFinish body,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    Optional<NetbankUser> user = customers.byLoginId(body.loginId().strip());
    Verdict v =
        factors.check(
            subject(user),
            LOGIN,
            Set.of(),
            new Actor(Actor.Type.CUSTOMER, body.loginId().strip(), request.getRemoteAddr()),
            new Proof.PasskeyAssertion(body.challengeId(), body.credential().toString(), false));
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
    return "netbank/passkeys";
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
            new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr()));
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

  private Subject subject(Optional<NetbankUser> user) {
    return new Subject(properties.serviceId(), user.map(NetbankUser::customerId).orElse(""));
  }

  private Map<String, Object> refusal(Verdict v, Locale locale) {
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
    } else {
      key = "passkey.error.failed";
    }
    return Map.of("result", v.kind().name(), "message", messages.getMessage(key, null, locale));
  }
}

package dev.ichie.server.api;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.passkey.PasskeyCeremonies;
import dev.ichie.server.passkey.WebAuthnJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The passkey ceremonies for a bank's own web banking, with Ichie as its FIDO2 server: options in
 * the WebAuthn Level 3 JSON form ({@code PublicKeyCredential.parseCreationOptionsFromJSON} / {@code
 * parseRequestOptionsFromJSON}), results as {@code PublicKeyCredential.toJSON()}. An assertion may
 * be bound to a transfer or a payee registration: it then verifies for that operation's exact
 * fields alone. A usernameless login names no customer: the passkey does, and the answer says who.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "passkeys", description = "Passkey registration and authentication (FIDO2 server)")
@SecurityRequirement(name = "apiKey")
class PasskeyApiController {

  private static final dev.ichie.server.factor.Operation LOGIN =
      new dev.ichie.server.factor.Operation.Login();

  private final PasskeyCeremonies ceremonies;
  private final FactorCheck factors;

  PasskeyApiController(PasskeyCeremonies ceremonies, FactorCheck factors) {
    this.ceremonies = ceremonies;
    this.factors = factors;
  }

  /**
   * A registration's start.
   *
   * @param userName what the authenticator shows for the account, e.g. the login ID
   * @param displayName the customer's name as the authenticator shows it
   */
  record RegistrationStart(
      @NotNull @Size(min = 1, max = 64) String userName, @Size(max = 64) String displayName) {}

  /**
   * A registration's result.
   *
   * @param challengeId the options' challenge
   * @param label the customer's name for the passkey
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   */
  record RegistrationFinish(
      @NotNull @Size(min = 1, max = 64) String challengeId,
      @Size(max = 64) String label,
      @NotNull JsonNode credential) {}

  /**
   * A transfer an assertion is bound to.
   *
   * @param payeeBank the payee's bank
   * @param payeeBranch the payee's branch, or null for none
   * @param payeeAccountType the account's type (科目), or null for none
   * @param payeeNumber the payee's account number
   * @param payeeName the payee's name
   * @param amount the amount in the currency's minor unit
   * @param currency ISO 4217
   */
  record TransferFields(
      @NotNull @Size(min = 1, max = 60) String payeeBank,
      @Size(max = 60) String payeeBranch,
      @Size(max = 20) String payeeAccountType,
      @NotNull @Size(min = 1, max = 20) String payeeNumber,
      @NotNull @Size(min = 1, max = 60) String payeeName,
      @Positive long amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {

    dev.ichie.server.factor.Operation operation() {
      return new dev.ichie.server.factor.Operation.Transfer(
          payeeBank,
          payeeBranch == null ? "" : payeeBranch,
          payeeAccountType == null ? "" : payeeAccountType,
          payeeNumber,
          payeeName,
          amount,
          currency,
          false);
    }
  }

  /**
   * A payee registration an assertion is bound to.
   *
   * @param payeeBank the payee's bank and branch
   * @param payeeNumber the payee's account number
   * @param payeeName the payee's name
   */
  record PayeeFields(
      @NotNull @Size(min = 1, max = 60) String payeeBank,
      @NotNull @Size(min = 1, max = 20) String payeeNumber,
      @NotNull @Size(min = 1, max = 60) String payeeName) {

    dev.ichie.server.factor.Operation operation() {
      return new dev.ichie.server.factor.Operation.PayeeRegistration(
          payeeBank, payeeNumber, payeeName);
    }
  }

  /**
   * An assertion's start: for a login, or bound to a transfer or a payee registration.
   *
   * @param transfer the transfer to bind to, or null
   * @param payee the payee registration to bind to, or null
   */
  record AuthenticationStart(@Valid TransferFields transfer, @Valid PayeeFields payee) {
    @AssertTrue(message = "at most one operation")
    boolean isOneOperation() {
      return transfer == null || payee == null;
    }
  }

  /**
   * An assertion's result.
   *
   * @param challengeId the options' challenge
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   * @param transfer the transfer, when the options were bound to one: the same fields
   * @param payee the payee registration, when the options were bound to one: the same fields
   */
  record AuthenticationFinish(
      @NotNull @Size(min = 1, max = 64) String challengeId,
      @NotNull JsonNode credential,
      @Valid TransferFields transfer,
      @Valid PayeeFields payee) {
    @AssertTrue(message = "at most one operation")
    boolean isOneOperation() {
      return transfer == null || payee == null;
    }
  }

  /**
   * A usernameless login's result.
   *
   * @param challengeId the options' challenge
   * @param credential the browser's {@code PublicKeyCredential.toJSON()}
   */
  record UsernamelessFinish(
      @NotNull @Size(min = 1, max = 64) String challengeId, @NotNull JsonNode credential) {}

  @Operation(summary = "Options for navigator.credentials.create()")
  @PostMapping(
      path = "/customers/{customer}/passkeys/registration/options",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> registrationOptions(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody RegistrationStart body) {
    return ceremonies
        .startRegistration(new Subject(client.serviceId(), customer), body.userName())
        .map(o -> ResponseEntity.ok(WebAuthnJson.creation(o, body.displayName())))
        .orElse(ResponseEntity.status(404).body(Map.of("result", "NOT_FOUND")));
  }

  @Operation(summary = "Register the passkey the browser created")
  @PostMapping(
      path = "/customers/{customer}/passkeys/registration",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> register(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody RegistrationFinish body,
      HttpServletRequest http) {
    PasskeyCeremonies.Registration r =
        ceremonies.finishRegistration(
            body.challengeId(),
            new Subject(client.serviceId(), customer),
            body.credential().toString(),
            body.label(),
            actor(client, http));
    int status =
        switch (r) {
          case OK -> 201;
          case NOT_FOUND -> 404;
          case EXPIRED -> 410;
          case DUPLICATE -> 409;
          default -> 400;
        };
    return ResponseEntity.status(status).body(Map.of("result", r.name()));
  }

  @Operation(
      summary =
          "Options for navigator.credentials.get(), for a customer's login or bound to a"
              + " transfer or a payee registration")
  @PostMapping(
      path = "/customers/{customer}/passkeys/authentication/options",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> authenticationOptions(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody AuthenticationStart body) {
    dev.ichie.server.factor.Operation operation = operation(body.transfer(), body.payee());
    return WebAuthnJson.answer(
        ceremonies.startAssertion(
            new Subject(client.serviceId(), customer),
            operation,
            body.transfer() != null || body.payee() != null));
  }

  @Operation(summary = "Verify the assertion the browser made for a customer")
  @PostMapping(
      path = "/customers/{customer}/passkeys/authentication",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> authenticate(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody AuthenticationFinish body,
      HttpServletRequest http) {
    return assertion(
        client,
        customer,
        operation(body.transfer(), body.payee()),
        new Proof.PasskeyAssertion(
            body.challengeId(),
            body.credential().toString(),
            body.transfer() != null || body.payee() != null),
        http);
  }

  @Operation(summary = "Options for a usernameless login: no customer named, no credential listed")
  @PostMapping(path = "/passkeys/authentication/options")
  ResponseEntity<Map<String, Object>> usernamelessOptions(
      @AuthenticationPrincipal ApiClient client) {
    return WebAuthnJson.answer(ceremonies.startUsernameless(client.serviceId(), LOGIN));
  }

  @Operation(summary = "Verify a usernameless login's assertion: the answer names the customer")
  @PostMapping(path = "/passkeys/authentication", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> usernameless(
      @AuthenticationPrincipal ApiClient client,
      @Valid @RequestBody UsernamelessFinish body,
      HttpServletRequest http) {
    String json = body.credential().toString();
    return assertion(
        client,
        ceremonies.owner(client.serviceId(), json).orElse(""),
        LOGIN,
        new Proof.PasskeyAssertion(body.challengeId(), json, false),
        http);
  }

  @Operation(summary = "A customer's passkeys (not removed), oldest first")
  @GetMapping("/customers/{customer}/passkeys")
  ResponseEntity<List<PasskeyCeremonies.PasskeyView>> list(
      @AuthenticationPrincipal ApiClient client, @PathVariable String customer) {
    return ResponseEntity.ok(ceremonies.list(new Subject(client.serviceId(), customer)));
  }

  @Operation(
      summary = "Remove a passkey; 409 LAST for the last one while the service requires a passkey")
  @DeleteMapping("/customers/{customer}/passkeys/{passkey}")
  ResponseEntity<Map<String, Object>> remove(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @PathVariable String passkey,
      HttpServletRequest http) {
    PasskeyCeremonies.Removal r =
        ceremonies.remove(
            new Subject(client.serviceId(), customer), passkey, false, actor(client, http));
    int status =
        switch (r) {
          case OK -> 200;
          case NOT_FOUND -> 404;
          case LAST -> 409;
        };
    return ResponseEntity.status(status).body(Map.of("result", r.name()));
  }

  /** An assertion through the factor layer, answered with the customer and the operation. */
  private ResponseEntity<Map<String, Object>> assertion(
      ApiClient client,
      String customer,
      dev.ichie.server.factor.Operation operation,
      Proof.PasskeyAssertion proof,
      HttpServletRequest http) {
    Verdict v =
        factors.check(
            new Subject(client.serviceId(), customer),
            operation,
            Set.of(),
            actor(client, http),
            proof);
    Map<String, Object> answer = new LinkedHashMap<>();
    if (v.allowed()) {
      answer.put("result", "OK");
      answer.put("customer", customer);
      answer.put("operation", operation.kind());
      answer.put("factor", v.passed().contains(Factor.PASSKEY_BOUND) ? "PASSKEY_BOUND" : "PASSKEY");
      return ResponseEntity.ok(answer);
    }
    ProofResult r = v.refusal().orElse(null);
    String result = r == null ? v.kind().name() : r.status().name();
    answer.put("result", result);
    if (r != null) {
      answer.put("reason", r.reason());
    }
    int status =
        switch (result) {
          case "MALFORMED" -> 400;
          case "LOCKED" -> 423;
          case "THROTTLED" -> 429;
          case "NOT_AVAILABLE" -> 404;
          default -> 401;
        };
    return ResponseEntity.status(status).body(answer);
  }

  private static dev.ichie.server.factor.Operation operation(
      TransferFields transfer, PayeeFields payee) {
    if (transfer != null) {
      return transfer.operation();
    }
    return payee != null ? payee.operation() : LOGIN;
  }

  private static Actor actor(ApiClient client, HttpServletRequest http) {
    return new Actor(Actor.Type.API_CLIENT, client.name(), http.getRemoteAddr());
  }
}

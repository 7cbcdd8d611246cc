package dev.ichie.server.api;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.BadRequest;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenLifecycle;
import dev.ichie.server.token.TokenQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API for the bank's systems. Each key belongs to one service; a customer of another
 * service is not found. Every answer carries a machine-readable {@code result}.
 */
@RestController
@RequestMapping(path = "/api/v1/customers/{customer}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tokens", description = "Token lifecycle and verification for the bank's systems")
@SecurityRequirement(name = "apiKey")
class ApiController {

  private final TokenIssuance issuance;
  private final TokenQueries queries;
  private final TokenLifecycle lifecycle;
  private final FactorCheck factors;

  ApiController(
      TokenIssuance issuance, TokenQueries queries, TokenLifecycle lifecycle, FactorCheck factors) {
    this.issuance = issuance;
    this.queries = queries;
    this.lifecycle = lifecycle;
    this.factors = factors;
  }

  @Operation(summary = "Issue a token (F1)")
  @PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiDtos.TokenAnswer> issue(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody ApiDtos.IssueRequest body,
      HttpServletRequest http) {
    return answer(
        issuance.issue(
            client.serviceId(),
            customer,
            body.mobileMail(),
            body.activationPassword(),
            actor(client, http)),
        201);
  }

  @Operation(summary = "The customer's token status")
  @GetMapping("/token")
  ResponseEntity<ApiDtos.TokenAnswer> status(
      @AuthenticationPrincipal ApiClient client, @PathVariable String customer) {
    return answer(queries.status(client.serviceId(), customer), 200);
  }

  @Operation(summary = "Start of use with the first code (F3)")
  @PostMapping(path = "/token/start", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiDtos.TokenAnswer> start(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody ApiDtos.CodeRequest body,
      HttpServletRequest http) {
    return answer(
        code(
            client,
            customer,
            new dev.ichie.server.factor.Operation.FactorChange(
                dev.ichie.server.factor.Operation.FactorChange.Change.START_TOKEN),
            body.code(),
            http),
        200);
  }

  @Operation(summary = "Verify a code (login F4, transactions F5)")
  @PostMapping(path = "/token/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiDtos.TokenAnswer> verify(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody ApiDtos.CodeRequest body,
      HttpServletRequest http) {
    return answer(
        code(
            client,
            customer,
            new dev.ichie.server.factor.Operation.Verification(),
            body.code(),
            http),
        200);
  }

  @Operation(summary = "Deactivate the token (F6); a new one can be issued from the next day")
  @PostMapping("/token/deactivate")
  ResponseEntity<ApiDtos.TokenAnswer> deactivate(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      HttpServletRequest http) {
    return answer(lifecycle.deactivate(client.serviceId(), customer, actor(client, http)), 200);
  }

  @Operation(summary = "The customer's audit trail, oldest first")
  @GetMapping("/audit")
  ResponseEntity<ApiDtos.AuditAnswer> audit(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new BadRequest("limit must be 1 to 1000");
    }
    Optional<List<AuditEvent>> trail = queries.auditTrail(client.serviceId(), customer, limit);
    return trail
        .map(events -> ResponseEntity.ok(new ApiDtos.AuditAnswer("OK", events)))
        .orElse(ResponseEntity.status(404).body(new ApiDtos.AuditAnswer("NOT_FOUND", List.of())));
  }

  /** A code through the factor layer; the answer is the token's, as it always was. */
  private Outcome code(
      ApiClient client,
      String customer,
      dev.ichie.server.factor.Operation operation,
      String code,
      HttpServletRequest http) {
    Verdict verdict =
        factors.check(
            new Subject(client.serviceId(), customer),
            operation,
            Set.of(),
            actor(client, http),
            new Proof.OtpCode(code));
    return verdict
        .result(Factor.OTP)
        .map(ProofResult::detail)
        .filter(Outcome.class::isInstance)
        .map(Outcome.class::cast)
        .orElse(new Outcome(Result.THROTTLED, null));
  }

  private static ResponseEntity<ApiDtos.TokenAnswer> answer(Outcome outcome, int okStatus) {
    int status = outcome.ok() ? okStatus : outcome.result().httpStatus();
    return ResponseEntity.status(status).body(ApiDtos.TokenAnswer.of(outcome));
  }

  private static Actor actor(ApiClient client, HttpServletRequest http) {
    return new Actor(Actor.Type.API_CLIENT, client.name(), http.getRemoteAddr());
  }
}

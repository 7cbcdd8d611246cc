package dev.ichie.server.api;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.TransferHolds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

/**
 * The bank's systems hold a customer's transfers (its fraud detection flagged them) and lift the
 * hold: while held, web banking makes a transfer only once the customer approves it with 取引認証 in
 * the token app. Audited with the calling client.
 */
@RestController
@RequestMapping(
    path = "/api/v1/customers/{customer}/transfer-hold",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "risk", description = "Holds on a customer's transfers")
@SecurityRequirement(name = "apiKey")
class TransferHoldApiController {

  /**
   * Why the transfers are held.
   *
   * @param reason the bank's note, 1 to 200 characters without control characters
   */
  record HoldRequest(
      @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "[^\\p{Cc}]+") String reason) {}

  /**
   * The customer's hold.
   *
   * @param result OK
   * @param held whether transfers are held
   * @param reason why, when held
   * @param setBy the client that set it, when held
   * @param setAt when, when held
   */
  record HoldAnswer(String result, boolean held, String reason, String setBy, Instant setAt) {

    static HoldAnswer of(java.util.Optional<TransferHolds.Hold> hold) {
      return hold.map(h -> new HoldAnswer("OK", true, h.reason(), h.setBy(), h.setAt()))
          .orElse(new HoldAnswer("OK", false, null, null, null));
    }
  }

  private final TransferHolds holds;

  TransferHoldApiController(TransferHolds holds) {
    this.holds = holds;
  }

  @Operation(summary = "Whether the customer's transfers are held")
  @GetMapping
  ResponseEntity<HoldAnswer> get(
      @AuthenticationPrincipal ApiClient client, @PathVariable String customer) {
    return ResponseEntity.ok(HoldAnswer.of(holds.find(new Subject(client.serviceId(), customer))));
  }

  @Operation(summary = "Hold the customer's transfers until lifted: each then needs 取引認証")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<HoldAnswer> hold(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody HoldRequest body,
      HttpServletRequest http) {
    Subject subject = new Subject(client.serviceId(), customer);
    holds.set(subject, body.reason(), actor(client, http));
    return ResponseEntity.ok(HoldAnswer.of(holds.find(subject)));
  }

  @Operation(summary = "Lift the hold on the customer's transfers")
  @DeleteMapping
  ResponseEntity<HoldAnswer> lift(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      HttpServletRequest http) {
    Subject subject = new Subject(client.serviceId(), customer);
    holds.lift(subject, actor(client, http));
    return ResponseEntity.ok(HoldAnswer.of(holds.find(subject)));
  }

  private static Actor actor(ApiClient client, HttpServletRequest http) {
    return new Actor(Actor.Type.API_CLIENT, client.name(), http.getRemoteAddr());
  }
}

package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.api.ApiClient;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Subject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 取引認証 for the bank's systems (CONFIRMATION.md): create a confirmation for a customer's token, read
 * its state, or approve it with the offline code the customer read from the app.
 */
@RestController
@RequestMapping(
    path = "/api/v1/customers/{customer}/confirmations",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "confirmations", description = "取引認証: transactions confirmed in the token app")
@SecurityRequirement(name = "apiKey")
class ConfirmationApiController {

  private final Confirmations confirmations;

  ConfirmationApiController(Confirmations confirmations) {
    this.confirmations = confirmations;
  }

  /**
   * A field of a confirmation.
   *
   * @param name its name
   * @param value its value
   */
  record FieldBody(@NotNull @Size(max = 40) String name, @NotNull @Size(max = 400) String value) {}

  /**
   * A confirmation to create.
   *
   * @param kind TRANSFER
   * @param fields the seven fields, in order
   */
  record CreateBody(
      @NotNull @Size(max = 16) String kind,
      @NotNull @Size(max = 20) List<@NotNull @Valid FieldBody> fields) {}

  /**
   * The offline code.
   *
   * @param code the 8 digits the app showed
   */
  record CodeBody(@NotNull @Size(max = 16) String code) {}

  @Operation(summary = "Create a confirmation of a transfer for the customer's token")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @Valid @RequestBody CreateBody body,
      HttpServletRequest http) {
    Confirmations.Created c =
        confirmations.create(
            new Subject(client.serviceId(), customer),
            body.kind(),
            body.fields().stream().map(f -> new Confirmation.Field(f.name(), f.value())).toList(),
            actor(client, http));
    if (c.outcome() != Confirmations.Outcome.OK) {
      return ResponseEntity.status(c.outcome() == Confirmations.Outcome.MALFORMED ? 400 : 409)
          .body(Map.of("result", c.outcome().name()));
    }
    return ResponseEntity.status(201)
        .body(
            Map.of(
                "result",
                "OK",
                "confirmationId",
                c.id(),
                "expiresAt",
                Confirmation.TIME.format(c.expiresAt()),
                "online",
                c.online()));
  }

  @Operation(summary = "The state of a confirmation")
  @GetMapping("/{confirmationId}")
  ResponseEntity<Map<String, Object>> state(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @PathVariable String confirmationId) {
    return confirmations
        .find(new Subject(client.serviceId(), customer), confirmationId)
        .map(
            v -> {
              Map<String, Object> m = new HashMap<>();
              m.put("result", "OK");
              m.put("state", v.state());
              m.put("online", v.online());
              m.put(
                  "decidedAt",
                  v.decidedAt() == null ? null : Confirmation.TIME.format(v.decidedAt()));
              return ResponseEntity.ok(m);
            })
        .orElse(ResponseEntity.status(404).body(Map.of("result", "UNKNOWN_CONFIRMATION")));
  }

  @Operation(summary = "Approve a confirmation with the offline code (取引認証番号)")
  @PostMapping(path = "/{confirmationId}/code", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> code(
      @AuthenticationPrincipal ApiClient client,
      @PathVariable String customer,
      @PathVariable String confirmationId,
      @Valid @RequestBody CodeBody body,
      HttpServletRequest http) {
    Confirmations.Outcome o =
        confirmations.code(
            new Subject(client.serviceId(), customer),
            confirmationId,
            body.code(),
            actor(client, http));
    int status =
        switch (o) {
          case APPROVED -> 200;
          case UNKNOWN_CONFIRMATION -> 404;
          case ALREADY_DECIDED -> 409;
          case EXPIRED -> 410;
          case LOCKED -> 423;
          case MALFORMED -> 400;
          default -> 401;
        };
    return ResponseEntity.status(status)
        .body(Map.of("result", o == Confirmations.Outcome.APPROVED ? "OK" : o.name()));
  }

  private static Actor actor(ApiClient client, HttpServletRequest http) {
    return new Actor(Actor.Type.API_CLIENT, client.name(), http.getRemoteAddr());
  }
}

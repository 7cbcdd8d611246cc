package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The token app's API of 取引認証 (CONFIRMATION.md, version 1): the server's time, a device key's later
 * registration, the signed poll for pending confirmations and the signed decision. No API key:
 * every request is signed by the token's device key or proved with its secret. Errors are {@code
 * {"error":CODE,"message":…}} in the language of Accept-Language.
 */
@RestController
@RequestMapping(path = "/api/app/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AppConfirmationController {

  private final Confirmations confirmations;
  private final DeviceKeyEnrolment enrolment;
  private final MessageSource messages;
  private final Clock clock;

  AppConfirmationController(
      Confirmations confirmations,
      DeviceKeyEnrolment enrolment,
      MessageSource messages,
      Clock clock) {
    this.confirmations = confirmations;
    this.enrolment = enrolment;
    this.messages = messages;
    this.clock = clock;
  }

  @GetMapping("/time")
  Map<String, Object> time() {
    return Map.of("serverTime", Confirmation.TIME.format(clock.instant()));
  }

  @PostMapping(path = "/device-key", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> deviceKey(
      @RequestBody JsonNode body, HttpServletRequest http, Locale locale) {
    if (!version1(body)) {
      return error("MALFORMED", locale);
    }
    DeviceKeyEnrolment.Outcome o =
        enrolment.enrol(
            identity(body),
            text(body, "publicKey"),
            text(body, "time"),
            text(body, "proof"),
            actor(body, http));
    if (o == DeviceKeyEnrolment.Outcome.REGISTERED) {
      return ResponseEntity.ok(Map.of("version", 1, "result", "REGISTERED"));
    }
    return error(o.name(), locale);
  }

  @PostMapping(path = "/confirmations/pending", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> pending(
      @RequestBody JsonNode body, HttpServletRequest http, Locale locale) {
    if (!version1(body)) {
      return error("MALFORMED", locale);
    }
    Confirmations.Poll poll =
        confirmations.pending(
            identity(body), text(body, "time"), text(body, "signature"), actor(body, http));
    if (poll.outcome() != Confirmations.Outcome.OK) {
      return error(poll.outcome().name(), locale);
    }
    List<Map<String, Object>> list =
        poll.pending().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("confirmationId", c.id());
                  m.put("kind", c.kind());
                  m.put("createdAt", Confirmation.TIME.format(c.createdAt()));
                  m.put("expiresAt", Confirmation.TIME.format(c.expiresAt()));
                  m.put(
                      "fields",
                      c.fields().stream()
                          .map(f -> Map.of("name", f.name(), "value", f.value()))
                          .toList());
                  return m;
                })
            .toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", 1);
    answer.put("confirmations", list);
    answer.put("serverTime", Confirmation.TIME.format(clock.instant()));
    return ResponseEntity.ok(answer);
  }

  @PostMapping(
      path = "/confirmations/{confirmationId}/decision",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> decision(
      @PathVariable String confirmationId,
      @RequestBody JsonNode body,
      HttpServletRequest http,
      Locale locale) {
    if (!version1(body)) {
      return error("MALFORMED", locale);
    }
    Confirmations.Outcome o =
        confirmations.decide(
            confirmationId,
            identity(body),
            text(body, "decision"),
            text(body, "signature"),
            actor(body, http));
    if (o == Confirmations.Outcome.APPROVED || o == Confirmations.Outcome.REJECTED) {
      return ResponseEntity.ok(Map.of("version", 1, "result", o.name()));
    }
    return error(o.name(), locale);
  }

  private ResponseEntity<Map<String, Object>> error(String code, Locale locale) {
    int status =
        switch (code) {
          case "BAD_SIGNATURE" -> 401;
          case "UNKNOWN_CONFIRMATION" -> 404;
          case "KEY_EXISTS", "ALREADY_DECIDED" -> 409;
          case "EXPIRED" -> 410;
          case "THROTTLED" -> 429;
          default -> 400;
        };
    return ResponseEntity.status(status)
        .body(
            Map.of(
                "error",
                code,
                "message",
                messages.getMessage("app.error." + code, null, code, locale)));
  }

  private static boolean version1(JsonNode body) {
    return body != null
        && body.isObject()
        && body.path("version").isIntegralNumber()
        && body.path("version").canConvertToInt()
        && body.path("version").asInt() == 1;
  }

  private static Confirmations.AppIdentity identity(JsonNode body) {
    return new Confirmations.AppIdentity(
        text(body, "serviceId"), text(body, "userId"), text(body, "credentialId"));
  }

  private static String text(JsonNode body, String name) {
    JsonNode n = body.get(name);
    return n != null && n.isString() ? n.asString() : null;
  }

  private static Actor actor(JsonNode body, HttpServletRequest http) {
    String user = text(body, "userId");
    return new Actor(
        Actor.Type.TOKEN_APP,
        user == null || user.length() > 16 ? null : user,
        http.getRemoteAddr());
  }
}

package dev.ichie.server.activation;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.ErrorCode;
import dev.ichie.activation.ErrorResponse;
import dev.ichie.activation.ProtocolException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token apps' activation endpoint, {@code /api/activation/v1/start} and {@code …/finish}. The
 * wire format is {@code docs/activation-protocol.md}; the bodies are parsed strictly by the
 * activation library, so that the server and the app share one definition.
 */
@RestController
@RequestMapping(path = "/api/activation/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "activation",
    description = "Token-app activation (SRP-6a), see docs/activation-protocol.md")
class ActivationController {

  private final ActivationService activation;
  private final MessageSource messages;

  ActivationController(ActivationService activation, MessageSource messages) {
    this.activation = activation;
    this.messages = messages;
  }

  @Operation(summary = "Start an activation: send A, get the salt and B")
  @PostMapping(path = "/start", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> start(@RequestBody byte[] body, HttpServletRequest http)
      throws ProtocolException {
    var request = ActivationJson.readStartRequest(body);
    return ok(ActivationJson.write(activation.start(request, http.getRemoteAddr())));
  }

  @Operation(summary = "Finish an activation: send M1, get M2 and the token parameters")
  @PostMapping(path = "/finish", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> finish(@RequestBody byte[] body, HttpServletRequest http)
      throws ProtocolException {
    var request = ActivationJson.readFinishRequest(body);
    return ok(ActivationJson.write(activation.finish(request, http.getRemoteAddr())));
  }

  private static ResponseEntity<byte[]> ok(byte[] json) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  @ExceptionHandler(ProtocolException.class)
  ResponseEntity<byte[]> malformed(ProtocolException e, HttpServletRequest http) {
    return refused(new ActivationRefusal(e.code(), e.getMessage()), http);
  }

  @ExceptionHandler(ActivationRefusal.class)
  ResponseEntity<byte[]> refused(ActivationRefusal e, HttpServletRequest http) {
    ErrorCode code = e.code();
    Locale locale =
        http.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null ? Locale.JAPANESE : http.getLocale();
    String message =
        messages.getMessage("activation.error." + code.name(), null, e.getMessage(), locale);
    ResponseEntity.BodyBuilder builder =
        ResponseEntity.status(code.httpStatus()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfter() != null) {
      builder.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder.body(ActivationJson.write(new ErrorResponse(code, message)));
  }
}

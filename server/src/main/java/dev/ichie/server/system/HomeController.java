package dev.ichie.server.system;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The root page: what this server is and where its APIs are. */
@RestController
class HomeController {

  @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
  String home() {
    return """
        Ichie one-time-password service.
        REST API for the bank's systems: /api/v1 (OpenAPI: /v3/api-docs, /swagger-ui/index.html)
        Token-app activation: /api/activation/v1/start and /finish
        Health: /actuator/health   Metrics: /actuator/prometheus
        """;
  }
}

package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.server.support.Http;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The client's address behind a TLS proxy, as the prod profile sets it up ({@code
 * forward-headers-strategy: native} and the trusted proxies' addresses): what the audit trail and
 * the per-address limits see for a request that comes with {@code X-Forwarded-For}.
 */
abstract class ForwardedAddressContract {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  /** The address recorded for a failed activation sent with X-Forwarded-For: 203.0.113.7. */
  String recordedAddress() throws Exception {
    Http http = new Http(port);
    String userId = "9" + String.format("%09d", new SecureRandom().nextInt(1_000_000_000));
    AppSession app = AppSession.start("demo", userId, "11112222", new SecureRandom());
    String[] headers = {"Content-Type", "application/json", "X-Forwarded-For", "203.0.113.7"};
    Http.Answer start =
        http.postBytes(
            "/api/activation/v1/start",
            ActivationJson.write(new StartRequest("demo", userId, app.A())),
            headers);
    StartResponse s =
        ActivationJson.readStartResponse(start.body().getBytes(StandardCharsets.UTF_8));
    http.postBytes(
        "/api/activation/v1/finish",
        ActivationJson.write(
            new FinishRequest(s.activationId(), app.respond(s.salt(), s.B()), "proxy test")),
        headers);
    return jdbc.sql(
            "SELECT source_address FROM audit_event WHERE user_id = ? AND outcome = 'NO_ISSUANCE'")
        .param(userId)
        .query(String.class)
        .single();
  }

  abstract String expected();

  @Test
  void addressWhenForwardedThenAsTheProxyIsTrustedOrNot() throws Exception {
    assertThat(recordedAddress()).isEqualTo(expected());
  }
}

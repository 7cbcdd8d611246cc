package dev.ichie.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.ActivationTargets;
import dev.ichie.server.token.TokenQueries;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The REST API over real HTTP: authentication, tenancy, results and bad input. */
@ServerTest
class ApiTest {

  static final String KEY = "test-key-demo";
  static final String OTHER_KEY = "test-key-other";

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired ActivationTargets activations;
  @Autowired TokenQueries queries;

  Http http;
  String customer;
  final SecureRandom random = new SecureRandom();

  @BeforeEach
  void setUp() {
    http = new Http(port);
    clock.set(TestConfig.START);
    customer = "api-" + System.nanoTime();
  }

  Http.Answer post(String path, String body) {
    return http.post(
        path, body, "Authorization", "Bearer " + KEY, "Content-Type", "application/json");
  }

  String base() {
    return "/api/v1/customers/" + customer;
  }

  String issueBody() {
    return "{\"mobileMail\":\"hanako@example.jp\",\"activationPassword\":\""
        + UsedSecrets.add("48207315")
        + "\"}";
  }

  @Test
  void apiWhenNoKeyOrWrongKeyThen401() {
    Http.Answer none = http.get(base() + "/token");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().get("result").asString()).isEqualTo("UNAUTHORIZED");
    assertThat(http.get(base() + "/token", "Authorization", "Bearer wrong-key").status())
        .isEqualTo(401);
    assertThat(http.get(base() + "/token", "X-API-Key", "wrong-key").status()).isEqualTo(401);
    assertThat(http.post(base() + "/token", issueBody()).status()).isEqualTo(401);
    assertThat(queries.status("demo", customer).result().name()).isEqualTo("NOT_FOUND");
  }

  @Test
  void apiWhenFullLifecycleThenResultsAtEachStep() {
    Http.Answer issued = post(base() + "/token", issueBody());
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    JsonNode body = issued.json();
    assertThat(body.get("result").asString()).isEqualTo("OK");
    assertThat(body.get("serviceId").asString()).isEqualTo("demo");
    assertThat(body.get("userId").asString()).matches("[1-9][0-9]{9}");
    assertThat(body.get("state").asString()).isEqualTo("ISSUED");
    assertThat(issued.body()).doesNotContain("48207315");

    Secret secret = Secret.random(random, 20);
    String tokenId = queries.status("demo", customer).status().tokenId();
    activations.completeActivation(
        tokenId, secret, "c", "p", new Actor(Actor.Type.TOKEN_APP, "p", null));
    Totp totp = new Totp(TotpParameters.DEFAULT);

    Http.Answer started =
        post(
            base() + "/token/start",
            "{\"code\":\"" + totp.generate(secret, clock.instant()) + "\"}");
    assertThat(started.json().get("result").asString()).isEqualTo("OK");
    assertThat(started.json().get("state").asString()).isEqualTo("ACTIVE");

    clock.advance(Duration.ofSeconds(30));
    String code = UsedSecrets.add(totp.generate(secret, clock.instant()));
    assertThat(
            post(base() + "/token/verify", "{\"code\":\"" + code + "\"}")
                .json()
                .get("result")
                .asString())
        .isEqualTo("OK");
    assertThat(
            post(base() + "/token/verify", "{\"code\":\"" + code + "\"}")
                .json()
                .get("result")
                .asString())
        .isEqualTo("REPLAYED");

    Http.Answer status = http.get(base() + "/token", "X-API-Key", KEY);
    assertThat(status.json().get("state").asString()).isEqualTo("ACTIVE");
    assertThat(status.json().get("failuresLeft").asInt()).isEqualTo(5);

    Http.Answer off = post(base() + "/token/deactivate", null);
    assertThat(off.json().get("result").asString()).isEqualTo("OK");
    assertThat(off.json().get("reissueNotBefore").asString()).isEqualTo("2026-11-26T15:00:00Z");
    assertThat(post(base() + "/token", issueBody()).json().get("result").asString())
        .isEqualTo("REISSUE_NOT_YET");

    Http.Answer audit = http.get(base() + "/audit", "X-API-Key", KEY);
    assertThat(audit.status()).isEqualTo(200);
    List<String> events =
        audit.json().get("events").valueStream().map(e -> e.get("event").asString()).toList();
    assertThat(events)
        .containsExactly(
            "TOKEN_ISSUED",
            "TOKEN_ACTIVATED",
            "USE_STARTED",
            "CODE_VERIFIED",
            "CODE_VERIFIED",
            "TOKEN_REVOKED");
    assertThat(audit.json().get("events").get(0).get("actorType").asString())
        .isEqualTo("API_CLIENT");
    assertThat(audit.json().get("events").get(0).get("actorId").asString())
        .isEqualTo("demo-client");
    assertThat(audit.body()).doesNotContain(code);
  }

  @Test
  void apiWhenAnotherServicesCustomerThen404() {
    assertThat(post(base() + "/token", issueBody()).status()).isEqualTo(201);
    Http.Answer other = http.get(base() + "/token", "X-API-Key", OTHER_KEY);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().get("result").asString()).isEqualTo("NOT_FOUND");
    assertThat(http.post(base() + "/token/deactivate", null, "X-API-Key", OTHER_KEY).status())
        .isEqualTo(404);
    assertThat(http.get(base() + "/audit", "X-API-Key", OTHER_KEY).status()).isEqualTo(404);
    assertThat(queries.status("demo", customer).status().state().name()).isEqualTo("ISSUED");
  }

  @Test
  void apiWhenBadInputThen400WithReasonAndNothingChanges() {
    record Case(String path, String body, String reason) {}
    List<Case> cases =
        List.of(
            new Case("/token", "{not json", "not valid JSON"),
            new Case("/token", "[]", "not valid JSON"),
            new Case(
                "/token", "{\"mobileMail\":[1],\"activationPassword\":\"48207315\"}", "wrong type"),
            new Case("/token", "{\"mobileMail\":\"a@b.jp\"}", "activationPassword"),
            new Case(
                "/token",
                "{\"mobileMail\":\""
                    + "a".repeat(300)
                    + "@b.jp\",\"activationPassword\":\"48207315\"}",
                "mobileMail"),
            new Case(
                "/token",
                "{\"mobileMail\":\"a@b.jp\",\"activationPassword\":\"" + "1".repeat(100) + "\"}",
                "activationPassword"),
            new Case("/token/verify", "{\"code\":12}", "wrong type"),
            new Case("/token/verify", "{\"code\":\"" + "1".repeat(50) + "\"}", "code"),
            new Case("/token/verify", "{}", "code"),
            new Case("/token/verify", "", "not valid JSON"));
    for (Case c : cases) {
      Http.Answer a = post(base() + c.path(), c.body());
      assertThat(a.status()).as(c.body()).isEqualTo(400);
      assertThat(a.json().get("result").asString()).as(c.body()).isEqualTo("MALFORMED");
      assertThat(a.json().get("message").asString()).as(c.body()).contains(c.reason());
    }
    assertThat(
            http.post(
                    base() + "/token", issueBody(), "X-API-Key", KEY, "Content-Type", "text/plain")
                .status())
        .isEqualTo(415);
    assertThat(http.get(base() + "/audit?limit=abc", "X-API-Key", KEY).status()).isEqualTo(400);
    assertThat(http.get(base() + "/audit?limit=0", "X-API-Key", KEY).status()).isEqualTo(400);
    assertThat(
            http.get("/api/v1/customers/" + "x".repeat(100) + "/token", "X-API-Key", KEY).status())
        .isEqualTo(404);
    // Found by the HTTP fuzz test: a passkey ceremony for a reference too long for its column.
    assertThat(
            post("/api/v1/customers/" + "x".repeat(300) + "/passkeys/authentication/options", "{}")
                .status())
        .isEqualTo(404);
    assertThat(
            post(base() + "/token", "{\"mobileMail\":\"a@b.jp\",\"activationPassword\":\"1234\"}")
                .json()
                .get("result")
                .asString())
        .isEqualTo("WEAK_ACTIVATION_PASSWORD");
    assertThat(queries.status("demo", customer).result().name()).isEqualTo("NOT_FOUND");
  }

  @Test
  void openApiWhenFetchedThenListsEveryEndpoint() {
    Http.Answer doc = http.get("/v3/api-docs");
    assertThat(doc.status()).isEqualTo(200);
    JsonNode paths = doc.json().get("paths");
    assertThat(paths.propertyNames())
        .contains(
            "/api/v1/customers/{customer}/token",
            "/api/v1/customers/{customer}/token/start",
            "/api/v1/customers/{customer}/token/verify",
            "/api/v1/customers/{customer}/token/deactivate",
            "/api/v1/customers/{customer}/audit",
            "/api/activation/v1/start",
            "/api/activation/v1/finish");
    assertThat(paths.get("/api/v1/customers/{customer}/token").has("post")).isTrue();
    assertThat(paths.get("/api/v1/customers/{customer}/token").has("get")).isTrue();
    JsonNode verify = paths.get("/api/v1/customers/{customer}/token/verify").get("post");
    assertThat(verify.get("parameters").valueStream().map(p -> p.get("name").asString()).toList())
        .contains("Idempotency-Key");
    assertThat(verify.get("responses").has("422")).isTrue();
    assertThat(verify.get("responses").has("404")).isTrue();
    JsonNode customer =
        verify
            .get("parameters")
            .valueStream()
            .filter(p -> p.get("name").asString().equals("customer"))
            .findFirst()
            .orElseThrow();
    // The documented rule is the one CustomerPaths enforces: a 65-character reference is refused.
    assertThat(customer.get("schema").get("maxLength").asInt()).isEqualTo(64);
    assertThat("a".repeat(64)).matches(customer.get("schema").get("pattern").asString());
    assertThat("a{b}").doesNotMatch(customer.get("schema").get("pattern").asString());
    assertThat(
            paths.get("/api/v1/customers/{customer}/token").get("get").get("parameters").toString())
        .doesNotContain("Idempotency-Key");
  }

  @Test
  void actuatorWhenAskedThenOnlyHealthAndPrometheus() {
    assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    Http.Answer metrics = http.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("ichie_verifications_total");
    for (String hidden :
        List.of(
            "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops")) {
      assertThat(http.get(hidden).status()).as(hidden).isIn(401, 403, 404);
    }
  }
}

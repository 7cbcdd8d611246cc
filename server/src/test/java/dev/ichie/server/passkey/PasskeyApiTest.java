package dev.ichie.server.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.Http;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.token.TokenIssuance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The passkey ceremonies over the REST API, as a bank's own web banking would call them, with a
 * software authenticator in place of the browser: register, log in, and a transfer-bound assertion
 * that verifies for its transfer only.
 */
@ServerTest
class PasskeyApiTest {

  static final String KEY = "test-key-demo";

  @LocalServerPort int port;
  @Autowired TokenIssuance issuance;
  @Autowired TestClock clock;

  Http http;
  String base;

  @BeforeEach
  void customer() {
    clock.set(TestConfig.START);
    http = new Http(port);
    String ref = "PA" + System.nanoTime() % 1_000_000;
    issuance.issue(
        "demo", ref, "pa@example.jp", "50738291", new Actor(Actor.Type.API_CLIENT, "t", null));
    base = "/api/v1/customers/" + ref + "/passkeys";
  }

  Http.Answer post(String path, String json) {
    return http.post(base + path, json, "X-API-Key", KEY, "Content-Type", "application/json");
  }

  static final String TRANSFER =
      """
      {"payeeBank":"Ichie Bank Tokyo","payeeNumber":"7654321","payeeName":"ヤマダ タロウ",
       "amount":%d,"currency":"JPY"}""";

  @Test
  void ceremoniesWhenRunOverTheApiThenRegisteredLoggedInAndBoundToTheTransfer() throws Exception {
    SoftAuthenticator phone = new SoftAuthenticator();
    Http.Answer options = post("/registration/options", "{\"userName\":\"taro\"}");
    assertThat(options.status()).isEqualTo(200);
    JsonNode pk = options.json().get("publicKey");
    assertThat(pk.get("rp").get("id").asString()).isEqualTo("localhost");
    assertThat(pk.get("authenticatorSelection").get("userVerification").asString())
        .isEqualTo("required");
    assertThat(pk.get("attestation").asString()).isEqualTo("none");
    String credential =
        phone.register(new SoftAuthenticator.Ceremony(pk.get("challenge").asString(), "create"));
    Http.Answer registered =
        post(
            "/registration",
            "{\"challengeId\":\"%s\",\"label\":\"iPhone\",\"credential\":%s}"
                .formatted(options.json().get("challengeId").asString(), credential));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);

    Http.Answer login = post("/authentication/options", "{}");
    phone.counter++;
    String assertion =
        phone.assertion(
            new SoftAuthenticator.Ceremony(
                login.json().get("publicKey").get("challenge").asString(), "get"));
    Http.Answer ok =
        post(
            "/authentication",
            "{\"challengeId\":\"%s\",\"credential\":%s}"
                .formatted(login.json().get("challengeId").asString(), assertion));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("operation").asString()).isEqualTo("LOGIN");
    assertThat(ok.json().get("factor").asString()).isEqualTo("PASSKEY");

    Http.Answer bound =
        post("/authentication/options", "{\"transfer\":" + TRANSFER.formatted(5000) + "}");
    phone.counter++;
    String signed =
        phone.assertion(
            new SoftAuthenticator.Ceremony(
                bound.json().get("publicKey").get("challenge").asString(), "get"));
    String challengeId = bound.json().get("challengeId").asString();
    Http.Answer other =
        post(
            "/authentication",
            "{\"challengeId\":\"%s\",\"credential\":%s,\"transfer\":%s}"
                .formatted(challengeId, signed, TRANSFER.formatted(500000)));
    assertThat(other.status()).as("the same assertion for another amount").isEqualTo(401);
    assertThat(other.json().get("reason").asString()).isEqualTo("CHALLENGE");
  }

  @Test
  void apiWhenBadInputThen4xxNever500() {
    assertThat(post("/registration/options", "{}").status()).isEqualTo(400);
    assertThat(post("/registration/options", "not json").status()).isEqualTo(400);
    assertThat(
            post("/registration", "{\"challengeId\":\"nope\",\"credential\":{\"id\":\"x\"}}")
                .status())
        .isEqualTo(410);
    Http.Answer login = post("/authentication/options", "{}");
    Http.Answer garbage =
        post(
            "/authentication",
            "{\"challengeId\":\"%s\",\"credential\":{\"type\":\"public-key\"}}"
                .formatted(login.json().get("challengeId").asString()));
    assertThat(garbage.status()).isBetween(400, 499);
    assertThat(
            http.post(
                    "/api/v1/customers/" + "x".repeat(65) + "/passkeys/registration/options",
                    "{\"userName\":\"x\"}",
                    "X-API-Key",
                    KEY,
                    "Content-Type",
                    "application/json")
                .status())
        .as("no such customer reference")
        .isBetween(400, 404);
  }

  String register(SoftAuthenticator phone, String label) throws Exception {
    Http.Answer options = post("/registration/options", "{\"userName\":\"taro\"}");
    JsonNode pk = options.json().get("publicKey");
    phone.userHandle = java.util.Base64.getUrlDecoder().decode(pk.get("user").get("id").asString());
    String credential =
        phone.register(new SoftAuthenticator.Ceremony(pk.get("challenge").asString(), "create"));
    Http.Answer registered =
        post(
            "/registration",
            "{\"challengeId\":\"%s\",\"label\":\"%s\",\"credential\":%s}"
                .formatted(options.json().get("challengeId").asString(), label, credential));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    clock.advance(java.time.Duration.ofSeconds(1));
    return credential;
  }

  Http.Answer api(String method, String path, String json) {
    return switch (method) {
      case "GET" -> http.get(path, "X-API-Key", KEY);
      case "DELETE" -> http.delete(path, "X-API-Key", KEY);
      default -> http.post(path, json, "X-API-Key", KEY, "Content-Type", "application/json");
    };
  }

  @Test
  void usernamelessWhenRunOverTheApiThenTheAnswerNamesTheCustomer() throws Exception {
    SoftAuthenticator phone = new SoftAuthenticator();
    register(phone, "iPhone");
    Http.Answer options = api("POST", "/api/v1/passkeys/authentication/options", "");
    assertThat(options.status()).as(options.body()).isEqualTo(200);
    assertThat(options.json().get("publicKey").get("allowCredentials").isEmpty())
        .as("names nobody")
        .isTrue();
    phone.counter++;
    String assertion =
        phone.assertion(
            new SoftAuthenticator.Ceremony(
                options.json().get("publicKey").get("challenge").asString(), "get"));
    Http.Answer ok =
        api(
            "POST",
            "/api/v1/passkeys/authentication",
            "{\"challengeId\":\"%s\",\"credential\":%s}"
                .formatted(options.json().get("challengeId").asString(), assertion));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("customer").asString()).isEqualTo(ref());
    Http.Answer again =
        api(
            "POST",
            "/api/v1/passkeys/authentication",
            "{\"challengeId\":\"%s\",\"credential\":%s}"
                .formatted(options.json().get("challengeId").asString(), assertion));
    assertThat(again.status()).as("answered once").isEqualTo(401);
  }

  @Test
  void payeeBoundAssertionWhenOtherPayeeThenRefusedAndSamePayeeAccepted() throws Exception {
    SoftAuthenticator phone = new SoftAuthenticator();
    register(phone, "iPhone");
    String payee =
        "{\"payeeBank\":\"Ichie Bank\",\"payeeNumber\":\"1234567\",\"payeeName\":\"%s\"}";
    for (String name : java.util.List.of("サトウ ハナコ", "ヤマダ タロウ")) {
      Http.Answer o =
          post("/authentication/options", "{\"payee\":" + payee.formatted("ヤマダ タロウ") + "}");
      phone.counter++;
      String signed =
          phone.assertion(
              new SoftAuthenticator.Ceremony(
                  o.json().get("publicKey").get("challenge").asString(), "get"));
      Http.Answer r =
          post(
              "/authentication",
              "{\"challengeId\":\"%s\",\"credential\":%s,\"payee\":%s}"
                  .formatted(
                      o.json().get("challengeId").asString(), signed, payee.formatted(name)));
      if (name.startsWith("サトウ")) {
        assertThat(r.status()).as("for another payee").isEqualTo(401);
      } else {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("operation").asString()).isEqualTo("PAYEE_REGISTRATION");
        assertThat(r.json().get("factor").asString()).isEqualTo("PASSKEY_BOUND");
      }
    }
    assertThat(
            post(
                    "/authentication/options",
                    "{\"payee\":%s,\"transfer\":%s}"
                        .formatted(payee.formatted("x"), TRANSFER.formatted(1)))
                .status())
        .as("one operation at most")
        .isEqualTo(400);
  }

  @Test
  void listAndRemoveWhenOverTheApiThenListedRemovedAndNotAnothersOrTwice() throws Exception {
    register(new SoftAuthenticator(), "iPhone");
    register(new SoftAuthenticator(), "iPad");
    Http.Answer list = api("GET", base, null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().size()).isEqualTo(2);
    assertThat(list.json().get(0).get("label").asString()).isEqualTo("iPhone");
    assertThat(list.body()).doesNotContain("attested").doesNotContain("credentialId");
    String id = list.json().get(0).get("id").asString();
    assertThat(api("DELETE", "/api/v1/customers/someone-else/passkeys/" + id, null).status())
        .isEqualTo(404);
    assertThat(api("DELETE", base + "/" + id, null).status()).isEqualTo(200);
    assertThat(api("DELETE", base + "/" + id, null).status()).isEqualTo(404);
    String last = api("GET", base, null).json().get(0).get("id").asString();
    assertThat(api("DELETE", base + "/" + last, null).status())
        .as("the last one goes too where passkeys are only preferred")
        .isEqualTo(200);
    assertThat(api("GET", base, null).json().size()).isZero();
  }

  String ref() {
    return base.substring("/api/v1/customers/".length(), base.length() - "/passkeys".length());
  }
}

package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.Http;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A hold set through the REST API by the bank's systems: a transfer with the code is refused and
 * moves nothing; once the customer's token signs, the same transfer waits for 取引認証 and is made when
 * approved in the app; the hold is lifted through the API; each change audited with the caller; a
 * malformed hold is a 400 that changes nothing.
 */
@dev.ichie.server.support.ServerTest
class NetbankTransferHoldTest extends TransferConfirmFixture {

  static final String[] KEY = {"X-API-Key", "test-key-demo", "Content-Type", "application/json"};

  String code() {
    String c = UsedSecrets.add(totp.generate(secret, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    return c;
  }

  @Test
  void transferWhenHeldThroughTheApiThenOnlyTheAppLetsItThroughUntilLifted() {
    Http api = new Http(port);
    String path = "/api/v1/customers/" + id + "/transfer-hold";
    assertThat(api.post(path, "{\"reason\":\"bad\\u0007\"}", KEY).status()).isEqualTo(400);
    assertThat(api.post(path, "{\"reason\":\"" + "x".repeat(201) + "\"}", KEY).status())
        .isEqualTo(400);
    assertThat(api.post(path, "{}", KEY).status()).isEqualTo(400);
    assertThat(api.get(path, KEY).json().get("held").asBoolean()).isFalse();

    Http.Answer held = api.post(path, "{\"reason\":\"fraud score 97\"}", KEY);
    assertThat(held.status()).as(held.body()).isEqualTo(200);
    assertThat(held.json().get("held").asBoolean()).isTrue();
    assertThat(held.json().get("setBy").asString()).isEqualTo("demo-client");

    login();
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body()).contains("取引認証でのご確認が必要です");
    WebClient.Page refused = transfer(requestKey(form), PAYEE_NUMBER, "5000", "code", code());
    assertThat(refused.body()).contains("現在、お客さまのお振込みを保留しています。");
    assertThat(balance()).isEqualTo(500_000);

    // The token app registers its key: the transfer now waits for the customer's decision there.
    assertThat(app.enrol().status()).isEqualTo(200);
    String key = requestKey(web.get("/netbank/transfer"));
    assertThat(transfer(key, PAYEE_NUMBER, "5000").location())
        .isEqualTo("/netbank/transfer/confirm");
    JsonNode c = pending();
    assertThat(
            app.decide(c.get("confirmationId").asString(), fields(c), "APPROVE", app.key).status())
        .isEqualTo(200);
    assertThat(web.post("/netbank/transfer/confirm", "requestKey", key).location())
        .isEqualTo("/netbank/transfer/done");
    assertThat(balance()).isEqualTo(495_000);

    Http.Answer lifted = api.delete(path, KEY);
    assertThat(lifted.status()).isEqualTo(200);
    assertThat(lifted.json().get("held").asBoolean()).isFalse();
    assertThat(
            jdbc.sql(
                    "SELECT outcome || ':' || actor_id FROM audit_event WHERE customer_ref = ?"
                        + " AND event = 'TRANSFER_HOLD' ORDER BY id")
                .param(id)
                .query(String.class)
                .list())
        .containsExactly("SET:demo-client", "LIFTED:demo-client");
  }
}

package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A service whose 取引認証 rule is "above 100,000 yen, and new payees": below it, to a payee paid
 * before, the token's code still does; to a new payee or above the amount, only 取引認証, the code
 * ignored.
 */
@TestPropertySource(properties = "ichie.factors.transaction-signature.demo.above=100000")
@dev.ichie.server.support.ServerTest
class NetbankLinkingRuleTest extends TransferConfirmFixture {

  String code() {
    String c = UsedSecrets.add(totp.generate(secret, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    return c;
  }

  void approveInApp() {
    JsonNode c = pending();
    assertThat(
            app.decide(c.get("confirmationId").asString(), fields(c), "APPROVE", app.key).status())
        .isEqualTo(200);
  }

  @Test
  void transferWhenSmallToKnownPayeeThenCodeDoesElseOnlyTheApp() {
    assertThat(app.enrol().status()).isEqualTo(200);
    login();
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body())
        .as("the code is offered, and the rule said")
        .contains("id=\"code\"")
        .contains("100,000円を超えるお振込みと、はじめての振込先へのお振込みは");

    String key = requestKey(form);
    assertThat(transfer(key, PAYEE_NUMBER, "5000", "code", code()).location())
        .as("a new payee: 取引認証, the code ignored")
        .isEqualTo("/netbank/transfer/confirm");
    approveInApp();
    assertThat(web.post("/netbank/transfer/confirm", "requestKey", key).location())
        .isEqualTo("/netbank/transfer/done");

    key = requestKey(web.get("/netbank/transfer"));
    assertThat(transfer(key, PAYEE_NUMBER, "5000", "code", code()).location())
        .as("paid before, within the amount: the code does")
        .isEqualTo("/netbank/transfer/done");

    key = requestKey(web.get("/netbank/transfer"));
    assertThat(transfer(key, PAYEE_NUMBER, "5000").location())
        .as("without a code the customer may still choose 取引認証")
        .isEqualTo("/netbank/transfer/confirm");
    approveInApp();
    assertThat(web.post("/netbank/transfer/confirm", "requestKey", key).location())
        .isEqualTo("/netbank/transfer/done");

    key = requestKey(web.get("/netbank/transfer"));
    assertThat(transfer(key, PAYEE_NUMBER, "100001", "code", code()).location())
        .as("above the amount: 取引認証")
        .isEqualTo("/netbank/transfer/confirm");
    assertThat(balance()).isEqualTo(500_000 - 15_000);
  }
}

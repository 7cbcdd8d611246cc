package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenLifecycle;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The cooling-off at its default (72 hours, 100,000 yen a day, new payees held), by the clock the
 * server is given: after a new token and a first login from a device, and again after a reset at
 * the branch, a transfer to a new payee is refused until the hold ends, and the page says why and
 * until when; a payee paid before is still paid, within the cap.
 */
@TestPropertySource(properties = "ichie.factors.transfer-limits.demo.cooling-off=72h")
@dev.ichie.server.support.ServerTest
class NetbankCoolingOffTest extends TransferConfirmFixture {

  static final Actor STAFF = new Actor(Actor.Type.STAFF, "teller", "192.0.2.9");

  @Autowired TokenLifecycle lifecycle;

  String code() {
    String c = UsedSecrets.add(totp.generate(secret, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    return c;
  }

  @Test
  void transferWhenCoolingOffThenNewPayeeHeldUntilItEndsAfterANewDeviceAndABranchReset() {
    login();
    WebClient.Page form = web.get("/netbank/transfer");
    assertThat(form.body())
        .as("the first login from this device: why, and until when (72 h after it, in Tokyo)")
        .contains("はじめてご利用の端末からのログインのため、2026-11-29 12:00まで")
        .contains("1日のお振込みは100,000円まで");
    WebClient.Page held = transfer(requestKey(form), PAYEE_NUMBER, "10000", "code", code());
    assertThat(held.body()).contains("お客さまの保護のため、現在このお振込みはお受けできません。");
    assertThat(balance()).isEqualTo(500_000);

    clock.advance(Duration.ofHours(72));
    form = web.get("/netbank/transfer");
    assertThat(form.body()).doesNotContain("id=\"cooling-off\"");
    assertThat(transfer(requestKey(form), PAYEE_NUMBER, "10000", "code", code()).location())
        .as("the hold over: the new payee is paid")
        .isEqualTo("/netbank/transfer/done");

    // The branch resets the token: a new hold, from now.
    assertThat(lifecycle.reset("demo", id, true, STAFF).result()).isEqualTo(Result.OK);
    form = web.get("/netbank/transfer");
    assertThat(form.body()).contains("お取引店でのワンタイムパスワードの初期化のため、2026-12-02 12:02まで");
    assertThat(transfer(requestKey(form), "7000999", "10000").body())
        .as("a new payee, held")
        .contains("お客さまの保護のため");
    form = web.get("/netbank/transfer");
    assertThat(transfer(requestKey(form), PAYEE_NUMBER, "100001").body())
        .as("a payee paid before, above the cap")
        .contains("お客さまの保護のため");
    form = web.get("/netbank/transfer");
    assertThat(transfer(requestKey(form), PAYEE_NUMBER, "90000").location())
        .as("a payee paid before, within the cap")
        .isEqualTo("/netbank/transfer/done");
    assertThat(balance()).isEqualTo(500_000 - 100_000);

    clock.advance(Duration.ofHours(72));
    form = web.get("/netbank/transfer");
    assertThat(transfer(requestKey(form), "7000999", "10000").location())
        .as("the hold over again")
        .isEqualTo("/netbank/transfer/done");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE customer_ref = ?"
                        + " AND event = 'COOLING_OFF'")
                .param(id)
                .query(Long.class)
                .single())
        .as("the new token, the new device, the reset")
        .isEqualTo(3);
  }
}

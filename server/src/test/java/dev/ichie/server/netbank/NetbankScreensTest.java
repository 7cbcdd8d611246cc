package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.support.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Screens a new customer stumbled on: a replayed code at a transfer is not counted as a wrong one
 * on the page; a token waiting for the app says what comes next, and 「ワンタイムパスワード利用解除」 is not the
 * prominent action; after a deactivation 「トークン発行」 is not offered the same day.
 */
@dev.ichie.server.support.ServerTest
class NetbankScreensTest extends TransferConfirmFixture {

  @Test
  void transferWhenCodeReplayedThenSaidSoWithoutTriesLeft() {
    login();
    String code = UsedSecrets.add(totp.generate(secret, clock.instant()));
    assertThat(
            transfer(requestKey(web.get("/netbank/transfer")), PAYEE_NUMBER, "1000", "code", code)
                .location())
        .isEqualTo("/netbank/transfer/done");
    WebClient.Page replayed =
        transfer(requestKey(web.get("/netbank/transfer")), PAYEE_NUMBER, "1000", "code", code);
    assertThat(replayed.body())
        .contains("このワンタイムパスワードは使用済みです。")
        .doesNotContain("回間違えるとワンタイムパスワードがロックされます");
    assertThat(balance()).isEqualTo(499_000);
  }

  @Test
  void otpPageWhenWaitingForTheAppThenTheNextStepAndDeactivationSecondary() {
    String other = "W" + id;
    customers.create(
        other,
        "w" + loginId,
        "試験 次郎",
        password,
        confirm,
        String.format("5%06d", Math.floorMod(other.hashCode(), 1_000_000)),
        1000);
    issuance.issue(
        "demo", other, "w" + mail, "61937204", new Actor(Actor.Type.CUSTOMER, other, null));
    WebClient w = new WebClient(port);
    w.get("/netbank/login");
    assertThat(w.post("/netbank/login", "loginId", "w" + loginId, "password", password).location())
        .isEqualTo("/netbank/");
    String page = w.get("/netbank/otp").body();
    assertThat(page)
        .contains("次は、携帯電話に届いたメールのURLからトークンアプリをダウンロードし")
        .contains("class=\"button secondary\" href=\"/netbank/otp/deactivate\"")
        .contains("新しいトークンは翌日から発行できます");
  }

  @Test
  void otpPageWhenDeactivatedTodayThenNoIssueOffered() {
    login();
    WebClient.Page done = web.post("/netbank/otp/deactivate", "confirmPassword", confirm);
    assertThat(done.location()).isEqualTo("/netbank/otp");
    assertThat(done.body()).doesNotContain("id=\"to-issue\"").contains("から新しいトークンを発行できます");
    assertThat(web.get("/netbank/otp/issue").body()).contains("新しいトークンは翌日から発行できます。");
    clock.advance(Duration.ofDays(1));
    assertThat(web.get("/netbank/otp").body()).contains("id=\"to-issue\"");
  }
}

package dev.ichie.server.netbank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.WebClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 取引認証 in web banking over HTTP, the token app played from the protocol: a transfer from a customer
 * whose token has a device key waits for the app; approved, it is made once with the signed payee
 * and amount; rejected, it is cancelled and mailed; the offline code approves it only for its
 * account number and amount; a confirmation changed after its approval is refused.
 */
@ServerTest
class NetbankConfirmWebTest extends TransferConfirmFixture {

  @Test
  void transferWhenApprovedInAppThenMadeOnceWithTheSignedFields() {
    String key = waitingTransfer();
    WebClient.Page waiting = web.get("/netbank/transfer/confirm");
    assertThat(waiting.body())
        .contains("トークンアプリで取引内容をご確認のうえ、承認してください")
        .contains("みなと銀行")
        .contains("当座")
        .contains(PAYEE_NUMBER)
        .contains("30,000円")
        .contains("アプリが通信できない場合");
    assertThat(web.get("/netbank/transfer/confirm/state").body()).contains("\"PENDING\"");
    WebClient.Page early = web.post("/netbank/transfer/confirm", "requestKey", key);
    assertThat(early.body()).contains("まだアプリで承認されていません");
    assertThat(balance()).isEqualTo(500_000);

    JsonNode c = pending();
    assertThat(fields(c))
        .extracting(Confirmation.Field::value)
        .containsExactly("みなと銀行", "本店", "当座", PAYEE_NUMBER, "スズキ イチロウ", "30000", "JPY");
    String cid = c.get("confirmationId").asString();
    assertThat(app.decide(cid, fields(c), "APPROVE", app.key).status()).isEqualTo(200);
    assertThat(web.get("/netbank/transfer/confirm/state").body()).contains("\"APPROVED\"");

    WebClient.Page done = web.post("/netbank/transfer/confirm", "requestKey", key);
    assertThat(done.location()).isEqualTo("/netbank/transfer/done");
    assertThat(balance()).isEqualTo(470_000);
    WebClient.Page again = web.post("/netbank/transfer/confirm", "requestKey", key);
    assertThat(again.body()).contains("振込は行われていません");
    assertThat(transfer(key, PAYEE_NUMBER, "30000").body())
        .as("the form's key is spent too")
        .contains("この画面は使用済みか");
    assertThat(balance()).as("made once").isEqualTo(470_000);
    assertThat(
            jdbc.sql(
                    "SELECT payee_branch || '/' || payee_account_type || '/' || confirmation_id"
                        + " FROM bank_transfer WHERE customer_id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo("本店/当座/" + cid);
  }

  @Test
  void transferWhenRejectedInAppThenCancelledAndMailedWithoutLink() {
    String key = waitingTransfer();
    JsonNode c = pending();
    String cid = c.get("confirmationId").asString();
    assertThat(app.decide(cid, fields(c), "REJECT", app.key).json().get("result").asString())
        .isEqualTo("REJECTED");
    WebClient.Page page = web.post("/netbank/transfer/confirm", "requestKey", key);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("振込を中止しました")
        .contains("お心当たりのない取引の場合は、すぐに銀行へご連絡ください")
        .contains(PAYEE_NUMBER);
    assertThat(balance()).isEqualTo(500_000);
    List<String> bodies =
        jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? AND kind = ?")
            .params(mail, "CONFIRMATION_REJECTED")
            .query(String.class)
            .list();
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0))
        .contains(PAYEE_NUMBER)
        .contains("30,000円")
        .contains("お心当たりのない取引の場合は")
        .doesNotContain("http");
    assertThat(web.post("/netbank/transfer/confirm", "requestKey", key).body())
        .contains("振込は行われていません");
    assertThat(balance()).isEqualTo(500_000);
  }

  @Test
  void offlineCodeWhenForAnotherAccountOrAmountThenRefusedWhenRightThenMade() {
    String key = waitingTransfer();
    WebClient.Page otherAmount =
        web.post(
            "/netbank/transfer/confirm/code",
            "requestKey",
            key,
            "code",
            app.offlineCode(PAYEE_NUMBER, 3_000));
    assertThat(otherAmount.body()).contains("取引認証番号が正しくありません");
    WebClient.Page otherAccount =
        web.post(
            "/netbank/transfer/confirm/code",
            "requestKey",
            key,
            "code",
            app.offlineCode("7000124", 30_000));
    assertThat(otherAccount.body()).contains("取引認証番号が正しくありません");
    assertThat(web.post("/netbank/transfer/confirm/code", "requestKey", key, "code", "12ab").body())
        .contains("取引認証番号は8桁の数字です");
    assertThat(balance()).isEqualTo(500_000);
    WebClient.Page done =
        web.post(
            "/netbank/transfer/confirm/code",
            "requestKey",
            key,
            "code",
            app.offlineCode(PAYEE_NUMBER, 30_000));
    assertThat(done.location()).isEqualTo("/netbank/transfer/done");
    assertThat(balance()).isEqualTo(470_000);
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.poll(app.now()).json().get("confirmations").size())
        .as("decided by the code, it left the app's list")
        .isZero();
  }

  @Test
  void transferWhenConfirmationChangedAfterApprovalThenRefused() {
    String key = waitingTransfer();
    JsonNode c = pending();
    String cid = c.get("confirmationId").asString();
    app.decide(cid, fields(c), "APPROVE", app.key);
    String stored =
        jdbc.sql("SELECT fields FROM confirmation WHERE id = ?")
            .param(cid)
            .query(String.class)
            .single();
    jdbc.sql("UPDATE confirmation SET fields = ? WHERE id = ?")
        .params(stored.replace("30000", "3000"), cid)
        .update();
    WebClient.Page refused = web.post("/netbank/transfer/confirm", "requestKey", key);
    assertThat(refused.body()).contains("振込は行われていません");
    assertThat(balance()).isEqualTo(500_000);
  }

  @Test
  void transferWhenCancelledOrPasswordWrongThenNothingWaitsInTheApp() {
    assertThat(app.enrol().status()).isEqualTo(200);
    login();
    String key = requestKey(web.get("/netbank/transfer"));
    WebClient.Page refused =
        transfer(key, PAYEE_NUMBER, "1000", "confirmPassword", "wrong-" + confirm);
    assertThat(refused.body()).contains("確認用パスワードが正しくありません");
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.poll(app.now()).json().get("confirmations").size()).isZero();

    assertThat(transfer(key, PAYEE_NUMBER, "1000").location())
        .isEqualTo("/netbank/transfer/confirm");
    JsonNode c = pending();
    assertThat(web.post("/netbank/transfer/confirm/cancel", "requestKey", key).location())
        .isEqualTo("/netbank/");
    clock.advance(Duration.ofSeconds(1));
    assertThat(app.poll(app.now()).json().get("confirmations").size())
        .as("withdrawn: the app no longer shows it")
        .isZero();
    assertThat(
            app.decide(c.get("confirmationId").asString(), fields(c), "APPROVE", app.key).status())
        .isEqualTo(410);
    assertThat(balance()).isEqualTo(500_000);
  }
}

package dev.ichie.server.netbank;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The texts a customer sees, by message key, for the browser tests. The Japanese ones are written
 * out here verbatim — they are the seed's words, and the tests click through by them; the English
 * ones are read from messages.properties.
 *
 * @param lang the language tag
 * @param texts message key to text
 */
record Ui(String lang, Map<String, String> texts) {

  /** The Japanese UI: the seed's labels, verbatim. */
  static final Ui JA =
      new Ui(
          "ja",
          Map.ofEntries(
              Map.entry("app.name", "いちえ銀行"),
              Map.entry("header.logout", "ログアウト"),
              Map.entry("action.execute", "実行"),
              Map.entry("action.back", "戻る"),
              Map.entry("money", "{0}円"),
              Map.entry("login.title", "ログイン"),
              Map.entry("login.loginId", "ログインID"),
              Map.entry("login.password", "ログインパスワード"),
              Map.entry("login.submit", "ログイン"),
              Map.entry("login.loggedOut", "ログアウトしました。"),
              Map.entry(
                  "login.error.wrong",
                  "ログインIDまたはログインパスワードが正しくありません。ログインパスワードを5回間違えるとログインできなくなります。"),
              Map.entry(
                  "login.error.locked", "ログインパスワードを規定回数以上間違えたため、ログインできません。お取引口座のある支店までご連絡ください。"),
              Map.entry(
                  "login.error.tokenLocked",
                  "ワンタイムパスワードを規定回数以上間違えたため、ロックされています。ログインできません。お取引口座のある支店までご連絡ください。"),
              Map.entry("loginOtp.title", "ワンタイムパスワード"),
              Map.entry("loginOtp.intro", "トークンアプリに表示されているワンタイムパスワードを入力してください。"),
              Map.entry("otp.code", "ワンタイムパスワード"),
              Map.entry("otp.error.wrong", "ワンタイムパスワードが正しくありません。トークンアプリに今表示されているパスワードを入力してください。"),
              Map.entry("otp.failuresLeft", "（あと{0}回間違えるとワンタイムパスワードがロックされます。）"),
              Map.entry("otp.error.empty", "ワンタイムパスワードを入力してください。"),
              Map.entry("top.title", "トップページ"),
              Map.entry("top.otpActive", "ログインとお取引にワンタイムパスワードをご利用中です。"),
              Map.entry("top.transfer", "振込"),
              Map.entry("top.otp", "ワンタイムパスワード申請"),
              Map.entry("top.history", "ワンタイムパスワードの履歴"),
              Map.entry("otp.title", "ワンタイムパスワード申請"),
              Map.entry("otp.state.NONE", "トークンは発行されていません。"),
              Map.entry("otp.state.ISSUED", "発行済み：トークンアプリの設定をお待ちしています。"),
              Map.entry("otp.state.ACTIVATED", "トークンアプリ設定済み：ワンタイムパスワードの利用開始をしてください。"),
              Map.entry("otp.state.ACTIVE", "ご利用中です。"),
              Map.entry("otp.issued.attemptsLeft", "発行が無効になるまでに利用開始パスワードを間違えられる残り回数：{0}回"),
              Map.entry("otp.reissueFrom", "{0}から新しいトークンを発行できます。"),
              Map.entry("otp.action.issue", "トークン発行"),
              Map.entry("otp.action.start", "ワンタイムパスワード利用開始"),
              Map.entry("otp.action.deactivate", "ワンタイムパスワード利用解除"),
              Map.entry("issue.title", "トークン発行"),
              Map.entry("issue.mobileMail", "携帯電話メールアドレス"),
              Map.entry("issue.activationPassword", "利用開始パスワード"),
              Map.entry("issue.submit", "発行"),
              Map.entry(
                  "issue.error.REISSUE_NOT_YET",
                  "ワンタイムパスワードの利用解除後（支店でのリセット後を含む）、新しいトークンは翌日から発行できます。"),
              Map.entry("confirm.password", "確認用パスワード"),
              Map.entry("issued.title", "トークン発行完了"),
              Map.entry("issued.serviceId", "サービスID"),
              Map.entry("issued.userId", "ユーザーID"),
              Map.entry("start.title", "ワンタイムパスワード利用開始"),
              Map.entry("start.done", "ワンタイムパスワードの利用を開始しました。今後、ログインとお取引にワンタイムパスワードが必要です。"),
              Map.entry("deactivate.title", "ワンタイムパスワード利用解除"),
              Map.entry("deactivate.done", "ワンタイムパスワードの利用を解除しました。"),
              Map.entry("deactivate.nextDay", "{0}から新しいトークンを発行できます。"),
              Map.entry("transfer.title", "振込"),
              Map.entry("transfer.payeeBank", "振込先金融機関"),
              Map.entry("transfer.payeeBranch", "支店"),
              Map.entry("transfer.confirm.title", "取引認証"),
              Map.entry("transfer.confirm.instruction", "トークンアプリで取引内容をご確認のうえ、承認してください"),
              Map.entry("transfer.offline.title", "アプリが通信できない場合"),
              Map.entry("transfer.offline.code", "取引認証番号"),
              Map.entry("transfer.rejected.title", "振込を中止しました"),
              Map.entry("transfer.rejected.contact", "お心当たりのない取引の場合は、すぐに銀行へご連絡ください"),
              Map.entry("transfer.field.payeeBank", "振込先金融機関"),
              Map.entry("transfer.field.payeeBranch", "支店"),
              Map.entry("transfer.field.payeeAccountType", "科目"),
              Map.entry("transfer.field.payeeAccountNumber", "口座番号"),
              Map.entry("transfer.field.payeeName", "受取人名"),
              Map.entry("transfer.field.amount", "金額"),
              Map.entry("transfer.payeeNumber", "振込先口座番号（7桁）"),
              Map.entry("transfer.payeeName", "受取人名"),
              Map.entry("transfer.amount", "金額（円）"),
              Map.entry("transferDone.title", "振込完了"),
              Map.entry("transfer.error.limit", "本日のお振込限度額を超えるため、お振込みできません。"),
              Map.entry("transfer.limit.left", "本日あと{0}円までお振込みいただけます。"),
              Map.entry("transfer.limits.left", "本日のご利用可能額：{0}円"),
              Map.entry("transfer.limits.own", "お客さまが設定した限度額：{0}円"),
              Map.entry("transfer.limits.change", "限度額の変更"),
              Map.entry("limit.title", "お振込限度額の変更"),
              Map.entry("limit.amount", "新しい1日の限度額（円）"),
              Map.entry("limit.submit", "変更する"),
              Map.entry("limit.current", "現在の1日の限度額：{0}円"),
              Map.entry("limit.pending", "引き上げ受付中：{0}円（{1}から有効）"),
              Map.entry("limit.done.LOWERED", "1日のお振込限度額を{0}円に引き下げました。"),
              Map.entry("limit.done.RAISE_ASKED", "1日のお振込限度額の{0}円への引き上げを受け付けました。{1}から有効になります。"),
              Map.entry("mail.limit.subject", "【{0}】お振込限度額の変更"),
              Map.entry("mail.transfer.subject", "【{0}】お振込みのお知らせ"),
              Map.entry("mail.transfer.newPayee", "（はじめてお振込みする振込先です）"),
              Map.entry("mail.lock.subject", "【{0}】ロックのお知らせ"),
              Map.entry(
                  "mail.footer.noLinks", "{0}がメールでリンクをお送りすることはありません。リンクのあるメールは{0}からのものではありません。"),
              Map.entry("transfer.payees", "登録済み振込先"),
              Map.entry("payees.title", "登録済み振込先"),
              Map.entry("payees.remove", "削除"),
              Map.entry("payees.removed", "振込先を削除しました。"),
              Map.entry("payees.empty", "登録済みの振込先はありません。"),
              Map.entry("top.activity", "ご利用履歴"),
              Map.entry("activity.title", "ご利用履歴"),
              Map.entry("history.event.LOGIN", "ログイン"),
              Map.entry("history.event.TRANSFER", "振込"),
              Map.entry("history.event.PAYEE_REMOVED", "振込先の削除"),
              Map.entry("history.event.CONFIRM_PASSWORD", "確認用パスワードの確認"),
              Map.entry("history.event.CONFIRM_PASSWORD_LOCKED", "確認用パスワードのロック"),
              Map.entry("history.event.CODE_VERIFIED", "ワンタイムパスワードの確認"),
              Map.entry("history.event.LIMIT_LOWERED", "振込限度額の引き下げ"),
              Map.entry("history.outcome.WRONG_PASSWORD", "誤り"),
              Map.entry("history.outcome.NEW_DEVICE", "新しい端末"),
              Map.entry("history.outcome.OVER_LIMIT", "限度額超過"),
              Map.entry("transferDone.text", "{0} 口座番号 {1} {2} 様へ {3}円を振り込みました。"),
              Map.entry("history.title", "ワンタイムパスワードの履歴"),
              Map.entry("history.event.TOKEN_ISSUED", "トークン発行"),
              Map.entry("history.event.TOKEN_ACTIVATED", "トークンアプリ設定"),
              Map.entry("history.event.USE_STARTED", "利用開始"),
              Map.entry("history.event.TOKEN_REVOKED", "利用解除"),
              Map.entry("mail.issued.subject", "【{0}】トークンアプリのダウンロード"),
              Map.entry(
                  "mail.issued.body",
                  "ワンタイムパスワードのトークンを発行しました。\n\n次のURLからトークンアプリをダウンロードし、設定してください。\n{2}\n\n"
                      + "サービスID：{1}\n\nアプリには、サービスID、インターネットバンキングに表示されたユーザーID、"
                      + "お客様が設定した利用開始パスワードを入力してください。")));

  /** The English UI, as messages.properties says, for the keys the Japanese one has. */
  static final Ui EN = english();

  private static Ui english() {
    Properties p = new Properties();
    try (InputStream in = Ui.class.getResourceAsStream("/messages.properties")) {
      if (in == null) {
        throw new IllegalStateException("messages.properties is not on the class path");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> texts = new java.util.HashMap<>();
    for (String key : JA.texts().keySet()) {
      String text = p.getProperty(key);
      if (text == null) {
        throw new IllegalStateException("messages.properties has no " + key);
      }
      texts.put(key, text);
    }
    return new Ui("en", Map.copyOf(texts));
  }

  /** The text of a key with no arguments, as the page shows it. */
  String t(String key) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalArgumentException("no text for " + key);
    }
    return text;
  }

  /** The text of a key with arguments, formatted as Spring's message source does. */
  String f(String key, Object... args) {
    return new MessageFormat(t(key), Locale.forLanguageTag(lang)).format(args);
  }

  /** An amount of yen as the pages show it, e.g. 1,250,000円. */
  String money(long yen) {
    return f("money", String.format(Locale.ROOT, "%,d", yen));
  }
}

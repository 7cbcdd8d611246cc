package dev.ichie.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.ServerTest;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.UsedSecrets;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox against a real SMTP server (GreenMail): with SMTP down the issuance still succeeds,
 * and once SMTP is back the mail is sent once.
 */
@ServerTest
class MailOutboxSmtpTest {

  static final int PORT = freePort();
  static GreenMail smtp;

  @Autowired TokenIssuance issuance;
  @Autowired OutboxSender sender;
  @Autowired MailOutbox outbox;
  @Autowired TestClock clock;

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> PORT);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
    registry.add("spring.mail.properties.mail.smtp.timeout", () -> "2000");
    registry.add("ichie.mail.poll-interval", () -> "1h");
  }

  @AfterAll
  static void stop() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void issuanceWhenSmtpDownThenSucceedsAndMailIsSentOnceWhenSmtpIsBack() throws Exception {
    String customer = "mail-" + System.nanoTime();
    String password = UsedSecrets.add("60481729");
    var issued =
        issuance.issue(
            "demo",
            customer,
            "ume@example.jp",
            password,
            new Actor(Actor.Type.CUSTOMER, customer, null));
    assertThat(issued.result()).isEqualTo(Result.OK);

    // The after-commit attempt fails: SMTP is down. The mail stays, PENDING, with a retry time.
    sender.sendDue();
    OutboxMail pending = mailTo("ume@example.jp");
    assertThat(pending.status()).isEqualTo("PENDING");
    assertThat(pending.attempts()).isGreaterThanOrEqualTo(1);
    assertThat(pending.nextAttemptAt()).isAfter(clock.instant());
    assertThat(sender.sendDue()).as("not due before its retry time").isZero();

    smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    clock.advance(Duration.ofMinutes(11));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).as("never twice").isZero();
    clock.advance(Duration.ofHours(1));
    sender.sendDue();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    String body = GreenMailUtil.getBody(received[0]);
    assertThat(received[0].getSubject()).contains("トークンアプリ");
    assertThat(received[0].getHeader("Message-ID")[0]).contains("@ichie>");
    String text = decoded(received[0]);
    assertThat(text).contains("http://localhost:8080/app/").contains("demo");
    assertThat(text + body).doesNotContain(password);
    assertThat(mailTo("ume@example.jp").status()).isEqualTo("SENT");
  }

  @Test
  void backoffWhenAttemptsFailThenDoublesUpToTheMaximum() {
    assertThat(sender.backoff(0)).isEqualTo(Duration.ofSeconds(5));
    assertThat(sender.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(sender.backoff(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(sender.backoff(30)).isEqualTo(Duration.ofMinutes(10));
  }

  private OutboxMail mailTo(String recipient) {
    List<OutboxMail> mails =
        outbox.newest(200).stream().filter(m -> m.recipient().equals(recipient)).toList();
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private static String decoded(MimeMessage message) throws Exception {
    Object content = message.getContent();
    return content instanceof String s ? s : String.valueOf(content);
  }
}

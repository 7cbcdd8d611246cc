package dev.ichie.server.mail;

import dev.ichie.server.token.TokenEvent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the outbox's due mails through SMTP ({@code spring.mail.*}): right after a commit that
 * wrote one, and every {@code ichie.mail.poll-interval} for the rest. A failed attempt is retried
 * with a doubling wait ({@code first-retry} up to {@code max-retry}); a mail is marked SENT only
 * after the SMTP server took it. Every attempt carries the same Message-ID, so that if a node stops
 * between the SMTP server's acceptance and the mark, the one duplicate that can follow is
 * recognisable. Without SMTP configured (the development defaults) mails stay in the outbox.
 */
@Component
class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final MailOutbox outbox;
  private final ObjectProvider<JavaMailSender> senders;
  private final MailProperties properties;
  private final Clock clock;
  private final ExecutorService nudges =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "mail-outbox");
            t.setDaemon(true);
            return t;
          });

  OutboxSender(
      MailOutbox outbox,
      ObjectProvider<JavaMailSender> senders,
      MailProperties properties,
      Clock clock) {
    this.outbox = outbox;
    this.senders = senders;
    this.properties = properties;
    this.clock = clock;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void afterCommit(TokenEvent event) {
    nudges.execute(this::sendDue);
  }

  @Scheduled(fixedDelayString = "${ichie.mail.poll-interval:2s}", initialDelay = 2_000)
  void poll() {
    sendDue();
  }

  /**
   * Sends every mail due now.
   *
   * @return how many were sent
   */
  synchronized int sendDue() {
    JavaMailSender sender = senders.getIfAvailable();
    if (sender == null) {
      return 0;
    }
    int sent = 0;
    for (long id : outbox.due(50)) {
      Optional<OutboxMail> claimed = outbox.claim(id, clock.instant().plus(properties.lease()));
      if (claimed.isEmpty()) {
        continue;
      }
      OutboxMail mail = claimed.get();
      try {
        sender.send(message(sender, mail));
        outbox.markSent(id);
        sent++;
        log.info("mail {} ({}) sent", id, mail.kind());
      } catch (MailException | MessagingException e) {
        Instant next = clock.instant().plus(backoff(mail.attempts()));
        outbox.markFailed(id, next, e.getClass().getSimpleName());
        log.warn(
            "mail {} ({}) not sent, attempt {}: {}; next at {}",
            id,
            mail.kind(),
            mail.attempts() + 1,
            e.getClass().getSimpleName(),
            next);
      }
    }
    return sent;
  }

  Duration backoff(int failedAttempts) {
    Duration wait = properties.firstRetry();
    for (int i = 0; i < failedAttempts && wait.compareTo(properties.maxRetry()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : wait;
  }

  private MimeMessage message(JavaMailSender sender, OutboxMail mail) throws MessagingException {
    String messageId = "<" + mail.messageId() + "@ichie>";
    MimeMessage message;
    if (sender instanceof JavaMailSenderImpl impl) {
      Session session = impl.getSession();
      message =
          new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", messageId);
            }
          };
    } else {
      message = sender.createMimeMessage();
    }
    message.setFrom(new InternetAddress(properties.from(), true));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.recipient(), true));
    message.setSubject(mail.subject(), "UTF-8");
    message.setText(mail.body(), "UTF-8");
    message.setSentDate(Date.from(clock.instant()));
    message.setHeader("Message-ID", messageId);
    return message;
  }
}

package dev.ichie.server.mail;

import dev.ichie.server.confirm.ConfirmationEvent;
import dev.ichie.server.factor.FactorLockEvent;
import dev.ichie.server.factor.LimitEvent;
import dev.ichie.server.factor.LoginEvent;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.TransferEvent;
import dev.ichie.server.passkey.PasskeyEvent;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenEvent;
import dev.ichie.server.token.TokenQueries;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the customer's mails about their token into the outbox, in the transaction of the change:
 * issuance (the download URL and the service ID; never the activation password), activation, start
 * of use, deactivation, reset, lock and unlock; and a notice without a link of each to every other
 * mobile address the customer gave before. In the customer's language.
 */
@Component
class TokenMails {

  private static final Set<TokenEvent.Type> MAILED =
      EnumSet.of(
          TokenEvent.Type.ISSUED,
          TokenEvent.Type.ACTIVATED,
          TokenEvent.Type.USE_STARTED,
          TokenEvent.Type.REVOKED,
          TokenEvent.Type.RESET,
          TokenEvent.Type.LOCKED,
          TokenEvent.Type.UNLOCKED);

  private final MailOutbox outbox;
  private final MessageSource messages;
  private final Tenants tenants;
  private final MailProperties properties;
  private final List<CustomerLocales> locales;
  private final TokenQueries queries;
  private final String staffServiceId;

  TokenMails(
      @org.springframework.beans.factory.annotation.Value("${ichie.branch.staff-service-id:staff}")
          String staffServiceId,
      TokenQueries queries,
      MailOutbox outbox,
      MessageSource messages,
      Tenants tenants,
      MailProperties properties,
      List<CustomerLocales> locales) {
    this.outbox = outbox;
    this.messages = messages;
    this.tenants = tenants;
    this.properties = properties;
    this.locales = locales;
    this.queries = queries;
    this.staffServiceId = staffServiceId;
  }

  @EventListener
  void on(TokenEvent event) {
    if (!MAILED.contains(event.type()) || event.mobileMail() == null) {
      return;
    }
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    Object[] args = args(event.serviceId(), event.occurredAt(), null, locale);
    String type = event.type().name().toLowerCase(Locale.ROOT);
    // A staff token's issuance tells staff where their user ID is shown: the branch console.
    String key =
        "mail."
            + type
            + (event.serviceId().equals(staffServiceId) && "issued".equals(type) ? "_staff" : "");
    outbox.enqueue(
        event.type().name(),
        event.mobileMail(),
        locale.toLanguageTag(),
        messages.getMessage(key + ".subject", args, locale),
        messages.getMessage(key + ".body", args, locale) + footer(args, locale));
    // Every other address on file hears of the change too, without a link: a session taken over
    // cannot move the customer's factors to an address the customer does not read.
    notices(
        "NOTICE_" + event.type().name(),
        event.serviceId(),
        event.customerRef(),
        event.mobileMail(),
        "mail.notice." + type,
        args,
        locale);
  }

  /** A passkey added or locked: a notice without a link to every address on file. */
  @EventListener
  void on(PasskeyEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    notices(
        "PASSKEY_" + event.type().name(),
        event.serviceId(),
        event.customerRef(),
        null,
        "mail.notice.passkey_" + event.type().name().toLowerCase(Locale.ROOT),
        args(event.serviceId(), event.occurredAt(), event.label(), locale),
        locale);
  }

  /**
   * A login: a notice without a link, with the time, device, address and factor, to every address.
   */
  @EventListener
  void on(LoginEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    String detail =
        messages.getMessage(
            "mail.login.detail",
            new Object[] {
              event.device(),
              event.address(),
              messages.getMessage("mail.login.factor." + event.strongest().name(), null, locale)
            },
            locale);
    notify(
        "LOGIN", event.serviceId(), event.customerRef(), event.occurredAt(), "mail.login", detail);
  }

  /**
   * A transaction rejected in the token app: the customer hears of it on every address on file,
   * with the payee and the amount, and no link.
   */
  @EventListener
  void on(ConfirmationEvent event) {
    if (event.approved()) {
      return;
    }
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    String detail = payee(event::value, locale);
    notify(
        "CONFIRMATION_REJECTED",
        event.serviceId(),
        event.customerRef(),
        event.occurredAt(),
        "mail.rejected",
        detail);
  }

  /**
   * A change of the customer's own transfer limit: a mail without a link to every address on file,
   * saying when it takes effect.
   */
  @EventListener
  void on(LimitEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    String detail =
        messages.getMessage(
            "mail.limit." + event.type().name().toLowerCase(Locale.ROOT),
            new Object[] {
              String.format(Locale.ROOT, "%,d", event.amount()),
              time(event.serviceId(), event.effectiveAt())
            },
            locale);
    notify(
        "LIMIT_" + event.type().name(),
        event.serviceId(),
        event.customerRef(),
        event.occurredAt(),
        "mail.limit",
        detail);
  }

  /** A transfer made: its payee and amount, without a link, to every address on file. */
  @EventListener
  void on(TransferEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    Operation.Transfer t = event.transfer();
    String detail =
        payee(t.fields()::get, locale)
            + (t.newPayee()
                ? "\n" + messages.getMessage("mail.transfer.newPayee", null, locale)
                : "");
    notify(
        "TRANSFER",
        event.serviceId(),
        event.customerRef(),
        event.occurredAt(),
        "mail.transfer",
        detail);
  }

  /** A password locked by wrong tries: the customer hears of it at once. */
  @EventListener
  void on(FactorLockEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    notify(
        "LOCKED_" + event.factor().name(),
        event.serviceId(),
        event.customerRef(),
        event.occurredAt(),
        "mail.lock",
        messages.getMessage("mail.lock." + event.factor().name(), null, locale));
  }

  /** A transfer's payee and amount as the mails show them, from its fields (CONFIRMATION.md). */
  private String payee(java.util.function.UnaryOperator<String> field, Locale locale) {
    return messages.getMessage(
        "mail.payee.detail",
        new Object[] {
          field.apply("payeeBank"),
          field.apply("payeeBranch"),
          field.apply("payeeAccountType"),
          field.apply("payeeAccountNumber"),
          field.apply("payeeName"),
          String.format(Locale.ROOT, "%,d", Long.parseLong(field.apply("amount")))
        },
        locale);
  }

  /** A notice without a link: {@code key.subject} and {@code key.body}, to every address. */
  private void notify(
      String kind, String serviceId, String customerRef, Instant at, String key, String detail) {
    Locale locale = localeOf(serviceId, customerRef);
    Object[] args = args(serviceId, at, detail, locale);
    for (String address : queries.mailAddresses(serviceId, customerRef)) {
      outbox.enqueue(
          kind,
          address,
          locale.toLanguageTag(),
          messages.getMessage(key + ".subject", args, locale),
          messages.getMessage(key + ".body", args, locale) + noticeFooter(args, locale));
    }
  }

  /** The mails' arguments: service name, service ID, download URL, time there, and one more. */
  private Object[] args(String serviceId, Instant at, String more, Locale locale) {
    return new Object[] {
      queries.serviceName(serviceId, locale),
      serviceId,
      properties.downloadUrl(),
      time(serviceId, at),
      more
    };
  }

  /** A time as the mails show it: in the service's time zone, to the minute. */
  private String time(String serviceId, Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        .withZone(tenants.find(serviceId).map(Tenant::timeZone).orElse(java.time.ZoneOffset.UTC))
        .format(at);
  }

  private String footer(Object[] args, Locale locale) {
    return "\n\n" + messages.getMessage("mail.footer", args, locale);
  }

  /** The footer of a notice: the bank never mails a link. */
  private String noticeFooter(Object[] args, Locale locale) {
    return footer(args, locale) + "\n" + messages.getMessage("mail.footer.noLinks", args, locale);
  }

  /** The change, told without a link to every address on file but {@code except}. */
  private void notices(
      String kind,
      String serviceId,
      String customerRef,
      String except,
      String changeKey,
      Object[] args,
      Locale locale) {
    Object[] notice = args.clone();
    notice[4] = messages.getMessage(changeKey, args, locale);
    for (String address : queries.mailAddresses(serviceId, customerRef)) {
      if (!address.equalsIgnoreCase(except)) {
        outbox.enqueue(
            kind,
            address,
            locale.toLanguageTag(),
            messages.getMessage("mail.notice.subject", notice, locale),
            messages.getMessage("mail.notice.body", notice, locale) + noticeFooter(args, locale));
      }
    }
  }

  private Locale localeOf(String serviceId, String customerRef) {
    for (CustomerLocales l : locales) {
      Optional<Locale> found = l.localeOf(serviceId, customerRef);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return Locale.JAPANESE;
  }
}

package dev.ichie.server.mail;

import dev.ichie.server.passkey.PasskeyEvent;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenEvent;
import dev.ichie.server.token.TokenQueries;
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

  TokenMails(
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
  }

  @EventListener
  void on(TokenEvent event) {
    if (!MAILED.contains(event.type()) || event.mobileMail() == null) {
      return;
    }
    Locale locale = localeOf(event);
    Optional<Tenant> tenant = tenants.find(event.serviceId());
    String serviceName = tenant.map(Tenant::displayName).orElse(event.serviceId());
    String time =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(tenant.map(Tenant::timeZone).orElse(java.time.ZoneOffset.UTC))
            .format(event.occurredAt());
    Object[] args = {serviceName, event.serviceId(), properties.downloadUrl(), time};
    String type = event.type().name().toLowerCase(Locale.ROOT);
    String key = "mail." + type;
    String footer = "\n\n" + messages.getMessage("mail.footer", args, locale);
    outbox.enqueue(
        event.type().name(),
        event.mobileMail(),
        locale.toLanguageTag(),
        messages.getMessage(key + ".subject", args, locale),
        messages.getMessage(key + ".body", args, locale) + footer);
    // Every other address on file hears of the change too, without a link: a session taken over
    // cannot move the customer's factors to an address the customer does not read.
    Object[] notice = {
      serviceName,
      event.serviceId(),
      properties.downloadUrl(),
      time,
      messages.getMessage("mail.notice." + type, args, locale)
    };
    for (String other : queries.mailAddresses(event.serviceId(), event.customerRef())) {
      if (!other.equalsIgnoreCase(event.mobileMail())) {
        outbox.enqueue(
            "NOTICE_" + event.type().name(),
            other,
            locale.toLanguageTag(),
            messages.getMessage("mail.notice.subject", notice, locale),
            messages.getMessage("mail.notice.body", notice, locale) + footer);
      }
    }
  }

  /** A passkey added or locked: a notice without a link to every address on file. */
  @EventListener
  void on(PasskeyEvent event) {
    Locale locale = localeOf(event.serviceId(), event.customerRef());
    Optional<Tenant> tenant = tenants.find(event.serviceId());
    String serviceName = tenant.map(Tenant::displayName).orElse(event.serviceId());
    String time =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(tenant.map(Tenant::timeZone).orElse(java.time.ZoneOffset.UTC))
            .format(event.occurredAt());
    Object[] args = {serviceName, event.serviceId(), properties.downloadUrl(), time, event.label()};
    Object[] notice = {
      serviceName,
      event.serviceId(),
      properties.downloadUrl(),
      time,
      messages.getMessage(
          "mail.notice.passkey_" + event.type().name().toLowerCase(Locale.ROOT), args, locale)
    };
    String footer = "\n\n" + messages.getMessage("mail.footer", args, locale);
    for (String address : queries.mailAddresses(event.serviceId(), event.customerRef())) {
      outbox.enqueue(
          "PASSKEY_" + event.type().name(),
          address,
          locale.toLanguageTag(),
          messages.getMessage("mail.notice.subject", notice, locale),
          messages.getMessage("mail.notice.body", notice, locale) + footer);
    }
  }

  private Locale localeOf(TokenEvent event) {
    return localeOf(event.serviceId(), event.customerRef());
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

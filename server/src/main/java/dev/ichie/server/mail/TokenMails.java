package dev.ichie.server.mail;

import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.token.TokenEvent;
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
 * of use, deactivation, reset, lock and unlock. In the customer's language.
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

  TokenMails(
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
    String key = "mail." + event.type().name().toLowerCase(Locale.ROOT);
    outbox.enqueue(
        event.type().name(),
        event.mobileMail(),
        locale.toLanguageTag(),
        messages.getMessage(key + ".subject", args, locale),
        messages.getMessage(key + ".body", args, locale)
            + "\n\n"
            + messages.getMessage("mail.footer", args, locale));
  }

  private Locale localeOf(TokenEvent event) {
    for (CustomerLocales l : locales) {
      Optional<Locale> found = l.localeOf(event.serviceId(), event.customerRef());
      if (found.isPresent()) {
        return found.get();
      }
    }
    return Locale.JAPANESE;
  }
}

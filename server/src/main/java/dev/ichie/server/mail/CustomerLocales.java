package dev.ichie.server.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * Which language a customer reads mail in. Web banking provides it; without it mails are in
 * Japanese.
 */
public interface CustomerLocales {

  /**
   * The customer's language.
   *
   * @param serviceId the service
   * @param customerRef the bank's customer reference
   * @return the language, or empty if unknown
   */
  Optional<Locale> localeOf(String serviceId, String customerRef);
}

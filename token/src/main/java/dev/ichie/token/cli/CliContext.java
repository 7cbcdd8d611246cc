package dev.ichie.token.cli;

import dev.ichie.token.TokenHome;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * What the command line takes from its process: the device clock, the default locale, the home, the
 * terminal and (for tests) trust anchors. {@link Main} makes the real one.
 *
 * @param clock the device clock (its zone is used to show times)
 * @param defaultLocale the locale used without {@code --lang}
 * @param home the app's home
 * @param terminal standard streams and console
 * @param trustStore trust anchors for HTTPS, or null for the platform's
 */
public record CliContext(
    Clock clock, Locale defaultLocale, TokenHome home, Terminal terminal, KeyStore trustStore) {

  /** Checks. */
  public CliContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(defaultLocale, "defaultLocale");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(terminal, "terminal");
  }
}

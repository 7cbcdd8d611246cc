package dev.ichie.token.gui;

import dev.ichie.token.Texts;
import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.TokenHome;
import java.util.Locale;
import java.util.Objects;

/**
 * What the desktop window takes from its surroundings: the app's home, the core options (device
 * clock, language, trust anchors, time-out), the server address the activation form starts with,
 * and the delays after wrong PINs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param home where the vault lives
 * @param options the core options; their locale is the window's language
 * @param defaultServer the server field's first value, e.g. {@value #DEMO_SERVER}
 * @param pinBackoff the delays after wrong PINs
 */
public record GuiSettings(
    TokenHome home, TokenAppOptions options, String defaultServer, PinBackoff pinBackoff) {

  /** The demo server of the README's run command. */
  public static final String DEMO_SERVER = "http://localhost:8080";

  /** Checks. */
  public GuiSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(defaultServer, "defaultServer");
    Objects.requireNonNull(pinBackoff, "pinBackoff");
  }

  /** The window's texts, in the options' language. */
  public Texts texts() {
    return Texts.of(options.locale());
  }

  /**
   * The window's language: {@code --lang} if given; otherwise English when the system's language is
   * English, and Japanese, the seed's language, for every other locale.
   *
   * @param lang {@code ja}, {@code en} or null
   * @param systemLocale the system's default locale
   * @return {@link Locale#JAPANESE} or {@link Locale#ENGLISH}
   * @throws IllegalArgumentException if {@code lang} is neither ja nor en
   */
  public static Locale language(String lang, Locale systemLocale) {
    if (lang != null) {
      return Texts.language(lang);
    }
    return "en".equals(Objects.requireNonNull(systemLocale, "systemLocale").getLanguage())
        ? Locale.ENGLISH
        : Locale.JAPANESE;
  }
}

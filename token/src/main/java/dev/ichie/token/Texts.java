package dev.ichie.token;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Every text the token app shows, in Japanese (the seed's words) or English: the bundle {@code
 * dev/ichie/token/messages.properties} (English, the base) and {@code messages_ja.properties}.
 * Texts are {@link MessageFormat} patterns; {@code ''} is an apostrophe.
 *
 * <p>Only Japanese and English exist: any locale whose language is Japanese gets Japanese, every
 * other locale English. The JVM's default locale never leaks in as a fallback.
 *
 * <p>Immutable and thread-safe.
 */
public final class Texts {

  /** The bundle's base name. */
  public static final String BUNDLE = "dev.ichie.token.messages";

  private final Locale locale;
  private final ResourceBundle bundle;

  private Texts(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            Texts.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /**
   * The texts for a locale: Japanese if its language is Japanese, English otherwise.
   *
   * @param locale the customer's locale
   * @return the texts
   */
  public static Texts of(Locale locale) {
    return new Texts(supported(locale));
  }

  /**
   * The supported locale nearest to a locale: {@link Locale#JAPANESE} or {@link Locale#ENGLISH}.
   *
   * @param locale any locale
   * @return Japanese or English
   */
  public static Locale supported(Locale locale) {
    return "ja".equals(Objects.requireNonNull(locale, "locale").getLanguage())
        ? Locale.JAPANESE
        : Locale.ENGLISH;
  }

  /**
   * The locale of a {@code --lang} value.
   *
   * @param lang {@code ja} or {@code en} (case ignored)
   * @return the locale
   * @throws IllegalArgumentException for any other value
   */
  public static Locale language(String lang) {
    return switch (Objects.requireNonNull(lang, "lang").toLowerCase(Locale.ROOT)) {
      case "ja" -> Locale.JAPANESE;
      case "en" -> Locale.ENGLISH;
      default -> throw new IllegalArgumentException("language must be ja or en, not " + lang);
    };
  }

  /** Japanese or English. */
  public Locale locale() {
    return locale;
  }

  /** The underlying bundle, e.g. for picocli's usage help. */
  public ResourceBundle bundle() {
    return bundle;
  }

  /**
   * A text.
   *
   * @param key the message key
   * @param arguments the pattern's arguments
   * @return the formatted text
   * @throws MissingResourceException if the key does not exist
   */
  public String get(String key, Object... arguments) {
    return new MessageFormat(bundle.getString(key), locale).format(arguments);
  }

  /**
   * The customer's text for a failure.
   *
   * @param failure the failure
   * @return its problem's text with its arguments
   */
  public String describe(TokenException failure) {
    return get(failure.problem().messageKey(), failure.arguments());
  }

  /**
   * A duration for people, rounded to the second: "1 min 30 s" / 「1分30秒」.
   *
   * @param duration any duration; the sign is dropped
   * @return the text
   */
  public String duration(Duration duration) {
    long seconds = (Math.abs(duration.toMillis()) + 500) / 1000;
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    if (hours > 0) {
      return get("duration.hours", hours, minutes, rest);
    }
    if (minutes > 0) {
      return get("duration.minutes", minutes, rest);
    }
    return get("duration.seconds", rest);
  }
}

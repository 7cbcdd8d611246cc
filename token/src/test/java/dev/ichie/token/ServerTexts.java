package dev.ichie.token;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The texts of the server's pages by message key, read from its message bundles as the server reads
 * them (UTF-8; a text with arguments through MessageFormat), for the end-to-end tests that go
 * through its pages in a browser.
 */
final class ServerTexts {

  private static final Path BUNDLES = Path.of("..", "server", "src", "main", "resources");

  private final Properties texts;
  private final Locale locale;

  private ServerTexts(Properties texts, Locale locale) {
    this.texts = texts;
    this.locale = locale;
  }

  /** The texts in this language ("ja", or English for any other). */
  static ServerTexts of(String lang) throws IOException {
    Properties texts = new Properties();
    load(texts, "messages.properties");
    if ("ja".equals(lang)) {
      load(texts, "messages_ja.properties");
    }
    return new ServerTexts(texts, Locale.forLanguageTag(lang));
  }

  private static void load(Properties into, String file) throws IOException {
    try (Reader in = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
      into.load(in);
    }
  }

  /** A text without arguments, as shown. */
  String t(String key) {
    String text = texts.getProperty(key);
    if (text == null) {
      throw new AssertionError("no message " + key + " in " + BUNDLES);
    }
    return text;
  }

  /** A text with its arguments filled in. */
  String f(String key, Object... args) {
    return new MessageFormat(t(key), locale).format(args);
  }

  /** An amount of yen as the pages show it. */
  String money(long yen) {
    return f("money", yen);
  }
}

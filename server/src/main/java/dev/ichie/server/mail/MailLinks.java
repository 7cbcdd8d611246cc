package dev.ichie.server.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text mail body cut into text and web addresses, so that the development outbox page shows
 * the addresses as links a customer would tap in a mail program.
 */
final class MailLinks {

  /** An http(s) address up to white space or the Japanese punctuation that may follow it. */
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"、。）」]+");

  /** A piece of the body: text, or an address to link. */
  record Part(String text, boolean link) {}

  private MailLinks() {}

  static List<Part> parts(String body) {
    List<Part> parts = new ArrayList<>();
    Matcher m = URL.matcher(body);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Part(body.substring(at, m.start()), false));
      }
      parts.add(new Part(m.group(), true));
      at = m.end();
    }
    if (at < body.length()) {
      parts.add(new Part(body.substring(at), false));
    }
    return parts;
  }
}

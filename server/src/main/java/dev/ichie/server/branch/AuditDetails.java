package dev.ichie.server.branch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * The detail of an audit event in the staff's words: the shapes the console's own events record
 * ({@code request 3 UNLOCK_TOKEN}, {@code to ACTIVE}, {@code 2 found}, {@code until=…}, an event
 * code) told in the page's language; any other detail is shown as recorded.
 */
@Component("auditDetails")
public final class AuditDetails {

  private static final Pattern REQUEST =
      Pattern.compile("request (\\d+)(?: ([A-Z_]+))?(?: ([A-Z]+))?");
  private static final Pattern STATE = Pattern.compile("to ([A-Z_]+)");
  private static final Pattern FOUND = Pattern.compile("(\\d+) found");
  private static final Pattern UNTIL = Pattern.compile("until=(\\S+)");
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final MessageSource messages;

  AuditDetails(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * The detail as the page shows it.
   *
   * @param detail the recorded detail, or null
   * @param locale the page's language
   * @param zone the bank's time zone, for times
   * @return the words, or the detail as recorded when it has no known shape
   */
  public String text(String detail, Locale locale, ZoneId zone) {
    if (detail == null || detail.isBlank()) {
      return "";
    }
    Matcher m;
    if ((m = REQUEST.matcher(detail)).matches()) {
      String request =
          messages.getMessage("branch.detail.request", new Object[] {m.group(1)}, locale);
      if (m.group(2) == null) {
        return request;
      }
      String action = label(locale, m.group(2), "branch.action.", "branch.staff.action.");
      String role = m.group(3) == null ? "" : " " + label(locale, m.group(3), "branch.role.");
      return request
          + messages.getMessage("branch.detail.action", new Object[] {action + role}, locale);
    }
    if ((m = STATE.matcher(detail)).matches()) {
      return messages.getMessage(
          "branch.detail.state", new Object[] {label(locale, m.group(1), "branch.state.")}, locale);
    }
    if ((m = FOUND.matcher(detail)).matches()) {
      return messages.getMessage("branch.detail.found", new Object[] {m.group(1)}, locale);
    }
    if ((m = UNTIL.matcher(detail)).matches()) {
      try {
        String at = TIME.format(Instant.parse(m.group(1)).atZone(zone));
        return messages.getMessage("branch.detail.until", new Object[] {at}, locale);
      } catch (DateTimeException e) {
        return detail;
      }
    }
    if (CODE.matcher(detail).matches()) {
      return label(locale, detail, "history.event.", "branch.action.", "branch.staff.action.");
    }
    return detail;
  }

  /** The first label found under the prefixes, or the code itself. */
  private String label(Locale locale, String code, String... prefixes) {
    for (String prefix : prefixes) {
      try {
        return messages.getMessage(prefix + code, null, locale);
      } catch (NoSuchMessageException e) {
        // the next prefix
      }
    }
    return code;
  }
}

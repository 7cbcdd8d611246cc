package dev.ichie.server.system;

import java.util.regex.Pattern;

/** The one rule for a mail address that Ichie accepts (a mobile mail address, a staff address). */
public final class MailAddresses {

  private static final Pattern MAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}");

  private MailAddresses() {}

  /**
   * Whether the text is a mail address Ichie accepts: at most 254 characters, a local part of
   * letters, digits and {@code ._%+-}, a domain with a top-level part of letters.
   *
   * @param address the text, or null
   * @return true if so
   */
  public static boolean valid(String address) {
    return address != null && address.length() <= 254 && MAIL.matcher(address).matches();
  }
}

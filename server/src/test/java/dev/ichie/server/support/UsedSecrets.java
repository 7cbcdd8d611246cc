package dev.ichie.server.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password, activation password, code and secret (in its printable forms) the tests used, so
 * that LogScanTest can search the whole run's log for them.
 */
public final class UsedSecrets {

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  private UsedSecrets() {}

  /** Remembers a value; values shorter than 6 characters are too common to search for. */
  public static String add(String value) {
    if (value != null && value.length() >= 6) {
      VALUES.add(value);
    }
    return value;
  }

  public static Set<String> all() {
    return Set.copyOf(VALUES);
  }
}

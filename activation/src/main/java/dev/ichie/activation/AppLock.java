package dev.ichie.activation;

import java.util.Optional;

/**
 * The service's rule for the token app's app lock (アプリロック), given to the app in the answer to
 * {@code finish}: {@code "appLock":"REQUIRED"}; an answer without the field is {@link #OPTIONAL}.
 */
public enum AppLock {
  /** The app shows no code of the service's tokens until a PIN protects its vault. */
  REQUIRED,
  /** The customer may choose a PIN, or none. */
  OPTIONAL;

  /**
   * The rule of this wire name.
   *
   * @param name {@code REQUIRED} or {@code OPTIONAL}
   * @return the rule, or empty for any other name
   */
  public static Optional<AppLock> fromWireName(String name) {
    for (AppLock rule : values()) {
      if (rule.name().equals(name)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }
}

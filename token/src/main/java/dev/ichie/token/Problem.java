package dev.ichie.token;

/**
 * What went wrong, in the terms the customer can act on. Each problem has a message key ({@code
 * problem.} + the lower-case name) in {@code messages.properties} and {@code
 * messages_ja.properties}; the command line maps each to an exit code.
 *
 * <p>Immutable and thread-safe.
 */
public enum Problem {
  /**
   * The server refused the activation ({@code ACTIVATION_FAILED}): the service ID, the user ID or
   * the activation password is wrong, or the issuance expired, was void or was already used. The
   * protocol does not say which, on purpose.
   */
  ACTIVATION_FAILED,
  /** {@code SESSION_EXPIRED}: {@code finish} came too late or twice; start again. */
  SESSION_EXPIRED,
  /** {@code RATE_LIMITED}: too many tries; wait (the argument is the seconds, or -1 if unknown). */
  RATE_LIMITED,
  /** The server could not be reached: no connection, a name that does not resolve, a time-out. */
  UNREACHABLE,
  /** The server's certificate is not trusted (unknown issuer, expired, wrong host name). */
  CERTIFICATE_UNTRUSTED,
  /** The server's public key is not the pinned one ({@code --pin-sha256}). */
  KEY_PIN_MISMATCH,
  /** Plain HTTP to an address that is not loopback, without the explicit insecure flag. */
  PLAIN_HTTP_REFUSED,
  /** The server address is not a usable http(s) URL. */
  INVALID_SERVER_URL,
  /** The {@code --pin-sha256} value is not the Base64 of 32 bytes. */
  INVALID_KEY_PIN,
  /** The service ID or the user ID breaks the protocol's rules. */
  INVALID_IDS,
  /** The activation password is not 4 to 8 digits. */
  INVALID_ACTIVATION_PASSWORD,
  /** The device label breaks the protocol's rules (1–64 characters, no control characters). */
  INVALID_DEVICE_LABEL,
  /**
   * The server answered {@code finish} but could not prove that it holds the verifier of the
   * activation password (wrong M2): it may be a look-alike server. Nothing was stored.
   */
  SERVER_NOT_VERIFIED,
  /**
   * The server answered something this app does not understand ({@code MALFORMED}, {@code
   * UNSUPPORTED_VERSION}, a bad message, an unexpected HTTP status): update the app, or the server
   * has a problem.
   */
  PROTOCOL_ERROR,
  /** The vault has an app-lock PIN and none was given. */
  VAULT_LOCKED,
  /** The app-lock PIN is wrong. */
  WRONG_PIN,
  /**
   * The account's service requires the app lock (given at activation) and the vault has no PIN: no
   * code and no 取引認証 until one is set, and the PIN cannot be cleared while such an account is held.
   */
  APP_LOCK_REQUIRED,
  /** The new app-lock PIN breaks the rules (length). */
  INVALID_PIN,
  /**
   * The vault cannot be read: truncated, tampered with, its key file missing or not its own, or
   * written by a newer app. It is never reset silently.
   */
  VAULT_DAMAGED,
  /** No account matches the given name. */
  NO_SUCH_ACCOUNT,
  /** More than one account matches the given name; name it in full. */
  AMBIGUOUS_ACCOUNT,
  /** The vault holds no account yet. */
  NO_ACCOUNTS,
  /** The app's home directory or a file in it could not be read or written. */
  STORAGE,
  /** 取引認証: the server refused the app's request (a bad signature, decided, expired, …). */
  CONFIRMATION_REFUSED,
  /** 取引認証: a pending confirmation this app does not know how to show; it is not signed. */
  UNKNOWN_CONFIRMATION,
  /** The offline 取引認証番号's input: the account number is 7 digits, the amount 1 to 12. */
  INVALID_TRANSACTION;

  /** The message key of this problem's text, e.g. {@code problem.activation_failed}. */
  public String messageKey() {
    return "problem." + name().toLowerCase(java.util.Locale.ROOT);
  }
}

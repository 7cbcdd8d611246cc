package dev.ichie.token.cli;

import dev.ichie.token.Problem;

/**
 * The exit codes of {@code ichie-token}, documented in its help and in docs/token-app.md.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;

  /** Bad options or input, no terminal to ask on, or the customer said no. */
  public static final int USAGE = 1;

  /** The server refused the activation (IDs, activation password, or the issuance is over). */
  public static final int ACTIVATION_FAILED = 2;

  /** The activation session expired: start again. */
  public static final int SESSION_EXPIRED = 3;

  /** Too many tries: wait. */
  public static final int RATE_LIMITED = 4;

  /** The server cannot be reached. */
  public static final int UNREACHABLE = 5;

  /** The server's certificate is not trusted, or its key is not the pinned one. */
  public static final int CERTIFICATE = 6;

  /**
   * The vault is locked with a PIN and none (or a wrong one) was given, or the service requires the
   * app lock and there is no PIN yet.
   */
  public static final int LOCKED = 7;

  /** The vault is damaged or tampered with (never reset). */
  public static final int VAULT_DAMAGED = 8;

  /** No such account, several match, or none yet. */
  public static final int NO_ACCOUNT = 9;

  /** Plain HTTP to an address that is not loopback, without {@code --insecure-plain-http}. */
  public static final int INSECURE_REFUSED = 10;

  /** The server did not prove it knows the activation password (M2): maybe a look-alike. */
  public static final int SERVER_NOT_VERIFIED = 11;

  /** The server's answer was not understood, or it had an error. */
  public static final int PROTOCOL = 12;

  /** The app's files could not be read or written. */
  public static final int STORAGE = 13;

  /** 取引認証: the server refused, or the confirmation is not one this app shows. */
  public static final int CONFIRMATION_REFUSED = 14;

  /** A bug in the app. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}

  /** The exit code of a problem. */
  public static int of(Problem problem) {
    return switch (problem) {
      case ACTIVATION_FAILED -> ACTIVATION_FAILED;
      case SESSION_EXPIRED -> SESSION_EXPIRED;
      case RATE_LIMITED -> RATE_LIMITED;
      case UNREACHABLE -> UNREACHABLE;
      case CERTIFICATE_UNTRUSTED, KEY_PIN_MISMATCH -> CERTIFICATE;
      case VAULT_LOCKED, WRONG_PIN, APP_LOCK_REQUIRED -> LOCKED;
      case VAULT_DAMAGED -> VAULT_DAMAGED;
      case NO_SUCH_ACCOUNT, AMBIGUOUS_ACCOUNT, NO_ACCOUNTS -> NO_ACCOUNT;
      case PLAIN_HTTP_REFUSED -> INSECURE_REFUSED;
      case SERVER_NOT_VERIFIED -> SERVER_NOT_VERIFIED;
      case PROTOCOL_ERROR -> PROTOCOL;
      case STORAGE -> STORAGE;
      case CONFIRMATION_REFUSED, UNKNOWN_CONFIRMATION -> CONFIRMATION_REFUSED;
      case INVALID_TRANSACTION,
          INVALID_SERVER_URL,
          INVALID_KEY_PIN,
          INVALID_IDS,
          INVALID_ACTIVATION_PASSWORD,
          INVALID_DEVICE_LABEL,
          INVALID_PIN ->
          USAGE;
    };
  }
}

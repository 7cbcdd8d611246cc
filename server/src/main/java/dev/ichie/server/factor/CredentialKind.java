package dev.ichie.server.factor;

/** The kinds of credential a customer can hold, several of each. */
public enum CredentialKind {
  /** A token of the token app: its TOTP secret (the seed's ワンタイムパスワード). */
  TOTP_TOKEN,
  /** A WebAuthn passkey. */
  PASSKEY,
  /** The token app's signing key for 取引認証. */
  APP_DEVICE_KEY
}

package dev.ichie.server.factor;

import java.util.Optional;

/** What a customer or staff member may be asked to prove. */
public enum Factor {
  /** The login password (ログインパスワード). */
  LOGIN_PASSWORD(null),
  /** The confirmation password (確認用パスワード). */
  CONFIRMATION_PASSWORD(null),
  /** A staff member's password. */
  STAFF_PASSWORD(null),
  /** A one-time password of a TOTP token. */
  OTP(CredentialKind.TOTP_TOKEN),
  /** A passkey assertion. */
  PASSKEY(CredentialKind.PASSKEY),
  /** A passkey assertion whose challenge is bound to the operation. */
  PASSKEY_BOUND(CredentialKind.PASSKEY),
  /** The token app's signature over the operation (取引認証). */
  TRANSACTION_SIGNATURE(CredentialKind.APP_DEVICE_KEY);

  private final CredentialKind credential;

  Factor(CredentialKind credential) {
    this.credential = credential;
  }

  /**
   * Whether the factor resists real-time phishing: bound by the browser to the bank's domain.
   *
   * @return true for the passkey factors
   */
  public boolean phishingResistant() {
    return this == PASSKEY || this == PASSKEY_BOUND;
  }

  /**
   * The kind of credential this factor is proved with; empty for a password, which every customer
   * knows.
   *
   * @return the credential kind, if this is a possession factor
   */
  public Optional<CredentialKind> credential() {
    return Optional.ofNullable(credential);
  }
}

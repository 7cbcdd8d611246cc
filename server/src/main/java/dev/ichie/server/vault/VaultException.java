package dev.ichie.server.vault;

/**
 * A ciphertext that does not decrypt: wrong key, wrong row, or tampered. Never holds secret data.
 */
public final class VaultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A vault failure.
   *
   * @param message what failed, without secret data
   */
  public VaultException(String message) {
    super(message);
  }

  /**
   * A vault failure with its cause.
   *
   * @param message what failed, without secret data
   * @param cause the underlying exception
   */
  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}

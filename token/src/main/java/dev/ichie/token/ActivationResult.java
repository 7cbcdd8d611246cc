package dev.ichie.token;

import java.util.Objects;

/**
 * A finished activation: the stored account, and the clock check made on the way. When {@link
 * ClockCheck#clockOff()} the customer must be told to set the device's clock.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account the new account, already in the vault
 * @param clock the device clock against the server's
 */
public record ActivationResult(Account account, ClockCheck clock) {

  /** Checks. */
  public ActivationResult {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(clock, "clock");
  }
}

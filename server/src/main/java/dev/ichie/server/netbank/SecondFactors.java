package dev.ichie.server.netbank;

import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenService;
import dev.ichie.server.token.TokenState;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "which factors does this customer have, and which does this operation
 * need", so that adding passkeys or transaction signing later changes this class, not every screen.
 * Thread-safe.
 */
@Component
class SecondFactors {

  /** What a customer may be asked for. */
  enum Factor {
    /** The login password. */
    LOGIN_PASSWORD,
    /** The confirmation password (確認用パスワード). */
    CONFIRMATION_PASSWORD,
    /** A one-time password from the token app. */
    OTP
  }

  /** Operations that need authentication. */
  enum Operation {
    /** Logging in. */
    LOGIN,
    /** A transfer (F5). */
    TRANSFER,
    /** Issuing or deactivating a token (F1, F6). */
    OTP_SETTINGS
  }

  /**
   * The answer for one customer and operation.
   *
   * @param required the factors to ask for, in order
   * @param blocked the operation cannot be done at all (the token is locked: see the branch)
   */
  record Requirement(Set<Factor> required, boolean blocked) {}

  private final TokenService tokens;
  private final NetbankProperties properties;

  SecondFactors(TokenService tokens, NetbankProperties properties) {
    this.tokens = tokens;
    this.properties = properties;
  }

  /**
   * What the operation needs from this customer.
   *
   * @param customerId the customer
   * @param operation the operation
   * @return the factors, or blocked
   */
  Requirement requirement(String customerId, Operation operation) {
    TokenState state = tokenState(customerId);
    boolean otp = state == TokenState.ACTIVE;
    boolean locked = state == TokenState.LOCKED;
    return switch (operation) {
      case LOGIN ->
          new Requirement(
              otp
                  ? EnumSet.of(Factor.LOGIN_PASSWORD, Factor.OTP)
                  : EnumSet.of(Factor.LOGIN_PASSWORD),
              locked);
      case TRANSFER ->
          new Requirement(
              otp
                  ? EnumSet.of(Factor.CONFIRMATION_PASSWORD, Factor.OTP)
                  : EnumSet.of(Factor.CONFIRMATION_PASSWORD),
              locked);
      case OTP_SETTINGS -> new Requirement(EnumSet.of(Factor.CONFIRMATION_PASSWORD), locked);
    };
  }

  private TokenState tokenState(String customerId) {
    Outcome o = tokens.status(properties.serviceId(), customerId);
    return o.status() == null ? null : o.status().state();
  }
}

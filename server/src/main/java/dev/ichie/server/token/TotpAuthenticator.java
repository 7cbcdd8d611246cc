package dev.ichie.server.token;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import org.springframework.stereotype.Component;

/**
 * The TOTP token's authenticator: a code proves {@link Factor#OTP}. Its challenge is empty; the
 * code check takes the guess before it computes a code ({@link CodeCheck}). The start of use (F3),
 * and a staff member's first code at login, start an activated token.
 */
@Component
final class TotpAuthenticator implements Authenticator {

  private final CodeCheck codes;

  TotpAuthenticator(CodeCheck codes) {
    this.codes = codes;
  }

  @Override
  public boolean checks(Factor factor) {
    return factor == Factor.OTP;
  }

  @Override
  public ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor) {
    String code = ((Proof.OtpCode) proof).code();
    TokenState expected = expected(subject, operation);
    Outcome o =
        codes.check(
            subject.serviceId(), subject.customerRef(), code, actor, expected, operation.kind());
    ProofResult.Status status =
        switch (o.result()) {
          case OK -> ProofResult.Status.OK;
          case WRONG_CODE -> ProofResult.Status.WRONG;
          case REPLAYED -> ProofResult.Status.REPLAYED;
          case MALFORMED -> ProofResult.Status.MALFORMED;
          case LOCKED -> ProofResult.Status.LOCKED;
          default -> ProofResult.Status.NOT_AVAILABLE;
        };
    Integer left = o.status() == null ? null : o.status().failuresLeft();
    return new ProofResult(Factor.OTP, status, o.result().name(), left, o);
  }

  private TokenState expected(Subject subject, Operation operation) {
    if (operation instanceof Operation.FactorChange c
        && c.change() == Operation.FactorChange.Change.START_TOKEN) {
      return TokenState.ACTIVATED;
    }
    if (operation instanceof Operation.StaffLogin
        && codes
            .stateOf(subject.serviceId(), subject.customerRef())
            .filter(s -> s == TokenState.ACTIVATED)
            .isPresent()) {
      return TokenState.ACTIVATED;
    }
    return TokenState.ACTIVE;
  }
}

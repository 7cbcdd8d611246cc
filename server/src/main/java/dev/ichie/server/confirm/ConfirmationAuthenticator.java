package dev.ichie.server.confirm;

import dev.ichie.activation.Confirmation;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Authenticator;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * 取引認証 as a factor ({@link Factor#TRANSACTION_SIGNATURE}): a confirmation made for exactly the
 * operation's fields, approved in the app with the token's device key ({@link
 * Proof.TransactionSignature}) or by the offline code over its account number and amount ({@link
 * Proof.OcraResponse}), and spent by the operation once. A wrong offline code counts against the
 * token as a wrong one-time password does.
 */
@Component
final class ConfirmationAuthenticator implements Authenticator {

  private final Confirmations confirmations;

  ConfirmationAuthenticator(Confirmations confirmations) {
    this.confirmations = confirmations;
  }

  @Override
  public boolean checks(Factor factor) {
    return factor == Factor.TRANSACTION_SIGNATURE;
  }

  @Override
  public ProofResult verify(Subject subject, Operation operation, Proof proof, Actor actor) {
    List<Confirmation.Field> fields =
        operation.fields().entrySet().stream()
            .map(e -> new Confirmation.Field(e.getKey(), e.getValue()))
            .toList();
    String id;
    if (proof instanceof Proof.OcraResponse code) {
      id = code.confirmationId();
      Confirmations.Outcome o = confirmations.code(subject, id, code.code(), actor);
      switch (o) {
        case APPROVED, ALREADY_DECIDED -> {
          // Approved now, or decided meanwhile (in the app): spending says which.
        }
        case WRONG_CODE -> {
          return result(ProofResult.Status.WRONG, o.name());
        }
        case REPLAYED -> {
          return result(ProofResult.Status.REPLAYED, o.name());
        }
        case LOCKED -> {
          return result(ProofResult.Status.LOCKED, o.name());
        }
        case EXPIRED -> {
          return result(ProofResult.Status.NOT_AVAILABLE, o.name());
        }
        default -> {
          return result(ProofResult.Status.MALFORMED, o.name());
        }
      }
    } else {
      id = ((Proof.TransactionSignature) proof).confirmationId();
    }
    Confirmations.Spent spent = confirmations.spend(subject, id, operation.kind(), fields, actor);
    return switch (spent) {
      case OK -> result(ProofResult.Status.OK, spent.name());
      case MISMATCH -> result(ProofResult.Status.MALFORMED, spent.name());
      case USED -> result(ProofResult.Status.REPLAYED, spent.name());
      default -> result(ProofResult.Status.NOT_AVAILABLE, spent.name());
    };
  }

  private static ProofResult result(ProofResult.Status status, String reason) {
    return new ProofResult(Factor.TRANSACTION_SIGNATURE, status, reason, null, null);
  }
}

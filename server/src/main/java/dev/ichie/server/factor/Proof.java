package dev.ichie.server.factor;

import java.util.Objects;

/** What is offered to prove a factor. Never printed with its value. */
public sealed interface Proof {

  /**
   * The factor this proof is for.
   *
   * @return the factor
   */
  Factor factor();

  /**
   * A one-time password, as typed (normalised by the form: ASCII digits, no spaces).
   *
   * @param code the code
   */
  record OtpCode(String code) implements Proof {

    /** Validates the code's presence. */
    public OtpCode {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public Factor factor() {
      return Factor.OTP;
    }

    @Override
    public String toString() {
      return "OtpCode[…]";
    }
  }

  /**
   * A passkey assertion (WebAuthn), answering a challenge made for the operation.
   *
   * @param challengeId the challenge the assertion's options came with
   * @param responseJson the browser's {@code PublicKeyCredential.toJSON()}
   * @param bound whether it proves {@link Factor#PASSKEY_BOUND}: the challenge was bound to the
   *     operation's bytes
   */
  record PasskeyAssertion(String challengeId, String responseJson, boolean bound) implements Proof {

    /** Validates the assertion's presence. */
    public PasskeyAssertion {
      Objects.requireNonNull(challengeId, "challengeId");
      Objects.requireNonNull(responseJson, "responseJson");
    }

    @Override
    public Factor factor() {
      return bound ? Factor.PASSKEY_BOUND : Factor.PASSKEY;
    }

    @Override
    public String toString() {
      return "PasskeyAssertion[" + challengeId + "]";
    }
  }

  /**
   * A password of one of the password factors.
   *
   * @param factor which password
   * @param value the password as typed; not kept
   */
  record Password(Factor factor, String value) implements Proof {

    /** Validates the factor. */
    public Password {
      Objects.requireNonNull(factor, "factor");
      Objects.requireNonNull(value, "value");
      if (factor.credential().isPresent()) {
        throw new IllegalArgumentException(factor + " is not a password");
      }
    }

    @Override
    public String toString() {
      return "Password[" + factor + ", …]";
    }
  }

  /**
   * 取引認証 in the token app: a confirmation of the operation that the app approved with the token's
   * device key, to be spent by this operation.
   *
   * @param confirmationId the confirmation made for the operation
   */
  record TransactionSignature(String confirmationId) implements Proof {

    /** Validates the id's presence. */
    public TransactionSignature {
      Objects.requireNonNull(confirmationId, "confirmationId");
    }

    @Override
    public Factor factor() {
      return Factor.TRANSACTION_SIGNATURE;
    }
  }

  /**
   * 取引認証 offline: the app's 取引認証番号 (OCRA) over the payee's account number and the amount of the
   * confirmation made for the operation.
   *
   * @param confirmationId the confirmation made for the operation
   * @param code the 8 digits, as typed (normalised by the form)
   */
  record OcraResponse(String confirmationId, String code) implements Proof {

    /** Validates the presence of both. */
    public OcraResponse {
      Objects.requireNonNull(confirmationId, "confirmationId");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public Factor factor() {
      return Factor.TRANSACTION_SIGNATURE;
    }

    @Override
    public String toString() {
      return "OcraResponse[" + confirmationId + ", …]";
    }
  }
}

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
}

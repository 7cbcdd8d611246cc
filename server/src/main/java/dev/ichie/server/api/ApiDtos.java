package dev.ichie.server.api;

import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.token.TokenStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the REST API. */
final class ApiDtos {

  private ApiDtos() {}

  /**
   * Issue a token.
   *
   * @param mobileMail the customer's mobile mail address, where the download link goes
   * @param activationPassword 4–8 digits chosen by the customer; stored only as an SRP verifier
   */
  record IssueRequest(
      @NotNull @Size(min = 3, max = 254) String mobileMail,
      @NotNull @Size(min = 4, max = 8) String activationPassword) {
    @Override
    public String toString() {
      return "IssueRequest[mobileMail=" + mobileMail + "]";
    }
  }

  /**
   * A code to check.
   *
   * @param code the digits the token app shows
   */
  record CodeRequest(@NotNull @Size(min = 1, max = 10) String code) {
    @Override
    public String toString() {
      return "CodeRequest[]";
    }
  }

  /**
   * The answer to every token call.
   *
   * @param result the machine-readable result
   * @param serviceId the service ID (サービスID)
   * @param userId the user ID (ユーザーID) to type into the token app
   * @param state the token's state, or null when the customer has no open token
   * @param algorithm HMAC algorithm
   * @param digits code length
   * @param period time step in seconds
   * @param issuedAt when issued
   * @param expiresAt when an unactivated issuance expires
   * @param activationAttemptsLeft wrong activation passwords left
   * @param failuresLeft wrong codes left before the token locks
   * @param deviceLabel the token app's device label
   * @param lastUsedAt last accepted code
   * @param reissueNotBefore first instant a new token may be issued, after a deactivation
   */
  @Schema(name = "TokenAnswer")
  record TokenAnswer(
      String result,
      String serviceId,
      String userId,
      TokenState state,
      String algorithm,
      Integer digits,
      Integer period,
      Instant issuedAt,
      Instant expiresAt,
      Integer activationAttemptsLeft,
      Integer failuresLeft,
      String deviceLabel,
      Instant lastUsedAt,
      Instant reissueNotBefore) {

    static TokenAnswer of(Outcome o) {
      TokenStatus s = o.status();
      if (s == null) {
        return new TokenAnswer(
            o.result().name(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
      }
      return new TokenAnswer(
          o.result().name(),
          s.serviceId(),
          s.userId(),
          s.state(),
          s.algorithm(),
          s.digits(),
          s.periodSeconds(),
          s.issuedAt(),
          s.expiresAt(),
          s.state() == TokenState.ISSUED ? s.activationAttemptsLeft() : null,
          s.state() == null ? null : s.failuresLeft(),
          s.deviceLabel(),
          s.lastUsedAt(),
          s.reissueNotBefore());
    }
  }

  /**
   * The customer's audit trail.
   *
   * @param result OK or NOT_FOUND
   * @param events oldest first
   */
  record AuditAnswer(String result, List<AuditEvent> events) {}

  /**
   * An error.
   *
   * @param result the machine-readable result
   * @param message what was wrong, in English
   */
  record ErrorAnswer(String result, String message) {}
}

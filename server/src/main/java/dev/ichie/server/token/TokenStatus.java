package dev.ichie.server.token;

import java.time.Instant;

/**
 * What a customer's current token looks like, for web banking, the API and the branch. Holds no
 * secret.
 *
 * @param serviceId the service ID (サービスID)
 * @param userId the customer's user ID (ユーザーID)
 * @param customerRef the bank's customer reference
 * @param tokenId the token, or null if the customer has none open
 * @param state the token's state, or null if none is open
 * @param algorithm the HMAC algorithm, e.g. SHA1
 * @param digits code length
 * @param periodSeconds time step
 * @param issuedAt when issued
 * @param expiresAt when an unactivated issuance expires
 * @param activationAttemptsLeft wrong activation passwords left before the issuance is void
 * @param failuresLeft wrong codes left before the token locks
 * @param deviceLabel the app's device label, once activated
 * @param lastUsedAt the last accepted code
 * @param reissueNotBefore the first instant a new token may be issued, or null
 */
public record TokenStatus(
    String serviceId,
    String userId,
    String customerRef,
    String tokenId,
    TokenState state,
    String algorithm,
    Integer digits,
    Integer periodSeconds,
    Instant issuedAt,
    Instant expiresAt,
    Integer activationAttemptsLeft,
    Integer failuresLeft,
    String deviceLabel,
    Instant lastUsedAt,
    Instant reissueNotBefore) {}

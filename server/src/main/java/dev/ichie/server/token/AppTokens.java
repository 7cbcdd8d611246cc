package dev.ichie.server.token;

import dev.ichie.server.vault.Vault;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The tokens as the token app names them (service ID, user ID, credential id), and their secrets
 * for keys derived from them (a device key's enrolment proof, the OCRA key): decrypted for one use
 * and wiped. Thread-safe.
 */
@Service
public final class AppTokens {

  /**
   * A token as the app names it.
   *
   * @param tokenId the token
   * @param customerId the customer's row
   * @param serviceId the service
   * @param customerRef the customer
   * @param userId the user ID
   * @param credentialId the credential id the app was given at activation
   * @param state the token's state
   */
  public record AppToken(
      String tokenId,
      long customerId,
      String serviceId,
      String customerRef,
      String userId,
      String credentialId,
      TokenState state) {}

  private static final String SEALED_PURPOSE = "token";
  private static final String SELECT_OPEN =
      "SELECT t.id, t.customer_id, t.service_id, c.customer_ref, c.user_id, t.credential_id,"
          + " t.state FROM token t JOIN customer c ON c.id = t.open_customer_id";

  private final JdbcClient jdbc;
  private final TokenRepository tokens;
  private final Vault vault;

  AppTokens(JdbcClient jdbc, TokenRepository tokens, Vault vault) {
    this.jdbc = jdbc;
    this.tokens = tokens;
    this.vault = vault;
  }

  /**
   * The open token with this credential id of the user.
   *
   * @return the token, if the three match one
   */
  public Optional<AppToken> find(String serviceId, String userId, String credentialId) {
    if (serviceId == null || userId == null || credentialId == null || credentialId.length() > 64) {
      return Optional.empty();
    }
    return jdbc.sql(
            SELECT_OPEN + " WHERE c.service_id = ? AND c.user_id = ? AND t.credential_id = ?")
        .params(serviceId, userId, credentialId)
        .query(AppTokens::row)
        .optional();
  }

  /**
   * The customer's open token.
   *
   * @return the token, if they have one
   */
  public Optional<AppToken> open(String serviceId, String customerRef) {
    return jdbc.sql(SELECT_OPEN + " WHERE c.service_id = ? AND c.customer_ref = ?")
        .params(serviceId, customerRef)
        .query(AppTokens::row)
        .optional();
  }

  /**
   * Runs a function with a token's secret, wiped afterwards; the function must not keep it.
   *
   * @param tokenId the token
   * @param use what to derive from it
   * @return the function's answer, or empty for a token without a secret
   */
  public <T> Optional<T> withSecret(String tokenId, Function<byte[], T> use) {
    Optional<TokenRow> row = tokens.findById(tokenId);
    if (row.isEmpty() || row.get().secretCiphertext() == null) {
      return Optional.empty();
    }
    byte[] raw =
        vault.decrypt(
            SEALED_PURPOSE, tokenId, row.get().secretKeyVersion(), row.get().secretCiphertext());
    try {
      return Optional.ofNullable(use.apply(raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static AppToken row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new AppToken(
        rs.getString("id"),
        rs.getLong("customer_id"),
        rs.getString("service_id"),
        rs.getString("customer_ref"),
        rs.getString("user_id"),
        rs.getString("credential_id"),
        TokenState.valueOf(rs.getString("state")));
  }
}

package dev.ichie.server.factor;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The credential table as the policy needs it: what a customer holds, kind by kind. Thread-safe.
 */
@Component
public final class Credentials {

  private final JdbcClient jdbc;

  Credentials(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What the subject holds: for each kind the best standing of its credentials that have not ended.
   *
   * @param subject the customer
   * @return the holdings
   */
  public Holdings holdings(Subject subject) {
    Map<CredentialKind, Standing> m = new EnumMap<>(CredentialKind.class);
    jdbc.sql(
            """
            SELECT cr.kind, cr.state FROM credential cr JOIN customer c ON c.id = cr.customer_id
            WHERE c.service_id = ? AND c.customer_ref = ? AND cr.ended_at IS NULL""")
        .params(subject.serviceId(), subject.customerRef())
        .query(
            (rs, n) ->
                Map.entry(
                    CredentialKind.valueOf(rs.getString("kind")), standing(rs.getString("state"))))
        .list()
        .forEach(e -> m.merge(e.getKey(), e.getValue(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
    return new Holdings(m);
  }

  /**
   * The standing of a credential in its kind's state.
   *
   * @param state the state, as the credential row holds it
   * @return in use, locked, pending (set up, not started) or none
   */
  static Standing standing(String state) {
    return switch (state) {
      case "ACTIVE" -> Standing.USABLE;
      case "LOCKED" -> Standing.LOCKED;
      case "ACTIVATED" -> Standing.PENDING;
      default -> Standing.NONE;
    };
  }
}

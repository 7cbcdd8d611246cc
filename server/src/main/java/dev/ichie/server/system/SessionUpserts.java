package dev.ichie.server.system;

import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Session attributes written as upserts: two requests of one web session at once (two tabs, a
 * double click) may both add the same attribute, such as the CSRF token, and the second plain
 * insert would fail on its duplicate key.
 */
@Component
final class SessionUpserts implements SessionRepositoryCustomizer<JdbcIndexedSessionRepository> {

  private static final String H2_CREATE_ATTRIBUTE =
      "MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)"
          + " KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)";

  private final Database database;

  SessionUpserts(Database database) {
    this.database = database;
  }

  @Override
  public void customize(JdbcIndexedSessionRepository repository) {
    if (database.postgres()) {
      new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
    } else {
      repository.setCreateSessionAttributeQuery(H2_CREATE_ATTRIBUTE);
    }
  }
}

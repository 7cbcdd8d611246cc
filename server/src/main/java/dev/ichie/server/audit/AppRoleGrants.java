package dev.ichie.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, with {@code ichie.database.app-role} set: after every migration (run as the
 * schema's owner, {@code spring.flyway.user}), the role the application connects with may read and
 * write every table but only read and add to the audit trail and its seals, never change or delete
 * them, so that not even the application can rewrite what it recorded.
 */
@Component
final class AppRoleGrants implements FlywayConfigurationCustomizer {

  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String role;

  AppRoleGrants(@Value("${ichie.database.app-role:}") String role) {
    if (!role.isEmpty() && !ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException("ichie.database.app-role is not a role name: " + role);
    }
    this.role = role;
  }

  @Override
  public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
    if (role.isEmpty()) {
      return;
    }
    configuration.callbacks(
        new Callback() {
          @Override
          public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
          }

          @Override
          public boolean canHandleInTransaction(Event event, Context context) {
            return true;
          }

          @Override
          public void handle(Event event, Context context) {
            grant(context.getConnection());
          }

          @Override
          public String getCallbackName() {
            return "ichie app role grants";
          }
        });
  }

  private void grant(Connection c) {
    try (Statement s = c.createStatement()) {
      if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
        return;
      }
      String schema;
      try (var rs = s.executeQuery("SELECT current_schema()")) {
        rs.next();
        schema = '"' + rs.getString(1).replace("\"", "\"\"") + '"';
      }
      s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
      s.execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
      s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
      s.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_seal FROM " + role);
      s.execute("REVOKE ALL ON flyway_schema_history FROM " + role);
      s.execute("GRANT SELECT ON flyway_schema_history TO " + role);
    } catch (SQLException e) {
      throw new IllegalStateException("granting the application role failed: " + e.getMessage(), e);
    }
  }
}

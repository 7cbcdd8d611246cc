package dev.ichie.server.system;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/** Which database the server runs on, for the few statements written for each. Thread-safe. */
@Component
public final class Database {

  private final DataSource dataSource;
  private volatile Boolean postgres;

  Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Whether this is PostgreSQL (otherwise the embedded H2).
   *
   * @return true on PostgreSQL; when the database cannot be asked, false and asked again next time
   */
  public boolean postgres() {
    Boolean pg = postgres;
    if (pg == null) {
      try {
        pg =
            "PostgreSQL"
                .equals(
                    JdbcUtils.extractDatabaseMetaData(
                        dataSource, java.sql.DatabaseMetaData::getDatabaseProductName));
      } catch (MetaDataAccessException e) {
        return false;
      }
      postgres = pg;
    }
    return pg;
  }
}

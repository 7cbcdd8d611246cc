package dev.ichie.server.netbank;

import dev.ichie.server.system.Database;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The devices each customer has logged in from: a random cookie web banking sets on the first login
 * from a browser, kept only as its SHA-256 with the customer. A login without a cookie the customer
 * has shown before is from a new device, which starts a cooling-off. Thread-safe.
 */
@Component
final class KnownDevices {

  static final String COOKIE = "ichie_device";
  private static final Duration KEPT = Duration.ofDays(400);

  private final JdbcClient jdbc;
  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  KnownDevices(JdbcClient jdbc, Database database, Clock clock) {
    this.jdbc = jdbc;
    this.database = database;
    this.clock = clock;
  }

  /**
   * Notes the login's device for the customer, setting its cookie if it has none.
   *
   * @param serviceId the service
   * @param customerRef the customer
   * @param request the login request
   * @param response its response
   * @return true when the customer had not logged in from this device before
   */
  boolean seen(
      String serviceId,
      String customerRef,
      HttpServletRequest request,
      HttpServletResponse response) {
    String id = cookie(request);
    if (id == null) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      Cookie c = new Cookie(COOKIE, id);
      c.setHttpOnly(true);
      c.setSecure(request.isSecure());
      c.setPath("/netbank");
      c.setMaxAge((int) KEPT.toSeconds());
      c.setAttribute("SameSite", "Lax");
      response.addCookie(c);
    }
    String hash = sha256(id);
    Timestamp now = Timestamp.from(clock.instant());
    int known =
        jdbc.sql(
                "UPDATE known_device SET last_seen = ?"
                    + " WHERE service_id = ? AND customer_ref = ? AND device_hash = ?")
            .params(now, serviceId, customerRef, hash)
            .update();
    if (known == 1) {
      return false;
    }
    try {
      // 0 rows on PostgreSQL, a duplicate key on H2: the same device's other login was first.
      return jdbc.sql(
                  "INSERT INTO known_device (service_id, customer_ref, device_hash, first_seen,"
                      + " last_seen) VALUES (?, ?, ?, ?, ?)"
                      + (database.postgres() ? " ON CONFLICT DO NOTHING" : ""))
              .params(serviceId, customerRef, hash, now, now)
              .update()
          == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  private static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      String v = c.getValue();
      if (COOKIE.equals(c.getName()) && v != null && v.matches("[A-Za-z0-9_-]{32}")) {
        return v;
      }
    }
    return null;
  }

  private static String sha256(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}

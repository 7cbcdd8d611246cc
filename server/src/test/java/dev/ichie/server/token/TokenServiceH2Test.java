package dev.ichie.server.token;

import dev.ichie.server.support.ServerTest;
import java.util.stream.Collectors;

/** The token service's rules on the embedded H2 database. */
@ServerTest
class TokenServiceH2Test extends TokenServiceContract {

  @Override
  String dump() {
    return jdbc.sql("SCRIPT").query(String.class).list().stream().collect(Collectors.joining("\n"));
  }
}

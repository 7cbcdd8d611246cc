package dev.ichie.server.audit;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar ichie-server.jar audit verify|export [--from=ID] [Spring Boot options]}: checks
 * the audit trail's chain of seals and says where it first breaks (exit 3), or writes the trail as
 * JSON lines (one object per row, with its seal) to standard output for a SIEM. Seals what is due
 * first, so that the check covers the trail up to a few seconds ago.
 */
public final class AuditCommand {

  /** The command's name, the first argument. */
  public static final String NAME = "audit";

  private AuditCommand() {}

  /**
   * Runs the command.
   *
   * @param application the application class, for its configuration
   * @param args {@code audit verify|export}, its options, then Spring Boot options
   * @param out where the report or the lines go
   * @return 0 done (intact), 1 failed, 2 usage, 3 the chain is broken
   */
  public static int run(Class<?> application, String[] args, PrintStream out) {
    String command = args.length > 1 ? args[1] : "";
    if (!"verify".equals(command) && !"export".equals(command)) {
      System.err.println("usage: audit verify|export [--from=ID] [--spring.profiles.active=…]");
      return 2;
    }
    long from = 1;
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    if (rest.length > 0 && rest[0].startsWith("--from=")) {
      try {
        from = Long.parseLong(rest[0].substring(7));
      } catch (NumberFormatException e) {
        System.err.println("audit: --from is a row id");
        return 2;
      }
      rest = Arrays.copyOfRange(rest, 1, rest.length);
    }
    try (ConfigurableApplicationContext context =
        dev.ichie.server.system.CommandContext.start(application, rest)) {
      AuditSeals seals = context.getBean(AuditSeals.class);
      seals.seal();
      if ("export".equals(command)) {
        JsonMapper json = JsonMapper.builder().build();
        seals.export(
            from,
            e -> {
              Map<String, Object> line = new LinkedHashMap<>();
              for (int i = 0; i < AuditSeals.COLUMNS.size(); i++) {
                line.put(camel(AuditSeals.COLUMNS.get(i)), e.row().values().get(i));
              }
              line.put("id", e.row().id());
              line.put("seal", e.seal());
              out.println(json.writeValueAsString(line));
            });
        return 0;
      }
      AuditSeals.Verification v = seals.verify();
      if (v.intact()) {
        out.println(
            "audit trail intact: "
                + v.rows()
                + " rows, "
                + v.sealed()
                + " sealed, "
                + v.unsealed()
                + " not sealed yet; newest seal "
                + v.head());
        return 0;
      }
      out.println(
          "audit trail BROKEN at row "
              + v.firstBroken()
              + ": "
              + v.problem()
              + " ("
              + v.sealed()
              + " rows before it are intact)");
      return 3;
    } catch (RuntimeException e) {
      System.err.println("audit " + command + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static String camel(String column) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}

package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.token.Result;
import dev.ichie.server.token.TokenIssuance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ichie-server.jar staff bootstrap --login-id=ID --name=NAME --mail=ADDRESS
 * [--branch=本店] [Spring Boot options]}, the activation password of the administrator's token on
 * standard input: creates the first administrator of the branch console, only while there is none,
 * with a one-time password they change at first login and a token issued in the staff service;
 * audited ({@code STAFF_BOOTSTRAP}). After it, staff are created in the console, by requests a
 * second administrator approves; the first administrator's request for that second one is approved
 * here: {@code staff approve --request=N}, allowed only while its requester is the one
 * administrator, prints the second half of the new administrator's one-time password.
 */
public final class StaffCommand {

  /** The command's name, the first argument. */
  public static final String NAME = "staff";

  private StaffCommand() {}

  /**
   * Runs the command.
   *
   * @param application the application class, for its configuration
   * @param args {@code staff bootstrap}, its options, then Spring Boot options
   * @param in where the activation password is read (one line)
   * @param out where the result goes
   * @return 0 created, 1 refused or failed, 2 usage
   */
  public static int run(Class<?> application, String[] args, InputStream in, PrintStream out) {
    if (args.length >= 2 && "approve".equals(args[1])) {
      return approve(application, args, out);
    }
    String loginId = null;
    String name = null;
    String mail = null;
    String branch = "本店";
    List<String> rest = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--login-id=")) {
        loginId = a.substring(11);
      } else if (a.startsWith("--name=")) {
        name = a.substring(7);
      } else if (a.startsWith("--mail=")) {
        mail = a.substring(7);
      } else if (a.startsWith("--branch=")) {
        branch = a.substring(9);
      } else {
        rest.add(a);
      }
    }
    if (args.length < 2
        || !"bootstrap".equals(args[1])
        || loginId == null
        || name == null
        || mail == null) {
      System.err.println(
          "usage: staff bootstrap --login-id=ID --name=NAME --mail=ADDRESS [--branch=…]"
              + " [--spring.profiles.active=prod], the token's activation password (4-8 digits)"
              + " on standard input\n"
              + "       staff approve --request=N [--spring.profiles.active=prod]");
      return 2;
    }
    String activationPassword;
    try {
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      activationPassword = line == null ? "" : line.strip();
    } catch (IOException e) {
      activationPassword = "";
    }
    if (!activationPassword.matches("[0-9]{4,8}")) {
      System.err.println("staff bootstrap: the activation password (standard input) is 4-8 digits");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        dev.ichie.server.system.CommandContext.start(application, rest.toArray(String[]::new))) {
      StaffAccounts staff = context.getBean(StaffAccounts.class);
      BranchProperties properties = context.getBean(BranchProperties.class);
      Actor actor = new Actor(Actor.Type.SYSTEM, "staff bootstrap", null);
      Optional<String> password = staff.bootstrapAdmin(loginId, name, branch, mail, actor);
      if (password.isEmpty()) {
        out.println(
            staff.all().stream().anyMatch(v -> v.role() == StaffRole.ADMIN && v.active())
                ? "staff bootstrap refused: an administrator exists; staff are created in the"
                    + " branch console"
                : "staff bootstrap refused: the login ID is taken or not of 3-32 of a-z 0-9 . _ -");
        return 1;
      }
      var issued =
          context
              .getBean(TokenIssuance.class)
              .issue(properties.staffServiceId(), loginId, mail, activationPassword, actor);
      if (issued.result() != Result.OK) {
        out.println("the administrator was created, but the token was not: " + issued.result());
        return 1;
      }
      out.println("first administrator created: " + loginId);
      out.println("one-time password (to be changed at first login): " + password.get());
      out.println(
          "token: service ID "
              + properties.staffServiceId()
              + ", user ID "
              + issued.status().userId()
              + "; set up the token app with it and the activation password given, then log in"
              + " at /branch/login");
      return 0;
    } catch (RuntimeException e) {
      System.err.println("staff bootstrap failed: " + e.getMessage());
      return 1;
    }
  }

  private static int approve(Class<?> application, String[] args, PrintStream out) {
    long id = -1;
    List<String> rest = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      if (args[i].matches("--request=[0-9]{1,18}")) {
        id = Long.parseLong(args[i].substring(10));
      } else {
        rest.add(args[i]);
      }
    }
    if (id < 0) {
      System.err.println("usage: staff approve --request=N [--spring.profiles.active=prod]");
      return 2;
    }
    try (ConfigurableApplicationContext context =
        dev.ichie.server.system.CommandContext.start(application, rest.toArray(String[]::new))) {
      StaffRequests.Answer a = context.getBean(StaffRequests.class).approveOnHost(id);
      if (!a.done()) {
        out.println(
            "staff approve refused: "
                + switch (a.refusal()) {
                  case NOT_FOUND -> "no such request";
                  case NOT_PENDING -> "the request was already decided, or has expired";
                  case ID_TAKEN -> "the staff ID is taken";
                  default ->
                      "only the one administrator's request for a second administrator is"
                          + " approved here; a second administrator decides in the console";
                });
        return 1;
      }
      if (!"OK".equals(a.outcome()) || a.passwordHalf().isEmpty()) {
        out.println("request " + id + " approved, but nothing was created: " + a.outcome());
        return 1;
      }
      out.println("request " + id + " approved: the second administrator is created");
      out.println(
          "second half of their one-time password (give it to them in person; the requester"
              + " has the first): "
              + a.passwordHalf().get());
      return 0;
    } catch (RuntimeException e) {
      System.err.println("staff approve failed: " + e.getMessage());
      return 1;
    }
  }
}

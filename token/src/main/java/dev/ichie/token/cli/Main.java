package dev.ichie.token.cli;

import dev.ichie.token.TokenHome;
import java.awt.GraphicsEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The entry point of {@code ichie-token}: builds the real {@link CliContext} and exits with the
 * command's code.
 *
 * <p>Without arguments on a desktop (a double-click on the jar) it opens the window, as {@code gui}
 * does; without a display it prints the help.
 *
 * <p>Test hook: the environment variable {@value #CLOCK_SKEW_VARIABLE} (whole seconds, may be
 * negative) moves this process's device clock, so that tests can play a device whose clock is off.
 * It is read here only, never by the core, and changes nothing else.
 */
public final class Main {

  /** The test hook's environment variable. */
  public static final String CLOCK_SKEW_VARIABLE = "ICHIE_TOKEN_CLOCK_SKEW_SECONDS";

  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (args.length == 0 && !GraphicsEnvironment.isHeadless()) {
      args = new String[] {"gui"}; // double-click, or `java -jar` without arguments on a desktop
    }
    Clock clock = Clock.system(ZoneId.systemDefault());
    String skew = System.getenv(CLOCK_SKEW_VARIABLE);
    if (skew != null && !skew.isBlank()) {
      clock = Clock.offset(clock, Duration.ofSeconds(Long.parseLong(skew.strip())));
    }
    CliContext context =
        new CliContext(
            clock, Locale.getDefault(), TokenHome.fromEnvironment(), new SystemTerminal(), null);
    int code = Cli.run(context, args);
    context.terminal().out().flush();
    context.terminal().err().flush();
    System.exit(code);
  }
}

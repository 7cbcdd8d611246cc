package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.ClockCheck;
import dev.ichie.token.Problem;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * What every subcommand shares: the context, the texts, opening the vault (asking for the PIN when
 * it has one), and turning a {@link TokenException} into a message and an exit code.
 */
abstract class TokenCommand implements Callable<Integer> {

  /** Tries at the PIN on a console before giving up. */
  static final int PIN_TRIES = 3;

  @ParentCommand IchieToken root;

  @Option(names = "--pin-stdin", descriptionKey = "option.pin-stdin")
  boolean pinStdin;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (TokenException e) {
      return fail(e);
    } catch (UsageFailure e) {
      err().println(texts().get("cli.error", e.getMessage()));
      return ExitCodes.USAGE;
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int execute() throws TokenException, UsageFailure;

  Texts texts() {
    return root.texts;
  }

  CliContext context() {
    return root.context;
  }

  Terminal terminal() {
    return root.context.terminal();
  }

  PrintWriter out() {
    return terminal().out();
  }

  PrintWriter err() {
    return terminal().err();
  }

  TokenAppOptions options() {
    return new TokenAppOptions(
        context().clock(),
        texts().locale(),
        context().trustStore(),
        TokenAppOptions.DEFAULT_TIMEOUT,
        new SecureRandom());
  }

  /** Opens the vault; with a PIN, reads it from standard input or asks (up to 3 tries). */
  TokenApp openApp() throws TokenException, UsageFailure {
    if (TokenApp.protection(context().home()) != VaultProtection.PIN) {
      return TokenApp.open(context().home(), options());
    }
    if (pinStdin) {
      char[] pin = stdinLine("cli.what.pin");
      try {
        return TokenApp.unlock(context().home(), options(), pin);
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
    if (!terminal().interactive()) {
      throw new TokenException(Problem.VAULT_LOCKED, "no console to ask for the PIN");
    }
    for (int attempt = 1; ; attempt++) {
      char[] pin = terminal().readSecret(texts().get("cli.prompt.pin"));
      if (pin == null) {
        throw new TokenException(Problem.VAULT_LOCKED, "no PIN given");
      }
      try {
        return TokenApp.unlock(context().home(), options(), pin);
      } catch (TokenException e) {
        if (e.problem() != Problem.WRONG_PIN || attempt == PIN_TRIES) {
          throw e;
        }
        err().println(texts().get("problem.wrong_pin"));
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
  }

  /** The next line of standard input, or a usage failure if it has ended. */
  char[] stdinLine(String whatKey) throws UsageFailure {
    char[] line = terminal().readStandardInputLine();
    if (line == null) {
      throw new UsageFailure(texts().get("cli.stdin_ended", texts().get(whatKey)));
    }
    return line;
  }

  /** Tells the customer what is wrong with the clock, or that it is right. */
  void reportClock(ClockCheck check, boolean quietWhenRight) {
    String amount = texts().duration(check.offset());
    if (check.clockOff()) {
      err()
          .println(
              texts()
                  .get(
                      "cli.warning",
                      texts()
                          .get(
                              check.deviceAhead() ? "clock.off.ahead" : "clock.off.behind",
                              amount)));
    } else if (!quietWhenRight) {
      out().println(texts().get("clock.ok", texts().duration(ClockCheck.TOLERANCE)));
    }
  }

  /** An offset for people: "+0.012" seconds. */
  String offset(Duration offset) {
    return texts()
        .get("cli.seconds", String.format(Locale.ROOT, "%+.3f", offset.toMillis() / 1000.0));
  }

  /** An accuracy for people: "0.512" seconds. */
  String accuracy(Duration accuracy) {
    return texts()
        .get("cli.seconds", String.format(Locale.ROOT, "%.3f", accuracy.toMillis() / 1000.0));
  }

  int fail(TokenException e) {
    err().println(texts().get("cli.error", texts().describe(e)));
    switch (e.problem()) {
      case WRONG_PIN -> err().println(texts().get("cli.hint.wrong_pin"));
      case VAULT_LOCKED -> err().println(texts().get("cli.hint.pin_stdin"));
      case VAULT_DAMAGED ->
          err().println(texts().get("cli.hint.vault_damaged", context().home().directory()));
      case STORAGE ->
          err()
              .println(
                  texts().get("cli.hint.storage", context().home().directory(), e.getMessage()));
      case AMBIGUOUS_ACCOUNT -> err().println(texts().get("cli.hint.list"));
      default -> {
        // the problem's text says it all
      }
    }
    return ExitCodes.of(e.problem());
  }

  /** The account named on the command line (or the only one). */
  static Account account(TokenApp app, String name) throws TokenException {
    return app.account(name);
  }

  /** A usage failure with a ready text (in the customer's language): exit code 1. */
  static final class UsageFailure extends Exception {
    private static final long serialVersionUID = 1L;

    UsageFailure(String text) {
      super(text);
    }
  }
}

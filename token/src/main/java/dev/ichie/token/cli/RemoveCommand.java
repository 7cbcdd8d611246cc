package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code remove}: deletes an account and its secret from this app, after a confirmation. */
@Command(name = "remove", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class RemoveCommand extends TokenCommand {

  private static final Set<String> YES = Set.of("yes", "y", "はい");

  @Parameters(index = "0", paramLabel = "ACCOUNT", descriptionKey = "option.account-required")
  String accountName;

  @Option(names = "--yes", descriptionKey = "option.yes")
  boolean yes;

  @Override
  int execute() throws TokenException, UsageFailure {
    try (TokenApp app = openApp()) {
      Account account = app.account(accountName);
      if (!yes) {
        if (!terminal().interactive()) {
          throw new UsageFailure(texts().get("cli.no_console.confirm"));
        }
        err().println(texts().get("cli.remove.warning", account.name(), account.serviceName()));
        String answer = terminal().readLine(texts().get("cli.remove.confirm"));
        if (answer == null || !YES.contains(answer.strip().toLowerCase(Locale.ROOT))) {
          err().println(texts().get("cli.remove.cancelled"));
          return ExitCodes.USAGE;
        }
      }
      app.remove(account);
      out().println(texts().get("cli.remove.done", account.name()));
      return ExitCodes.OK;
    }
  }
}

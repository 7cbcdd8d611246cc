package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.ClockCheck;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code time}: measures the device clock against the account's server again (the HTTP {@code Date}
 * header of a {@code GET} of the server's address; no activation call, no rate limit spent) and
 * keeps the new offset.
 */
@Command(name = "time", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class TimeCommand extends TokenCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ACCOUNT",
      descriptionKey = "option.account")
  String accountName;

  @Override
  int execute() throws TokenException, UsageFailure {
    try (TokenApp app = openApp()) {
      Account account = app.account(accountName);
      ClockCheck check = app.checkClock(account);
      out()
          .println(
              texts()
                  .get(
                      "cli.time.result",
                      account.server().uri(),
                      offset(check.offset()),
                      accuracy(check.roundTrip().dividedBy(2).plusMillis(500))));
      reportClock(check, false);
      return ExitCodes.OK;
    }
  }
}

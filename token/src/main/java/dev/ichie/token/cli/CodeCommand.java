package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.Code;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code code}: the current one-time password (ワンタイムパスワード) and its remaining seconds. */
@Command(name = "code", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class CodeCommand extends TokenCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ACCOUNT",
      descriptionKey = "option.account")
  String accountName;

  @Option(names = "--plain", descriptionKey = "option.plain")
  boolean plain;

  @Option(names = "--watch", descriptionKey = "option.watch")
  boolean watch;

  /** For tests and interoperability checks: the code at this Unix time, no offset added. */
  @Option(names = "--at", paramLabel = "EPOCH_SECONDS", hidden = true)
  Long at;

  /** For tests: stop watching after this many refreshes. */
  @Option(names = "--watch-count", hidden = true)
  long watchCount = Long.MAX_VALUE;

  @Override
  int execute() throws TokenException, UsageFailure {
    try (TokenApp app = openApp()) {
      Account account = app.account(accountName);
      if (at != null) {
        print(app.codeAt(account, Instant.ofEpochSecond(at)), false);
        return ExitCodes.OK;
      }
      if (!watch) {
        print(app.code(account), false);
        return ExitCodes.OK;
      }
      boolean sameLine = terminal().interactive() && !plain;
      if (!plain) {
        err().println(texts().get("cli.watch", account.serviceName(), account.name()));
      }
      for (long i = 0; i < watchCount; i++) {
        print(app.code(account), sameLine);
        long millis = context().clock().millis();
        try {
          Thread.sleep(1000 - Math.floorMod(millis, 1000L) + 5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (sameLine) {
        out().println();
      }
      return ExitCodes.OK;
    }
  }

  private void print(Code code, boolean sameLine) {
    String line =
        plain ? code.digits() : texts().get("cli.code", code.digits(), code.secondsLeft());
    if (sameLine) {
      out().print("\r" + line + "   ");
    } else {
      out().println(line);
    }
    out().flush();
  }
}

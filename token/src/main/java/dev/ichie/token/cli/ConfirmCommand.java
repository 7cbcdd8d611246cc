package dev.ichie.token.cli;

import dev.ichie.activation.Confirmation;
import dev.ichie.token.Account;
import dev.ichie.token.PendingConfirmation;
import dev.ichie.token.Problem;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code confirm}: 取引認証. Shows each transaction waiting in the server with every field and its
 * label, and approves or rejects it with the device key (which it registers first for a token
 * activated without one); or, with {@code --offline}, the 取引認証番号 for a payee's account number and
 * an amount, without the network.
 */
@Command(name = "confirm", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class ConfirmCommand extends TokenCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ACCOUNT",
      descriptionKey = "option.account")
  String accountName;

  @Option(names = "--approve", descriptionKey = "option.confirm-approve")
  boolean approve;

  @Option(names = "--reject", descriptionKey = "option.confirm-reject")
  boolean reject;

  @Option(names = "--offline", descriptionKey = "option.confirm-offline")
  boolean offline;

  @Option(
      names = "--account-number",
      paramLabel = "NUMBER",
      descriptionKey = "option.confirm-number")
  String accountNumber;

  @Option(names = "--amount", paramLabel = "YEN", descriptionKey = "option.confirm-amount")
  String amount;

  @Override
  int execute() throws TokenException, UsageFailure {
    if (approve && reject) {
      throw new UsageFailure(texts().get("cli.confirm.both"));
    }
    try (TokenApp app = openApp()) {
      Account account = app.account(accountName);
      if (offline) {
        String[] qc =
            app.offlineCode(
                account, accountNumber == null ? "" : accountNumber, amount == null ? "" : amount);
        out().println(texts().get("cli.confirm.question", qc[0]));
        out().println(texts().get("cli.confirm.code", qc[1]));
        return ExitCodes.OK;
      }
      if (!app.hasDeviceKey(account)) {
        err().println(texts().get("cli.confirm.registering", account.serviceName()));
        app.registerDeviceKey(account);
        err().println(texts().get("cli.confirm.registered"));
      }
      List<PendingConfirmation> pending = app.pendingConfirmations(account);
      if (pending.isEmpty()) {
        out().println(texts().get("cli.confirm.none"));
        return ExitCodes.OK;
      }
      int exit = ExitCodes.OK;
      for (PendingConfirmation c : pending) {
        if (!c.showable()) {
          err().println(texts().get("problem.unknown_confirmation"));
          exit = ExitCodes.of(Problem.UNKNOWN_CONFIRMATION);
          continue;
        }
        show(c);
        boolean yes;
        if (approve || reject) {
          yes = approve;
        } else if (terminal().interactive()) {
          String answer = terminal().readLine(texts().get("cli.confirm.ask"));
          yes = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } else {
          throw new UsageFailure(texts().get("cli.confirm.how"));
        }
        String result = app.decide(account, c, yes);
        out()
            .println(
                texts()
                    .get(
                        "APPROVED".equals(result)
                            ? "cli.confirm.approved"
                            : "cli.confirm.rejected"));
      }
      return exit;
    }
  }

  private void show(PendingConfirmation c) {
    out().println();
    for (String name : Confirmation.TRANSFER_FIELDS) {
      if ("currency".equals(name)) {
        continue;
      }
      String value = c.value(name);
      if ("amount".equals(name)) {
        value =
            texts()
                .get(
                    "cli.confirm.yen",
                    NumberFormat.getIntegerInstance(Locale.ROOT).format(Long.parseLong(value)));
      }
      out().println("  " + texts().get("cli.confirm.field." + name) + ": " + value);
    }
  }
}

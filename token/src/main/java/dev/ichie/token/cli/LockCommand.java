package dev.ichie.token.cli;

import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.util.Arrays;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lock}: the app lock (アプリロック). Without an action it tells whether it is on. With {@code
 * --pin-stdin} the lines of standard input are: the current PIN (if there is one), then the new PIN
 * (for {@code --set} and {@code --change}), each once.
 */
@Command(name = "lock", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class LockCommand extends TokenCommand {

  static final class Action {
    @Option(names = "--set", required = true, descriptionKey = "option.lock-set")
    boolean set;

    @Option(names = "--change", required = true, descriptionKey = "option.lock-change")
    boolean change;

    @Option(names = "--clear", required = true, descriptionKey = "option.lock-clear")
    boolean clear;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Action action;

  @Override
  int execute() throws TokenException, UsageFailure {
    VaultProtection protection = TokenApp.protection(context().home());
    boolean locked = protection == VaultProtection.PIN;
    if (action == null) {
      out().println(texts().get(locked ? "cli.list.app_lock_on" : "cli.list.app_lock_off"));
      return ExitCodes.OK;
    }
    if (action.set && locked) {
      throw new UsageFailure(texts().get("cli.lock.already_on"));
    }
    if ((action.change || action.clear) && !locked) {
      throw new UsageFailure(texts().get("cli.lock.already_off"));
    }
    try (TokenApp app = openApp()) {
      if (action.clear) {
        app.clearPin();
        out().println(texts().get("cli.lock.cleared"));
        return ExitCodes.OK;
      }
      char[] pin = newPin();
      try {
        app.setPin(pin);
      } finally {
        Arrays.fill(pin, '\0');
      }
      out().println(texts().get(action.set ? "cli.lock.set" : "cli.lock.changed"));
      return ExitCodes.OK;
    }
  }

  private char[] newPin() throws UsageFailure, TokenException {
    if (pinStdin) {
      return stdinLine("cli.what.new_pin");
    }
    if (!terminal().interactive()) {
      throw new UsageFailure(texts().get("cli.no_console.pin"));
    }
    char[] first = terminal().readSecret(texts().get("cli.prompt.new_pin"));
    if (first == null) {
      throw new UsageFailure(texts().get("cli.stdin_ended", texts().get("cli.what.new_pin")));
    }
    char[] second = terminal().readSecret(texts().get("cli.prompt.new_pin_again"));
    try {
      if (second == null || !Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new UsageFailure(texts().get("cli.lock.mismatch"));
      }
      return first;
    } finally {
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}

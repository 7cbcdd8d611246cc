package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.PublicKeyPin;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: the accounts in the vault. */
@Command(name = "list", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class ListCommand extends TokenCommand {

  @Option(names = "--plain", descriptionKey = "option.list-plain")
  boolean plain;

  @Override
  int execute() throws TokenException, UsageFailure {
    try (TokenApp app = openApp()) {
      List<Account> accounts = app.accounts();
      if (plain) {
        for (Account a : accounts) {
          out().println(a.name());
        }
        return ExitCodes.OK;
      }
      out()
          .println(
              texts()
                  .get(
                      app.protection() == VaultProtection.PIN
                          ? "cli.list.app_lock_on"
                          : "cli.list.app_lock_off"));
      if (accounts.isEmpty()) {
        out().println(texts().get("problem.no_accounts"));
        return ExitCodes.OK;
      }
      DateTimeFormatter time =
          DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx")
              .withZone(context().clock().getZone());
      for (Account a : accounts) {
        out().println();
        out().println(a.name());
        line("cli.list.service_name", a.serviceName());
        line("cli.list.service_id", a.serviceId());
        line("cli.list.user_id", a.userId());
        line("cli.list.server", a.server().uri());
        a.server().pin().map(PublicKeyPin::base64).ifPresent(p -> line("cli.list.key_pin", p));
        line("cli.list.device_label", a.deviceLabel());
        line(
            "cli.list.token",
            a.parameters().algorithm().uriName(),
            a.parameters().digits(),
            a.parameters().period().getSeconds());
        line("cli.list.activated_at", time.format(a.activatedAt()));
        line("cli.list.clock_offset", offset(a.clockOffset()), time.format(a.clockCheckedAt()));
        line(a.appLockRequired() ? "cli.list.app_lock_required" : "cli.list.app_lock_optional");
      }
      return ExitCodes.OK;
    }
  }

  private void line(String key, Object... arguments) {
    out().println("  " + texts().get(key, arguments));
  }
}

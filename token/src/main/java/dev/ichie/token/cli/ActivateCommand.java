package dev.ichie.token.cli;

import dev.ichie.token.Account;
import dev.ichie.token.ActivationRequest;
import dev.ichie.token.ActivationResult;
import dev.ichie.token.PublicKeyPin;
import dev.ichie.token.ServerEndpoint;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code activate}: F2, the set-up of the token app with サービスID, ユーザーID and 利用開始パスワード. */
@Command(name = "activate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class ActivateCommand extends TokenCommand {

  @Option(names = "--server", required = true, paramLabel = "URL", descriptionKey = "option.server")
  String server;

  @Option(
      names = "--service-id",
      required = true,
      paramLabel = "ID",
      descriptionKey = "option.service-id")
  String serviceId;

  @Option(
      names = "--user-id",
      required = true,
      paramLabel = "ID",
      descriptionKey = "option.user-id")
  String userId;

  @Option(names = "--device-label", paramLabel = "LABEL", descriptionKey = "option.device-label")
  String deviceLabel;

  @Option(names = "--password-stdin", descriptionKey = "option.password-stdin")
  boolean passwordStdin;

  @Option(names = "--pin-sha256", paramLabel = "BASE64", descriptionKey = "option.pin-sha256")
  String pinSha256;

  @Option(names = "--insecure-plain-http", descriptionKey = "option.insecure-plain-http")
  boolean insecurePlainHttp;

  @Option(
      names = "--protocol-version",
      paramLabel = "1|2",
      defaultValue = "2",
      descriptionKey = "option.protocol-version")
  int protocolVersion;

  @Override
  int execute() throws TokenException, UsageFailure {
    PublicKeyPin pin = pinSha256 == null ? null : PublicKeyPin.parse(pinSha256);
    ServerEndpoint endpoint = ServerEndpoint.of(server, pin, insecurePlainHttp);
    if (endpoint.insecure()) {
      err().println(texts().get("cli.insecure_warning", endpoint.uri()));
    }
    ActivationRequest request =
        ActivationRequest.of(
            endpoint,
            serviceId,
            userId,
            deviceLabel == null ? ActivationRequest.defaultDeviceLabel() : deviceLabel);
    if (protocolVersion != 1 && protocolVersion != 2) {
      throw new UsageFailure(texts().get("cli.protocol_version"));
    }
    request = request.withProtocolVersion(protocolVersion);
    try (TokenApp app = openApp()) {
      char[] password = activationPassword();
      ActivationResult result;
      try {
        result = app.activate(request, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      Account account = result.account();
      out()
          .println(
              texts()
                  .get(
                      "cli.activated",
                      account.serviceName(),
                      account.serviceId(),
                      account.userId(),
                      account.name()));
      reportClock(result.clock(), true);
      out().println(texts().get("cli.activated.next"));
      if (app.appLockMissing()) {
        out().println(texts().get("cli.activated.app_lock_required", account.serviceName()));
      } else if (app.protection() != VaultProtection.PIN) {
        out().println(texts().get("cli.activated.app_lock"));
      }
      return ExitCodes.OK;
    }
  }

  private char[] activationPassword() throws UsageFailure {
    if (passwordStdin) {
      return stdinLine("cli.what.activation_password");
    }
    if (!terminal().interactive()) {
      throw new UsageFailure(texts().get("cli.no_console.password"));
    }
    char[] typed = terminal().readSecret(texts().get("cli.prompt.activation_password"));
    if (typed == null) {
      throw new UsageFailure(
          texts().get("cli.stdin_ended", texts().get("cli.what.activation_password")));
    }
    return typed;
  }
}

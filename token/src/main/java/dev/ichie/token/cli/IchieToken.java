package dev.ichie.token.cli;

import dev.ichie.token.Texts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command, {@code ichie-token}: only help, version and the language; see subcommands. */
@Command(
    name = "ichie-token",
    mixinStandardHelpOptions = true,
    versionProvider = IchieToken.Version.class,
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.INTERNAL,
    usageHelpAutoWidth = true,
    subcommands = {
      ActivateCommand.class,
      CodeCommand.class,
      ListCommand.class,
      RemoveCommand.class,
      LockCommand.class,
      TimeCommand.class,
      ConfirmCommand.class,
      GuiCommand.class
    })
final class IchieToken implements Runnable {

  final CliContext context;
  final Texts texts;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--lang",
      paramLabel = "ja|en",
      scope = ScopeType.INHERIT,
      descriptionKey = "option.lang")
  String lang;

  IchieToken(CliContext context, Texts texts) {
    this.context = context;
    this.texts = texts;
  }

  @Override
  public void run() {
    // picocli prints the message and the usage help to standard error, and exits with 1.
    throw new CommandLine.ParameterException(spec.commandLine(), texts.get("cli.missing_command"));
  }

  /** {@code --version}: from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = IchieToken.class.getPackage().getImplementationVersion();
      return new String[] {"ichie-token " + (version == null ? "(development build)" : version)};
    }
  }
}

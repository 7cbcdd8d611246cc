package dev.ichie.token.cli;

import dev.ichie.token.Texts;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Builds the picocli command line of {@code ichie-token} for a context and runs it. The language
 * comes from {@code --lang} (looked for before parsing, so that the help is in that language too)
 * or the default locale.
 */
public final class Cli {

  private Cli() {}

  /**
   * Runs one command.
   *
   * @param context the process's clock, locale, home and terminal
   * @param args the arguments
   * @return the exit code ({@link ExitCodes})
   */
  public static int run(CliContext context, String... args) {
    Locale locale;
    try {
      locale = languageOf(args, context.defaultLocale());
    } catch (IllegalArgumentException e) {
      Texts fallback = Texts.of(context.defaultLocale());
      context.terminal().err().println(fallback.get("cli.error", fallback.get("cli.bad_lang")));
      return ExitCodes.USAGE;
    }
    Texts texts = Texts.of(locale);
    CommandLine commandLine = commandLine(context, texts);
    return commandLine.execute(args);
  }

  /** The command line for a context, in a language (tests use it to read the help). */
  static CommandLine commandLine(CliContext context, Texts texts) {
    CommandLine commandLine = new CommandLine(new IchieToken(context, texts));
    commandLine.setResourceBundle(texts.bundle());
    commandLine.setOut(context.terminal().out());
    commandLine.setErr(context.terminal().err());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
      sub.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INTERNAL);
    }
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println(texts.get("cli.internal_error", String.valueOf(e)));
          e.printStackTrace(cmd.getErr());
          return ExitCodes.INTERNAL;
        });
    return commandLine;
  }

  static Locale languageOf(String[] args, Locale fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals("--lang") && i + 1 < args.length) {
        return Texts.language(args[i + 1]);
      }
      if (args[i].startsWith("--lang=")) {
        return Texts.language(args[i].substring("--lang=".length()));
      }
    }
    return Texts.supported(fallback);
  }
}

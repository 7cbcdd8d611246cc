package dev.ichie.token.cli;

import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.gui.DesktopApp;
import dev.ichie.token.gui.GuiSettings;
import dev.ichie.token.gui.PinBackoff;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gui}: opens the desktop window ({@link DesktopApp}) and waits until it is closed. Without
 * {@code --lang} the window is Japanese unless the system's language is English. {@link Main} runs
 * it also when the jar is started without arguments on a desktop.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
final class GuiCommand implements Callable<Integer> {

  @ParentCommand IchieToken root;

  @Option(names = "--server", paramLabel = "URL", descriptionKey = "option.gui-server")
  String server = GuiSettings.DEMO_SERVER;

  @Override
  public Integer call() throws InterruptedException {
    if (GraphicsEnvironment.isHeadless()) {
      root.context.terminal().err().println(root.texts.get("cli.gui.no_display"));
      root.context.terminal().err().flush();
      return ExitCodes.USAGE;
    }
    CliContext context = root.context;
    Locale locale = GuiSettings.language(root.lang, context.defaultLocale());
    TokenAppOptions options =
        new TokenAppOptions(
            context.clock(),
            locale,
            context.trustStore(),
            TokenAppOptions.DEFAULT_TIMEOUT,
            new SecureRandom());
    try {
      DesktopApp.run(new GuiSettings(context.home(), options, server, PinBackoff.DEFAULT));
    } catch (HeadlessException | AWTError e) {
      // DISPLAY is set, but no X server answers there (e.g. ssh without X forwarding)
      root.context.terminal().err().println(root.texts.get("cli.gui.no_display"));
      root.context.terminal().err().flush();
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }
}

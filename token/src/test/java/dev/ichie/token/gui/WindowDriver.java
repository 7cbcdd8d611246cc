package dev.ichie.token.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ichie.token.TokenAppOptions;
import dev.ichie.token.TokenHome;
import java.awt.Component;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JRootPane;
import javax.swing.text.JTextComponent;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.ComponentFinder;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;

/**
 * Drives one {@link TokenWindow} with AssertJ Swing's robot (real mouse clicks and key presses on
 * the X display), for the window's tests. Fails, never skips, when there is no display.
 */
final class WindowDriver implements AutoCloseable {

  /** Where every screenshot goes. */
  static final Path TARGET_SHOTS = Path.of("target", "screenshots");

  /** Where the README's screenshots live (written only with {@code -Dichie.screenshots=true}). */
  static final Path DOC_SHOTS = Path.of("..", "docs", "images");

  final Robot robot;
  final FrameFixture frame;
  final TokenWindow window;

  private WindowDriver(Robot robot, TokenWindow window) {
    this.robot = robot;
    this.window = window;
    this.frame = new FrameFixture(robot, window.frame());
    frame.show(TokenWindow.SIZE);
  }

  /** Opens a window on a home with the given options, as {@link DesktopApp#open} does. */
  static WindowDriver open(TokenHome home, TokenAppOptions options, PinBackoff backoff) {
    requireDisplay();
    Robot robot = BasicRobot.robotWithNewAwtHierarchy();
    robot.settings().delayBetweenEvents(20);
    GuiSettings settings = new GuiSettings(home, options, GuiSettings.DEMO_SERVER, backoff);
    TokenWindow window =
        GuiActionRunner.execute(
            () -> {
              DesktopApp.lookAndFeel();
              TokenWindow w = new TokenWindow(settings);
              w.start();
              return w;
            });
    return new WindowDriver(robot, window);
  }

  /** The window's tests need a display: say how to get one, and fail. */
  static void requireDisplay() {
    if (GraphicsEnvironment.isHeadless()) {
      fail(
          "The token app's window tests need a display, and this JVM has none (DISPLAY is unset"
              + " or java.awt.headless=true). Run them under Xvfb: `bash scripts/test.sh` does so"
              + " by itself when xvfb-run is installed (apt-get install xvfb xauth), or run"
              + " `xvfb-run -a ./mvnw verify`.");
    }
  }

  /** The screen shown now. */
  String screen() {
    return GuiActionRunner.execute(window::screen);
  }

  /** Waits until a screen is shown. */
  void waitForScreen(String screen, Duration timeout) {
    waitUntil(
        "the " + screen + " screen (now: " + screen() + ")",
        timeout,
        () -> window.screen().equals(screen));
  }

  /** Waits until a condition, checked on the EDT, holds. */
  void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
    Pause.pause(
        new Condition(what) {
          @Override
          public boolean test() {
            return GuiActionRunner.execute(condition::getAsBoolean);
          }
        },
        Timeout.timeout(timeout.toMillis()));
  }

  /** A showing component of the window by name. */
  <T extends Component> T find(String name, Class<T> type) {
    ComponentFinder finder = robot.finder();
    return finder.findByName(window.frame(), name, type, true);
  }

  /** Whether a component of that name is showing now. */
  boolean showing(String name) {
    return GuiActionRunner.execute(
        () -> {
          Component c = findAny(window.frame().getRootPane(), name);
          return c != null && c.isShowing();
        });
  }

  /** The text of a showing label or text component. */
  String text(String name) {
    Component c = find(name, Component.class);
    return GuiActionRunner.execute(
        () -> {
          if (c instanceof JLabel label) {
            return label.getText();
          }
          if (c instanceof JTextComponent text) {
            return text.getText();
          }
          throw new AssertionError(name + " has no text: " + c);
        });
  }

  /** Runs something on the EDT and returns its value. */
  <T> T onEdt(Supplier<T> work) {
    return GuiActionRunner.execute(work::get);
  }

  /**
   * Paints the window into a PNG in target/screenshots (and docs/images with {@code
   * -Dichie.screenshots=true}), after checking that the fonts of every text on the screen have
   * glyphs for it (the Japanese ones need a CJK font).
   */
  Path screenshot(String file) {
    JRootPane root = window.frame().getRootPane();
    BufferedImage image =
        GuiActionRunner.execute(
            () -> {
              requireGlyphs(root);
              BufferedImage img =
                  new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
              java.awt.Graphics2D g = img.createGraphics();
              try {
                root.paint(g);
              } finally {
                g.dispose();
              }
              return img;
            });
    try {
      List<Path> dirs =
          Boolean.getBoolean("ichie.screenshots")
              ? List.of(TARGET_SHOTS, DOC_SHOTS)
              : List.of(TARGET_SHOTS);
      Path out = null;
      for (Path dir : dirs) {
        Files.createDirectories(dir);
        out = dir.resolve(file);
        ImageIO.write(image, "png", out.toFile());
        assertThat(Files.size(out)).isPositive();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireGlyphs(Component c) {
    if (!c.isShowing()) {
      return;
    }
    String text = null;
    if (c instanceof JLabel label) {
      text = label.getText();
    } else if (c instanceof javax.swing.AbstractButton button) {
      text = button.getText();
    } else if (c instanceof JTextComponent t && !(c instanceof javax.swing.JPasswordField)) {
      text = t.getText();
    }
    Font font = c.getFont();
    if (text != null && font != null) {
      int missing = font.canDisplayUpTo(text);
      assertThat(missing)
          .as(
              "the font %s has no glyph for %s in \"%s\" (%s): install a CJK font"
                  + " (apt-get install fonts-noto-cjk; .ci/run does)",
              font, missing < 0 ? "" : text.substring(missing, missing + 1), text, c.getName())
          .isEqualTo(-1);
    }
    if (c instanceof java.awt.Container container) {
      for (Component child : container.getComponents()) {
        requireGlyphs(child);
      }
    }
  }

  private static Component findAny(java.awt.Container parent, String name) {
    for (Component c : parent.getComponents()) {
      if (name.equals(c.getName())) {
        return c;
      }
      if (c instanceof java.awt.Container child) {
        Component found = findAny(child, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The component's accessible name. */
  String accessibleName(String name) {
    JComponent c = find(name, JComponent.class);
    return GuiActionRunner.execute(() -> c.getAccessibleContext().getAccessibleName());
  }

  @Override
  public void close() {
    frame.cleanUp();
  }
}

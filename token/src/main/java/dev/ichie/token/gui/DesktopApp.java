package dev.ichie.token.gui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Opens the token app's window: FlatLaf's light look and feel, a {@link TokenWindow}, its first
 * screen. Used by the command line's {@code gui} subcommand and by the jar started without
 * arguments on a desktop.
 *
 * <p>Thread-safe: call it from any thread but the event dispatch thread.
 */
public final class DesktopApp {

  private DesktopApp() {}

  /** Installs FlatLaf's light look and feel, once; call on the event dispatch thread. */
  public static void lookAndFeel() {
    if (UIManager.getLookAndFeel() instanceof FlatLaf) {
      return;
    }
    FlatLightLaf.setup();
    UIManager.put("Button.arc", 10);
    UIManager.put("Component.arc", 8);
    UIManager.put("ProgressBar.arc", 8);
    UIManager.put("TextComponent.arc", 8);
    UIManager.put("ScrollBar.showButtons", false);
  }

  /**
   * Opens the window and returns at once.
   *
   * @param settings home, options, default server and PIN delays
   * @return the window, shown
   * @throws HeadlessException if there is no display
   * @throws InterruptedException if interrupted while the window is built
   */
  public static TokenWindow open(GuiSettings settings) throws InterruptedException {
    if (GraphicsEnvironment.isHeadless()) {
      throw new HeadlessException("no display: the token app's window needs one");
    }
    AtomicReference<TokenWindow> window = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(
          () -> {
            lookAndFeel();
            TokenWindow w = new TokenWindow(settings);
            w.start();
            w.frame().setVisible(true);
            window.set(w);
          });
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the window could not be built", e.getCause());
    }
    return window.get();
  }

  /**
   * Opens the window and waits until it is closed (「終了」 or the window's close box).
   *
   * @param settings home, options, default server and PIN delays
   * @throws HeadlessException if there is no display
   * @throws InterruptedException if interrupted while waiting
   */
  public static void run(GuiSettings settings) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    TokenWindow window = open(settings);
    SwingUtilities.invokeLater(
        () -> {
          window
              .frame()
              .addWindowListener(
                  new WindowAdapter() {
                    @Override
                    public void windowClosed(WindowEvent e) {
                      closed.countDown();
                    }
                  });
          if (!window.frame().isDisplayable()) {
            closed.countDown();
          }
        });
    closed.await();
  }
}

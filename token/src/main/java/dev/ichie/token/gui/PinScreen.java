package dev.ichie.token.gui;

import dev.ichie.token.Problem;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import java.awt.Cursor;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;
import javax.swing.Timer;

/**
 * The PIN screen of a locked vault (アプリロック): the PIN field, 「ロック解除」 and 「終了」. The PIN is checked by
 * opening the vault (Argon2id, about half a second, in a {@link SwingWorker}). A wrong PIN says so;
 * from the {@link PinBackoff#threshold()}-th wrong PIN in a row the field stays disabled for a
 * growing delay, counted down on the screen; the count and the wait are kept beside the vault
 * ({@link PinWaitFile}), so that a restart goes on with them.
 */
final class PinScreen implements Screen {

  private final TokenWindow window;
  private final Texts texts;
  private final PinBackoff backoff;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JPasswordField pin = new JPasswordField(12);
  private final JProgressBar busy = new JProgressBar();
  private final JTextArea error;
  private final JTextArea wait;
  private final JButton unlock;
  private final Timer countdown;
  private final PinWaitFile waits;
  private int wrongPins;
  private long waitUntilNanos;
  private boolean working;

  PinScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    this.backoff = window.settings().pinBackoff();
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.pin.title"), "pin.title"));
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.pin.prompt"), "pin.prompt"));
    column.add(Ui.gap(16));
    pin.setName("pin.field");
    column.add(Ui.label(texts.get("gui.pin.field"), pin));
    column.add(Ui.gap(4));
    column.add(Ui.wide(pin));
    column.add(Ui.gap(12));
    Ui.named(busy, "pin.busy", texts.get("gui.pin.busy"));
    busy.setIndeterminate(true);
    busy.setStringPainted(true);
    busy.setString(texts.get("gui.pin.busy"));
    busy.setVisible(false);
    column.add(Ui.wide(busy));
    column.add(Ui.gap(8));
    error = Ui.message("pin.error");
    column.add(error);
    column.add(Ui.gap(4));
    wait = Ui.message("pin.wait");
    column.add(wait);
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.pin.forgotten"), "pin.forgotten"));
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    unlock = Ui.button(texts.get("gui.pin.unlock"), "pin.unlock");
    unlock.addActionListener(e -> unlock());
    JButton quit = Ui.button(texts.get("gui.quit"), "pin.quit");
    quit.addActionListener(e -> window.quit());
    root.add(Ui.buttons(unlock, quit), BorderLayout.SOUTH);

    countdown = new Timer(250, e -> count());
    // A wait begun before the window was closed goes on.
    waits = new PinWaitFile(window.settings().home());
    PinWaitFile.State before = waits.read();
    wrongPins = before.wrongPins();
    java.time.Duration left =
        java.time.Duration.between(window.settings().options().clock().instant(), before.until());
    if (!left.isNegative() && !left.isZero()) {
      waitUntilNanos = System.nanoTime() + left.toNanos();
      pin.setEnabled(false);
      unlock.setEnabled(false);
      count();
      countdown.start();
    }
  }

  @Override
  public String id() {
    return TokenWindow.PIN;
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public JButton defaultButton() {
    return unlock;
  }

  @Override
  public JComponent firstFocus() {
    return pin;
  }

  @Override
  public void shown() {
    pin.setText("");
    if (!countdown.isRunning()) {
      Ui.say(error, null, null);
    }
  }

  @Override
  public void hidden() {
    // the countdown goes on: locking and coming back must not shorten the wait
  }

  @Override
  public void closed() {
    countdown.stop();
  }

  private void unlock() {
    if (working || countdown.isRunning()) {
      return;
    }
    char[] typed = pin.getPassword();
    pin.setText("");
    if (typed.length == 0) {
      pin.requestFocusInWindow();
      return;
    }
    Ui.say(error, null, null);
    setWorking(true);
    new SwingWorker<TokenApp, Void>() {
      @Override
      protected TokenApp doInBackground() throws TokenException {
        try {
          return TokenApp.unlock(window.settings().home(), window.settings().options(), typed);
        } finally {
          Arrays.fill(typed, '\0');
        }
      }

      @Override
      protected void done() {
        setWorking(false);
        try {
          TokenApp app = get();
          wrongPins = 0;
          waits.clear();
          window.opened(app);
        } catch (ExecutionException e) {
          failed(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void failed(Throwable cause) {
    if (!(cause instanceof TokenException e)) {
      Ui.say(error, texts.get("cli.internal_error", String.valueOf(cause)), Ui.ERROR);
      return;
    }
    if (e.problem() != Problem.WRONG_PIN) {
      window.problem(e);
      return;
    }
    wrongPins++;
    Ui.say(error, texts.describe(e), Ui.ERROR);
    Duration delay = backoff.delayAfter(wrongPins);
    waits.write(
        new PinWaitFile.State(
            wrongPins, window.settings().options().clock().instant().plus(delay)));
    if (delay.isZero()) {
      pin.requestFocusInWindow();
      return;
    }
    waitUntilNanos = System.nanoTime() + delay.toNanos();
    pin.setEnabled(false);
    unlock.setEnabled(false);
    count();
    countdown.start();
  }

  /** Counts the wait down; at its end the field comes back. */
  private void count() {
    long leftNanos = waitUntilNanos - System.nanoTime();
    if (leftNanos <= 0) {
      countdown.stop();
      Ui.say(wait, null, null);
      pin.setEnabled(true);
      unlock.setEnabled(true);
      pin.requestFocusInWindow();
      return;
    }
    long seconds = (leftNanos + 999_999_999L) / 1_000_000_000L;
    Ui.say(wait, texts.get("gui.pin.wait", wrongPins, seconds), Ui.WARNING);
  }

  private void setWorking(boolean on) {
    working = on;
    busy.setVisible(on);
    pin.setEnabled(!on);
    unlock.setEnabled(!on);
    root.setCursor(on ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : null);
    root.revalidate();
  }
}

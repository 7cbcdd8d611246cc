package dev.ichie.token.gui;

import dev.ichie.token.Account;
import dev.ichie.token.ActivationResult;
import dev.ichie.token.ClockCheck;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import java.awt.Cursor;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;

/**
 * 「アプリロックについて」 (F2, after 「送信」): says that the token was set up, how the device clock compares with
 * the server's (with the seed's warning when it is off), what the app lock is, and asks for a PIN
 * of {@value #MIN_DIGITS}–{@value #MAX_DIGITS} digits, typed twice. When a service of the vault
 * requires the app lock (the default, given at activation) 「次へ」 goes on only with a PIN; when none
 * does, both fields empty go on without one. A PIN first re-encrypts the vault under it (Argon2id,
 * about half a second, in a {@link SwingWorker}). When the vault has a PIN already, only the
 * explanation and 「次へ」 are shown. A vault opened with a required PIN still missing (the window was
 * closed on this screen) comes back here, without the activation's lines.
 */
final class AppLockScreen implements Screen {

  /** The shortest PIN the window accepts (the core's minimum). */
  static final int MIN_DIGITS = 6;

  /** The longest PIN the window accepts. */
  static final int MAX_DIGITS = 8;

  private final TokenWindow window;
  private final Texts texts;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JTextArea done;
  private final JTextArea clock;
  private final JTextArea clockWarning;
  private final JTextArea already;
  private final JPanel pinFields = new JPanel();
  private final JPasswordField pin = new JPasswordField(12);
  private final JPasswordField pinAgain = new JPasswordField(12);
  private final JProgressBar busy = new JProgressBar();
  private final JTextArea error;
  private final JButton next;
  private final JTextArea rule;
  private Account account;
  private boolean required;
  private boolean afterActivation;
  private boolean working;

  AppLockScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.applock.title"), "applock.title"));
    column.add(Ui.gap(12));
    done = Ui.message("applock.done");
    column.add(done);
    column.add(Ui.gap(6));
    clock = Ui.message("applock.clock");
    column.add(clock);
    clockWarning = Ui.message("applock.clockWarning");
    column.add(clockWarning);
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.applock.text"), "applock.text"));
    column.add(Ui.gap(12));
    already = Ui.message("applock.on");
    column.add(already);

    pinFields.setLayout(new BoxLayout(pinFields, BoxLayout.Y_AXIS));
    pinFields.setAlignmentX(JComponent.LEFT_ALIGNMENT);
    pinFields.setOpaque(false);
    rule = Ui.message("applock.rule");
    pinFields.add(rule);
    pinFields.add(Ui.gap(8));
    pin.setName("applock.pin");
    pinFields.add(Ui.label(texts.get("gui.applock.pin", MIN_DIGITS, MAX_DIGITS), pin));
    pinFields.add(Ui.gap(4));
    pinFields.add(Ui.wide(pin));
    pinFields.add(Ui.gap(12));
    pinAgain.setName("applock.pinAgain");
    pinFields.add(Ui.label(texts.get("gui.applock.pin_again"), pinAgain));
    pinFields.add(Ui.gap(4));
    pinFields.add(Ui.wide(pinAgain));
    pinFields.add(Ui.gap(12));
    Ui.named(busy, "applock.busy", texts.get("gui.applock.busy"));
    busy.setIndeterminate(true);
    busy.setStringPainted(true);
    busy.setString(texts.get("gui.applock.busy"));
    busy.setVisible(false);
    pinFields.add(Ui.wide(busy));
    column.add(pinFields);
    error = Ui.message("applock.error");
    column.add(error);
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    next = Ui.button(texts.get("gui.next"), "applock.next");
    next.addActionListener(e -> next());
    root.add(Ui.buttons(next), BorderLayout.SOUTH);
  }

  @Override
  public String id() {
    return TokenWindow.APP_LOCK;
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public JButton defaultButton() {
    return next;
  }

  @Override
  public JComponent firstFocus() {
    return pinFields.isVisible() ? pin : next;
  }

  /** Before showing: the activation's result, and whether the vault has a PIN already. */
  void prepare(ActivationResult result, boolean pinAlready) {
    prepareFields(result.account(), pinAlready);
    afterActivation = true;
    Ui.say(
        done,
        texts.get("gui.applock.done", account.serviceName(), account.serviceId(), account.userId()),
        Ui.OK);
    ClockCheck check = result.clock();
    Ui.say(
        clock,
        texts.get(
            "gui.applock.clock",
            ClockScreen.seconds(texts, check.offset()),
            texts.get(
                "cli.seconds",
                String.format(
                    Locale.ROOT,
                    "%.3f",
                    check.roundTrip().dividedBy(2).plusMillis(500).toMillis() / 1000.0))),
        null);
    Ui.say(
        clockWarning,
        check.clockOff()
            ? ClockScreen.clockOff(texts, check)
            : texts.get("clock.ok", texts.duration(ClockCheck.TOLERANCE)),
        check.clockOff() ? Ui.WARNING : null);
  }

  /** Before showing a vault whose service requires the app lock and has no PIN yet. */
  void prepareMissing(Account required) {
    prepareFields(required, false);
    afterActivation = false;
    Ui.say(done, null, null);
    Ui.say(clock, null, null);
    Ui.say(clockWarning, null, null);
  }

  private void prepareFields(Account shown, boolean pinAlready) {
    account = shown;
    required = !pinAlready && window.app().appLockMissing();
    Ui.say(already, pinAlready ? texts.get("gui.applock.already_on") : null, null);
    Ui.say(
        rule,
        required
            ? texts.get("gui.applock.required", requiring().serviceName())
            : texts.get("gui.applock.optional"),
        required ? Ui.WARNING : null);
    pinFields.setVisible(!pinAlready);
    pin.setText("");
    pinAgain.setText("");
    Ui.say(error, null, null);
  }

  /** The account that requires the app lock: the one shown, or else another of the vault. */
  private Account requiring() {
    if (account.appLockRequired()) {
      return account;
    }
    return window.app().accounts().stream()
        .filter(Account::appLockRequired)
        .findFirst()
        .orElse(account);
  }

  private void next() {
    if (working) {
      return;
    }
    if (!pinFields.isVisible()) {
      window.showCode(account, afterActivation);
      return;
    }
    char[] first = pin.getPassword();
    char[] second = pinAgain.getPassword();
    String refusal = null;
    if (!Arrays.equals(first, second)) {
      refusal = texts.get("gui.applock.mismatch");
    } else if (first.length > 0 && !digits(first)) {
      refusal = texts.get("gui.applock.rule", MIN_DIGITS, MAX_DIGITS);
    } else if (first.length == 0 && required) {
      refusal = texts.get("gui.applock.required_empty", requiring().serviceName());
    }
    Arrays.fill(second, '\0');
    pin.setText("");
    pinAgain.setText("");
    if (refusal != null || first.length == 0) {
      Arrays.fill(first, '\0');
      if (refusal != null) {
        refuse(refusal);
      } else {
        window.showCode(account, afterActivation);
      }
      return;
    }
    setPin(first);
  }

  private void refuse(String text) {
    Ui.say(error, text, Ui.ERROR);
    pin.requestFocusInWindow();
  }

  private void setPin(char[] newPin) {
    TokenApp app = window.app();
    Ui.say(error, null, null);
    setWorking(true);
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws TokenException {
        try {
          app.setPin(newPin);
          return null;
        } finally {
          Arrays.fill(newPin, '\0');
        }
      }

      @Override
      protected void done() {
        setWorking(false);
        try {
          get();
          window.showCode(account, afterActivation);
        } catch (ExecutionException e) {
          Ui.say(
              error,
              e.getCause() instanceof TokenException t
                  ? texts.describe(t)
                  : texts.get("cli.internal_error", String.valueOf(e.getCause())),
              Ui.ERROR);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  /** Whether a PIN is {@value #MIN_DIGITS}–{@value #MAX_DIGITS} digits (full-width ones too). */
  static boolean digits(char[] candidate) {
    if (candidate.length < MIN_DIGITS || candidate.length > MAX_DIGITS) {
      return false;
    }
    for (char c : candidate) {
      boolean ascii = c >= '0' && c <= '9';
      boolean fullWidth = c >= '\uFF10' && c <= '\uFF19';
      if (!ascii && !fullWidth) {
        return false;
      }
    }
    return true;
  }

  private void setWorking(boolean on) {
    working = on;
    busy.setVisible(on);
    pin.setEnabled(!on);
    pinAgain.setEnabled(!on);
    next.setEnabled(!on);
    root.setCursor(on ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : null);
    root.revalidate();
  }
}

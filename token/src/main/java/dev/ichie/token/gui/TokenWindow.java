package dev.ichie.token.gui;

import dev.ichie.token.Account;
import dev.ichie.token.ActivationResult;
import dev.ichie.token.Problem;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The token app's window: phone-sized (400×800), one screen at a time, the way of the seed (F2):
 *
 * <ol>
 *   <li>a locked vault (アプリロック) first asks for its PIN ({@value #PIN});
 *   <li>with no account yet, the date and time check ({@value #CLOCK}), then the activation form
 *       ({@value #ACTIVATION}: サービスID, ユーザーID, 利用開始パスワード, 「送信」/「終了」), then 「アプリロックについて」 ({@value
 *       #APP_LOCK}, 「次へ」);
 *   <li>a vault whose service requires the app lock and has no PIN yet goes back to 「アプリロックについて」;
 *   <li>the ワンタイムパスワード screen ({@value #CODE}), from which another account can be added;
 *   <li>a vault that cannot be opened shows why ({@value #PROBLEM}); nothing is reset.
 * </ol>
 *
 * <p>The window owns the open {@link TokenApp} and closes it (wiping the vault key) when it is
 * closed or locked.
 *
 * <p>Not thread-safe: create and use it on the event dispatch thread only.
 */
public final class TokenWindow {

  /** The date and time check. */
  public static final String CLOCK = "clock";

  /** The activation form. */
  public static final String ACTIVATION = "activation";

  /** 「アプリロックについて」. */
  public static final String APP_LOCK = "applock";

  /** The one-time password. */
  public static final String CODE = "code";

  /** The card name of 取引認証. */
  public static final String CONFIRM = "confirm";

  /** The PIN of a locked vault. */
  public static final String PIN = "pin";

  /** A vault that cannot be opened. */
  public static final String PROBLEM = "problem";

  /** The window's size: a phone's proportions. */
  public static final Dimension SIZE = new Dimension(400, 800);

  private final GuiSettings settings;
  private final Texts texts;
  private final JFrame frame;
  private final CardLayout cards = new CardLayout();
  private final JPanel deck = new JPanel(cards);
  private final Map<String, Screen> screens = new LinkedHashMap<>();
  private final ClockScreen clock;
  private final ActivationScreen activation;
  private final AppLockScreen appLock;
  private final CodeScreen code;
  private final ConfirmScreen confirm;
  private final PinScreen pin;
  private final ProblemScreen problem;
  private Screen current;
  private TokenApp app;

  /**
   * Builds the window, not yet shown; call {@link #start()} and then show {@link #frame()}.
   *
   * @param settings home, options, default server and PIN delays
   * @throws IllegalStateException if not called on the event dispatch thread
   */
  public TokenWindow(GuiSettings settings) {
    requireEdt();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.texts = settings.texts();
    frame = new JFrame(texts.get("app.name"));
    frame.setName("tokenWindow");
    frame.getAccessibleContext().setAccessibleName(texts.get("app.name"));
    frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    frame.setSize(SIZE);
    frame.setMinimumSize(new Dimension(320, 560));
    frame.setLocationByPlatform(true);
    frame.setContentPane(deck);
    frame.addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosed(WindowEvent e) {
            closed();
          }
        });
    clock = add(new ClockScreen(this));
    activation = add(new ActivationScreen(this));
    appLock = add(new AppLockScreen(this));
    code = add(new CodeScreen(this));
    confirm = add(new ConfirmScreen(this));
    pin = add(new PinScreen(this));
    problem = add(new ProblemScreen(this));
  }

  private <S extends Screen> S add(S screen) {
    screen.component().setName(screen.id());
    screens.put(screen.id(), screen);
    deck.add(screen.component(), screen.id());
    return screen;
  }

  /**
   * Opens the vault and shows the first screen: the PIN screen for a locked vault, the code for a
   * vault with accounts, the date and time check for none, or the problem.
   */
  public void start() {
    requireEdt();
    try {
      if (TokenApp.protection(settings.home()) == VaultProtection.PIN) {
        show(pin);
        return;
      }
      opened(TokenApp.open(settings.home(), settings.options()));
    } catch (TokenException e) {
      problem(e);
    }
  }

  /** The frame. */
  public JFrame frame() {
    return frame;
  }

  /** The name of the screen shown now, e.g. {@value #CODE}. */
  public String screen() {
    return current == null ? "" : current.id();
  }

  // --- for the screens ---

  GuiSettings settings() {
    return settings;
  }

  Texts texts() {
    return texts;
  }

  /** The open app; null only while the vault is locked. */
  TokenApp app() {
    return app;
  }

  /** The vault is open (after the start or the PIN): the code, or the first run. */
  void opened(TokenApp openedApp) {
    closeApp();
    app = openedApp;
    List<Account> accounts = app.accounts();
    if (accounts.isEmpty()) {
      showClock();
    } else if (app.appLockMissing()) {
      appLock.prepareMissing(accounts.get(accounts.size() - 1));
      show(appLock);
    } else {
      showCode(accounts.get(accounts.size() - 1), false);
    }
  }

  void showClock() {
    show(clock);
  }

  /** The activation form; {@code adding} when accounts exist already (it offers a way back). */
  void showActivation() {
    activation.prepare(!app.accounts().isEmpty());
    show(activation);
  }

  /** After 「送信」 succeeded: 「アプリロックについて」. */
  void activated(ActivationResult result) {
    appLock.prepare(result, app.protection() == VaultProtection.PIN);
    show(appLock);
  }

  /** The code of an account; {@code justActivated} adds the hint about the start of use (F3). */
  void showCode(Account account, boolean justActivated) {
    code.prepare(account, justActivated);
    show(code);
  }

  /** 取引認証 for an account: its pending transactions and the offline code. */
  void showConfirm(Account account) {
    confirm.prepare(account);
    show(confirm);
  }

  /** Back to the code of the last account shown (the activation form's 「戻る」). */
  void backToCode() {
    List<Account> accounts = app.accounts();
    if (accounts.isEmpty()) {
      showClock();
    } else {
      showCode(code.selected().orElse(accounts.get(accounts.size() - 1)), false);
    }
  }

  /** Closes the vault (wiping its key) and asks for the PIN again. */
  void lock() {
    closeApp();
    show(pin);
  }

  /** Shows a problem that leaves nothing to do but read it and quit. */
  void problem(TokenException e) {
    if (e.problem() == Problem.VAULT_LOCKED) {
      lock();
      return;
    }
    problem.prepare(e);
    show(problem);
  }

  /** 「終了」: closes the window. */
  void quit() {
    frame.dispose();
  }

  private void show(Screen next) {
    if (current != null && current != next) {
      current.hidden();
    }
    current = next;
    cards.show(deck, next.id());
    frame.getRootPane().setDefaultButton(next.defaultButton());
    next.shown();
    JComponent focus = next.firstFocus();
    if (focus != null) {
      SwingUtilities.invokeLater(focus::requestFocusInWindow);
    }
  }

  private void closed() {
    for (Screen screen : screens.values()) {
      screen.closed();
    }
    closeApp();
  }

  private void closeApp() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private static void requireEdt() {
    if (!SwingUtilities.isEventDispatchThread()) {
      throw new IllegalStateException("use the token window on the event dispatch thread");
    }
  }
}

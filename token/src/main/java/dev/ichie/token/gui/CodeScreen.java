package dev.ichie.token.gui;

import dev.ichie.token.Account;
import dev.ichie.token.ClockCheck;
import dev.ichie.token.Code;
import dev.ichie.token.Problem;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import dev.ichie.token.VaultProtection;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.DefaultComboBoxModel;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.SwingConstants;
import javax.swing.SwingWorker;
import javax.swing.Timer;

/**
 * The ワンタイムパスワード screen (F2 STEP 4, and every day after): the service's name and the user ID, the
 * code in large digits grouped 3+3, the seconds left as a bar that a {@link Timer} updates every
 * second (on the second), 「コピー」 to put the code on the clipboard, a list to switch accounts when
 * there are several, 「アカウントを追加」, 「ロック」 when the vault has a PIN, and 「終了」. A device clock that was
 * off at its last measurement is warned about with the seed's words.
 */
final class CodeScreen implements Screen {

  private final TokenWindow window;
  private final Texts texts;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JLabel accountsLabel;
  private final DefaultComboBoxModel<Account> accountsModel = new DefaultComboBoxModel<>();
  private final JComboBox<Account> accounts = new JComboBox<>(accountsModel);
  private final JLabel service;
  private final JLabel user;
  private final JLabel digits;
  private final JProgressBar secondsLeft = new JProgressBar();
  private final JButton copy;
  private final JLabel copied;
  private final JTextArea clockWarning;
  private final JTextArea hint;
  private final JTextArea error;
  private final JButton lock;
  private final JTextArea keyOffer;
  private final JButton registerKey;
  private final Timer ticker;
  private final Color barColor;
  private String shownDigits = "";
  private boolean filling;

  CodeScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.code.title"), "code.title"));
    column.add(Ui.gap(12));

    accounts.setName("code.accounts");
    DefaultListCellRenderer plain = new DefaultListCellRenderer();
    accounts.setRenderer(
        (list, value, index, selected, focused) ->
            plain.getListCellRendererComponent(
                list,
                value == null
                    ? ""
                    : texts.get("gui.code.account_item", value.serviceName(), value.userId()),
                index,
                selected,
                focused));
    accounts.addActionListener(e -> switched());
    accountsLabel = Ui.label(texts.get("gui.code.account"), accounts);
    column.add(accountsLabel);
    column.add(Ui.gap(4));
    column.add(Ui.wide(accounts));
    column.add(Ui.gap(16));

    service = Ui.named(new JLabel(" "), "code.service", texts.get("gui.code.service"));
    service.setFont(Ui.font(service, Font.BOLD, 1.25f));
    service.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(service);
    user = Ui.named(new JLabel(" "), "code.user", texts.get("gui.activation.user_id"));
    user.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(user);
    column.add(Ui.gap(28));

    digits = Ui.named(new JLabel(" ", SwingConstants.CENTER), "code.digits", "");
    digits.setFont(Ui.font(digits, Font.BOLD, 1f).deriveFont(56f));
    digits.setAlignmentX(Component.LEFT_ALIGNMENT);
    digits.setMaximumSize(new Dimension(Integer.MAX_VALUE, digits.getPreferredSize().height));
    column.add(digits);
    column.add(Ui.gap(16));

    Ui.named(secondsLeft, "code.secondsLeft", texts.get("gui.code.seconds_left", 0));
    secondsLeft.setStringPainted(true);
    barColor = secondsLeft.getForeground();
    secondsLeft.setPreferredSize(
        new Dimension(secondsLeft.getPreferredSize().width, secondsLeft.getFont().getSize() + 10));
    column.add(Ui.wide(secondsLeft));
    column.add(Ui.gap(20));

    copy = Ui.button(texts.get("gui.code.copy"), "code.copy");
    copy.addActionListener(e -> copy());
    copy.setAlignmentX(Component.LEFT_ALIGNMENT);
    copied = Ui.named(new JLabel(" "), "code.copied", texts.get("gui.code.copied"));
    copied.setForeground(Ui.OK);
    JPanel copyRow = new JPanel();
    copyRow.setLayout(new BoxLayout(copyRow, BoxLayout.X_AXIS));
    copyRow.setOpaque(false);
    copyRow.setAlignmentX(Component.LEFT_ALIGNMENT);
    copyRow.add(copy);
    copyRow.add(Box.createRigidArea(new Dimension(12, 0)));
    copyRow.add(copied);
    column.add(copyRow);
    column.add(Ui.gap(20));

    clockWarning = Ui.message("code.clockWarning");
    column.add(clockWarning);
    column.add(Ui.gap(8));
    hint = Ui.message("code.hint");
    column.add(hint);
    error = Ui.message("code.error");
    column.add(error);
    // An app activated in protocol version 1 has no device key: offered here, on every start.
    keyOffer = Ui.message("code.keyOffer");
    column.add(keyOffer);
    registerKey = Ui.button(texts.get("gui.code.key_register"), "code.registerKey");
    registerKey.addActionListener(e -> registerKey());
    registerKey.setAlignmentX(Component.LEFT_ALIGNMENT);
    registerKey.setVisible(false);
    column.add(registerKey);
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    JButton add = Ui.button(texts.get("gui.code.add"), "code.add");
    add.addActionListener(e -> window.showClock());
    lock = Ui.button(texts.get("gui.code.lock"), "code.lock");
    lock.addActionListener(e -> window.lock());
    JButton quit = Ui.button(texts.get("gui.quit"), "code.quit");
    quit.addActionListener(e -> window.quit());
    JButton confirm = Ui.button(texts.get("gui.confirm.title"), "code.confirm");
    confirm.addActionListener(e -> selected().ifPresent(window::showConfirm));
    root.add(Ui.buttons(confirm, add, lock, quit), BorderLayout.SOUTH);

    ticker = new Timer(1000, e -> tick());
    ticker.setRepeats(false);
  }

  @Override
  public String id() {
    return TokenWindow.CODE;
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public JComponent firstFocus() {
    return copy;
  }

  /** Before showing: the accounts, the one to show, and whether to hint at the start of use. */
  void prepare(Account selected, boolean justActivated) {
    TokenApp app = window.app();
    List<Account> all = app.accounts();
    filling = true;
    try {
      accountsModel.removeAllElements();
      accountsModel.addAll(all);
      Account match =
          all.stream().filter(a -> a.name().equals(selected.name())).findFirst().orElse(null);
      accountsModel.setSelectedItem(match != null ? match : all.isEmpty() ? null : all.get(0));
    } finally {
      filling = false;
    }
    accountsLabel.setVisible(all.size() > 1);
    accounts.setVisible(all.size() > 1);
    lock.setVisible(app.protection() == VaultProtection.PIN);
    Ui.say(hint, justActivated ? texts.get("gui.code.hint") : null, null);
    Ui.say(error, null, null);
    showAccount();
    offerKey(!justActivated);
  }

  /** Offers the device key's registration when the shown account has none. */
  private void offerKey(boolean offer) {
    boolean missing = false;
    Optional<Account> account = selected();
    if (offer && account.isPresent() && window.app() != null) {
      try {
        missing = !window.app().hasDeviceKey(account.get());
      } catch (TokenException e) {
        missing = false;
      }
    }
    Ui.say(keyOffer, missing ? texts.get("gui.code.key_offer") : null, null);
    registerKey.setVisible(missing);
    registerKey.setEnabled(true);
  }

  private void registerKey() {
    Optional<Account> account = selected();
    if (account.isEmpty()) {
      return;
    }
    registerKey.setEnabled(false);
    TokenApp app = window.app();
    new SwingWorker<Void, Void>() {
      @Override
      protected Void doInBackground() throws TokenException {
        app.registerDeviceKey(account.get());
        return null;
      }

      @Override
      protected void done() {
        try {
          get();
          registerKey.setVisible(false);
          Ui.say(keyOffer, texts.get("cli.confirm.registered"), Ui.OK);
        } catch (ExecutionException e) {
          registerKey.setEnabled(true);
          Ui.say(
              keyOffer,
              e.getCause() instanceof TokenException t
                  ? texts.describe(t)
                  : String.valueOf(e.getCause()),
              Ui.ERROR);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  /** The account shown now, if any. */
  Optional<Account> selected() {
    return Optional.ofNullable((Account) accountsModel.getSelectedItem());
  }

  @Override
  public void shown() {
    tick();
  }

  @Override
  public void hidden() {
    ticker.stop();
  }

  private void switched() {
    if (!filling) {
      Ui.say(hint, null, null);
      showAccount();
      tick();
    }
  }

  private void showAccount() {
    Optional<Account> account = selected();
    if (!filling && keyOffer != null) {
      offerKey(true);
    }
    service.setText(account.map(Account::serviceName).orElse(" "));
    user.setText(account.map(a -> texts.get("gui.code.user", a.userId())).orElse(" "));
    ClockCheck last =
        new ClockCheck(account.map(Account::clockOffset).orElse(Duration.ZERO), Duration.ZERO);
    Ui.say(clockWarning, last.clockOff() ? ClockScreen.clockOff(texts, last) : null, Ui.WARNING);
    shownDigits = "";
    copied.setText(" ");
  }

  private void tick() {
    TokenApp app = window.app();
    Optional<Account> account = selected();
    if (app == null || account.isEmpty()) {
      return;
    }
    try {
      Code code = app.code(account.get());
      if (!code.digits().equals(shownDigits)) {
        shownDigits = code.digits();
        digits.setText(CodeFormat.grouped(code.digits()));
        digits.getAccessibleContext().setAccessibleName(texts.get("gui.code.title"));
        digits.getAccessibleContext().setAccessibleDescription(code.digits());
        copied.setText(" ");
      }
      int period = (int) account.get().parameters().period().getSeconds();
      int left = (int) code.secondsLeft();
      secondsLeft.setMaximum(period);
      secondsLeft.setValue(left);
      String text = texts.get("gui.code.seconds_left", left);
      secondsLeft.setString(text);
      secondsLeft.getAccessibleContext().setAccessibleName(text);
      secondsLeft.setForeground(left <= 5 ? Ui.ERROR : barColor);
    } catch (TokenException e) {
      if (e.problem() == Problem.NO_SUCH_ACCOUNT) {
        // removed by the command line meanwhile
        window.backToCode();
        return;
      }
      Ui.say(error, texts.describe(e), Ui.ERROR);
    }
    long millis = window.settings().options().clock().millis();
    ticker.setInitialDelay((int) (1000 - Math.floorMod(millis, 1000L)) + 5);
    ticker.restart();
  }

  private void copy() {
    if (shownDigits.isEmpty()) {
      return;
    }
    Toolkit.getDefaultToolkit()
        .getSystemClipboard()
        .setContents(new StringSelection(shownDigits), null);
    copied.setText(texts.get("gui.code.copied"));
  }
}

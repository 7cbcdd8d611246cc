package dev.ichie.token.gui;

import dev.ichie.activation.Confirmation;
import dev.ichie.token.Account;
import dev.ichie.token.PendingConfirmation;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Font;
import java.awt.GridLayout;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingWorker;
import javax.swing.Timer;

/**
 * 取引認証: while shown, asks the server every few seconds for the account's transactions waiting for a
 * decision (registering the device key first for a token activated without one), shows the first
 * one with every field and its label, and approves or rejects it with the device key; a transaction
 * the app cannot show is neither shown nor signed. Below, the offline 取引認証番号 for an account number
 * and an amount, without the network. EDT only; the network in SwingWorkers.
 */
final class ConfirmScreen implements Screen {

  /** How often the screen asks for pending transactions. */
  static final int POLL_MILLIS = 3000;

  private final TokenWindow window;
  private final Texts texts;
  private final JPanel root = Ui.named(new JPanel(new BorderLayout()), TokenWindow.CONFIRM, "");
  private final Map<String, JLabel> values = new HashMap<>();
  private final JPanel fields = new JPanel(new GridLayout(0, 2, 12, 6));
  private final JTextArea status;
  private final JButton approve;
  private final JButton reject;
  private final JTextField number = Ui.named(new JTextField(12), "confirm.number", "");
  private final JTextField amount = Ui.named(new JTextField(12), "confirm.amount", "");
  private final JLabel question;
  private final JLabel code;
  private final Timer poller;
  private Account account;
  private PendingConfirmation shown;
  private boolean busy;

  ConfirmScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.confirm.title"), "confirm.title"));
    column.add(Ui.gap(8));
    column.add(Ui.paragraph(texts.get("gui.confirm.intro"), "confirm.intro"));
    column.add(Ui.gap(12));
    fields.setName("confirm.fields");
    fields.setOpaque(false);
    fields.setAlignmentX(Component.LEFT_ALIGNMENT);
    for (String name : Confirmation.TRANSFER_FIELDS) {
      if ("currency".equals(name)) {
        continue;
      }
      JLabel value = Ui.named(new JLabel(" "), "confirm.field." + name, "");
      value.setFont(Ui.font(value, Font.BOLD, 1.1f));
      values.put(name, value);
      JLabel label = new JLabel(texts.get("cli.confirm.field." + name));
      label.setLabelFor(value);
      fields.add(label);
      fields.add(value);
    }
    fields.setVisible(false);
    column.add(fields);
    column.add(Ui.gap(12));
    approve = Ui.button(texts.get("gui.confirm.approve"), "confirm.approve");
    approve.addActionListener(e -> decide(true));
    reject = Ui.button(texts.get("gui.confirm.reject"), "confirm.reject");
    reject.addActionListener(e -> decide(false));
    JPanel decision = Ui.buttons(approve, reject);
    decision.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(decision);
    status = Ui.message("confirm.status");
    column.add(status);
    column.add(Ui.gap(20));

    column.add(Ui.title(texts.get("gui.confirm.offline.title"), "confirm.offline.title"));
    column.add(Ui.paragraph(texts.get("gui.confirm.offline.intro"), "confirm.offline.intro"));
    column.add(Ui.label(texts.get("cli.confirm.field.payeeAccountNumber"), number));
    column.add(Ui.wide(number));
    column.add(Ui.label(texts.get("cli.confirm.field.amount"), amount));
    column.add(Ui.wide(amount));
    JButton show = Ui.button(texts.get("gui.confirm.offline.show"), "confirm.offline");
    show.addActionListener(e -> offline());
    show.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(Ui.gap(8));
    column.add(show);
    question = Ui.named(new JLabel(" "), "confirm.question", "");
    question.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(question);
    code = Ui.named(new JLabel(" "), "confirm.code", "");
    code.setFont(Ui.font(code, Font.BOLD, 1f).deriveFont(40f));
    code.setAlignmentX(Component.LEFT_ALIGNMENT);
    column.add(code);
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    JButton back = Ui.button(texts.get("gui.confirm.back"), "confirm.back");
    back.addActionListener(e -> window.backToCode());
    root.add(Ui.buttons(back), BorderLayout.SOUTH);
    poller = new Timer(POLL_MILLIS, e -> poll());
    poller.setInitialDelay(0);
  }

  @Override
  public String id() {
    return TokenWindow.CONFIRM;
  }

  @Override
  public JComponent component() {
    return root;
  }

  /** Before showing: the account whose transactions to ask for. */
  void prepare(Account selected) {
    account = selected;
    shown = null;
    showPending(null);
    Ui.say(status, null, null);
    question.setText(" ");
    code.setText(" ");
  }

  @Override
  public void shown() {
    poller.start();
  }

  @Override
  public void hidden() {
    poller.stop();
  }

  private void poll() {
    if (busy || account == null) {
      return;
    }
    busy = true;
    TokenApp app = window.app();
    Account a = account;
    new SwingWorker<List<PendingConfirmation>, Void>() {
      @Override
      protected List<PendingConfirmation> doInBackground() throws TokenException {
        if (!app.hasDeviceKey(a)) {
          app.registerDeviceKey(a);
        }
        return app.pendingConfirmations(a);
      }

      @Override
      protected void done() {
        busy = false;
        try {
          List<PendingConfirmation> pending = get();
          PendingConfirmation next =
              pending.stream().filter(PendingConfirmation::showable).findFirst().orElse(null);
          if (next == null && !pending.isEmpty()) {
            Ui.say(status, texts.get("problem.unknown_confirmation"), Ui.WARNING);
          } else if (next == null && shown == null) {
            Ui.say(status, texts.get("cli.confirm.none"), null);
          }
          if (next == null || shown == null || !next.id().equals(shown.id())) {
            showPending(next);
          }
        } catch (ExecutionException e) {
          failed(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void showPending(PendingConfirmation c) {
    shown = c;
    fields.setVisible(c != null);
    approve.setEnabled(c != null);
    reject.setEnabled(c != null);
    if (c == null) {
      return;
    }
    Ui.say(status, null, null);
    for (Map.Entry<String, JLabel> e : values.entrySet()) {
      String v = c.value(e.getKey());
      if ("amount".equals(e.getKey())) {
        v =
            texts.get(
                "cli.confirm.yen",
                NumberFormat.getIntegerInstance(Locale.ROOT).format(Long.parseLong(v)));
      }
      e.getValue().setText(v);
    }
  }

  private void decide(boolean yes) {
    PendingConfirmation c = shown;
    if (c == null || busy) {
      return;
    }
    busy = true;
    approve.setEnabled(false);
    reject.setEnabled(false);
    TokenApp app = window.app();
    Account a = account;
    new SwingWorker<String, Void>() {
      @Override
      protected String doInBackground() throws TokenException {
        return app.decide(a, c, yes);
      }

      @Override
      protected void done() {
        busy = false;
        showPending(null);
        try {
          Ui.say(
              status,
              texts.get("APPROVED".equals(get()) ? "cli.confirm.approved" : "cli.confirm.rejected"),
              "APPROVED".equals(get()) ? Ui.OK : Ui.WARNING);
        } catch (ExecutionException e) {
          failed(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void offline() {
    try {
      String[] qc = window.app().offlineCode(account, number.getText(), amount.getText());
      question.setText(texts.get("cli.confirm.question", qc[0]));
      code.setText(qc[1]);
    } catch (TokenException e) {
      question.setText(texts.describe(e));
      code.setText(" ");
    }
  }

  private void failed(Throwable cause) {
    if (cause instanceof TokenException e) {
      Ui.say(status, texts.describe(e), Ui.ERROR);
    } else {
      Ui.say(status, String.valueOf(cause), Ui.ERROR);
    }
  }
}

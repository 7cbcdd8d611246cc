package dev.ichie.token.gui;

import dev.ichie.token.ActivationRequest;
import dev.ichie.token.ActivationResult;
import dev.ichie.token.ServerEndpoint;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import java.awt.Cursor;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingWorker;

/**
 * The activation form (F2, the seed's STEP 3): 「サービスIDとユーザーID、利用開始パスワードを入力し、送信ボタンを押してください。」 with
 * the server, サービスID, ユーザーID and 利用開始パスワード (masked), 「送信」 and 「終了」 (and 「戻る」 when accounts exist).
 * 「送信」 runs the activation protocol in a {@link SwingWorker} behind a busy bar; a failure shows the
 * same text the command line prints ({@link Texts#describe}). The password is wiped from memory and
 * from the field after each try.
 */
final class ActivationScreen implements Screen {

  private final TokenWindow window;
  private final Texts texts;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JTextField server = new JTextField(24);
  private final JTextField serviceId = new JTextField(24);
  private final JTextField userId = new JTextField(24);
  private final JPasswordField password = new JPasswordField(24);
  private final JProgressBar busy = new JProgressBar();
  private final JTextArea error;
  private final JButton send;
  private final JButton quit;
  private final JButton back;
  private boolean working;

  ActivationScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.activation.title"), "activation.title"));
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.activation.intro"), "activation.intro"));
    column.add(Ui.gap(16));
    field(column, "gui.activation.server", server, "activation.server");
    field(column, "gui.activation.service_id", serviceId, "activation.serviceId");
    field(column, "gui.activation.user_id", userId, "activation.userId");
    field(column, "gui.activation.password", password, "activation.password");
    server.setText(window.settings().defaultServer());
    Ui.named(busy, "activation.busy", texts.get("gui.activation.busy"));
    busy.setIndeterminate(true);
    busy.setStringPainted(true);
    busy.setString(texts.get("gui.activation.busy"));
    busy.setVisible(false);
    column.add(Ui.wide(busy));
    column.add(Ui.gap(8));
    error = Ui.message("activation.error");
    column.add(error);
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    send = Ui.button(texts.get("gui.activation.send"), "activation.send");
    send.addActionListener(e -> send());
    quit = Ui.button(texts.get("gui.quit"), "activation.quit");
    quit.addActionListener(e -> window.quit());
    back = Ui.button(texts.get("gui.back"), "activation.back");
    back.addActionListener(e -> window.backToCode());
    root.add(Ui.buttons(back, send, quit), BorderLayout.SOUTH);
  }

  private void field(JPanel column, String key, JTextField field, String name) {
    field.setName(name);
    column.add(Ui.label(texts.get(key), field));
    column.add(Ui.gap(4));
    column.add(Ui.wide(field));
    column.add(Ui.gap(12));
  }

  @Override
  public String id() {
    return TokenWindow.ACTIVATION;
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public JButton defaultButton() {
    return send;
  }

  @Override
  public JComponent firstFocus() {
    return serviceId.getText().isEmpty() ? serviceId : password;
  }

  /** Before showing: 「戻る」 only when accounts exist; no old message. */
  void prepare(boolean adding) {
    back.setVisible(adding);
    Ui.say(error, null, null);
  }

  private void send() {
    if (working) {
      return;
    }
    TokenApp app = window.app();
    String url = server.getText();
    String service = serviceId.getText();
    String user = userId.getText();
    char[] secret = password.getPassword();
    password.setText("");
    Ui.say(error, null, null);
    setWorking(true);
    new SwingWorker<ActivationResult, Void>() {
      @Override
      protected ActivationResult doInBackground() throws TokenException {
        try {
          ServerEndpoint endpoint = ServerEndpoint.of(url, null, false);
          ActivationRequest request =
              ActivationRequest.of(endpoint, service, user, ActivationRequest.defaultDeviceLabel());
          return app.activate(request, secret);
        } finally {
          Arrays.fill(secret, '\0');
        }
      }

      @Override
      protected void done() {
        setWorking(false);
        try {
          window.activated(get());
        } catch (ExecutionException e) {
          failed(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }.execute();
  }

  private void failed(Throwable cause) {
    if (cause instanceof TokenException e) {
      Ui.say(error, texts.describe(e), Ui.ERROR);
      JComponent focus =
          switch (e.problem()) {
            case INVALID_IDS -> serviceId;
            case INVALID_SERVER_URL,
                PLAIN_HTTP_REFUSED,
                UNREACHABLE,
                CERTIFICATE_UNTRUSTED,
                KEY_PIN_MISMATCH ->
                server;
            default -> password;
          };
      focus.requestFocusInWindow();
    } else {
      Ui.say(error, texts.get("cli.internal_error", String.valueOf(cause)), Ui.ERROR);
    }
  }

  private void setWorking(boolean on) {
    working = on;
    busy.setVisible(on);
    for (JComponent c : new JComponent[] {server, serviceId, userId, password, send, back}) {
      c.setEnabled(!on);
    }
    root.setCursor(on ? Cursor.getPredefinedCursor(Cursor.WAIT_CURSOR) : null);
    root.revalidate();
  }
}

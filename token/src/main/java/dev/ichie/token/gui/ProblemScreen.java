package dev.ichie.token.gui;

import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JTextArea;

/**
 * A vault that cannot be opened (damaged, unreadable home): what is wrong, with the command line's
 * hint, and 「終了」. The window never resets a vault.
 */
final class ProblemScreen implements Screen {

  private final TokenWindow window;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JTextArea message;
  private final JTextArea hint;
  private final JButton quit;

  ProblemScreen(TokenWindow window) {
    this.window = window;
    JPanel column = Ui.column();
    column.add(Ui.title(window.texts().get("gui.problem.title"), "problem.title"));
    column.add(Ui.gap(16));
    message = Ui.message("problem.message");
    column.add(message);
    column.add(Ui.gap(12));
    hint = Ui.message("problem.hint");
    column.add(hint);
    root.add(Ui.scrolling(column), BorderLayout.CENTER);
    quit = Ui.button(window.texts().get("gui.quit"), "problem.quit");
    quit.addActionListener(e -> window.quit());
    root.add(Ui.buttons(quit), BorderLayout.SOUTH);
  }

  @Override
  public String id() {
    return TokenWindow.PROBLEM;
  }

  @Override
  public JComponent component() {
    return root;
  }

  @Override
  public JButton defaultButton() {
    return quit;
  }

  void prepare(TokenException e) {
    Ui.say(message, window.texts().describe(e), Ui.ERROR);
    String directory = window.settings().home().directory().toString();
    String text =
        switch (e.problem()) {
          case VAULT_DAMAGED -> window.texts().get("cli.hint.vault_damaged", directory);
          case STORAGE -> window.texts().get("cli.hint.storage", directory, e.getMessage());
          default -> null;
        };
    Ui.say(hint, text, null);
  }
}

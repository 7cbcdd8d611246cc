package dev.ichie.token.gui;

import dev.ichie.token.Account;
import dev.ichie.token.ClockCheck;
import dev.ichie.token.Texts;
import dev.ichie.token.TokenApp;
import dev.ichie.token.TokenException;
import java.awt.BorderLayout;
import java.awt.Font;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;
import javax.swing.Timer;

/**
 * The first-run check of the device's date and time (F2, the seed's STEP 1):
 * 「トークンを利用する携帯電話の日時を確認します」, why (「日時が正しくないと、正常に動作しない場合があります」), the device's date and time now,
 * ticking, and the difference from the server's clock when one was measured (by an earlier
 * activation); otherwise it is measured at 「送信」. 「次へ」 leads to the activation form.
 */
final class ClockScreen implements Screen {

  private final TokenWindow window;
  private final Texts texts;
  private final JPanel root = new JPanel(new BorderLayout());
  private final JLabel now;
  private final JLabel zone;
  private final JTextArea offset;
  private final JTextArea warning;
  private final JButton next;
  private final JButton back;
  private final JButton measure;
  private final JProgressBar busy = new JProgressBar();
  private final Timer ticker;
  private final DateTimeFormatter format;

  ClockScreen(TokenWindow window) {
    this.window = window;
    this.texts = window.texts();
    format = DateTimeFormatter.ofPattern(texts.get("gui.clock.format"), texts.locale());
    JPanel column = Ui.column();
    column.add(Ui.title(texts.get("gui.clock.title"), "clock.title"));
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.clock.intro"), "clock.intro"));
    column.add(Ui.gap(8));
    column.add(Ui.paragraph(texts.get("gui.clock.why"), "clock.why"));
    column.add(Ui.gap(24));
    JLabel caption = new JLabel(texts.get("gui.clock.device_time"));
    caption.setAlignmentX(JComponent.LEFT_ALIGNMENT);
    column.add(caption);
    column.add(Ui.gap(4));
    now = Ui.named(new JLabel(" "), "clock.now", texts.get("gui.clock.device_time"));
    now.setFont(Ui.font(now, Font.BOLD, 1.35f));
    now.setAlignmentX(JComponent.LEFT_ALIGNMENT);
    column.add(now);
    zone = Ui.named(new JLabel(" "), "clock.zone", texts.get("gui.clock.device_time"));
    zone.setAlignmentX(JComponent.LEFT_ALIGNMENT);
    column.add(zone);
    column.add(Ui.gap(16));
    offset = Ui.paragraph("", "clock.offset");
    column.add(offset);
    column.add(Ui.gap(8));
    warning = Ui.message("clock.warning");
    column.add(warning);
    column.add(Ui.gap(8));
    measure = Ui.button(texts.get("gui.clock.measure"), "clock.measure");
    measure.setAlignmentX(JComponent.LEFT_ALIGNMENT);
    measure.addActionListener(e -> measure());
    column.add(measure);
    Ui.named(busy, "clock.busy", texts.get("gui.clock.measuring"));
    busy.setIndeterminate(true);
    busy.setStringPainted(true);
    busy.setString(texts.get("gui.clock.measuring"));
    busy.setVisible(false);
    column.add(Ui.gap(4));
    column.add(Ui.wide(busy));
    column.add(Ui.gap(16));
    column.add(Ui.paragraph(texts.get("gui.clock.set_hint"), "clock.hint"));
    root.add(Ui.scrolling(column), BorderLayout.CENTER);

    JButton quit = Ui.button(texts.get("gui.quit"), "clock.quit");
    quit.addActionListener(e -> window.quit());
    next = Ui.button(texts.get("gui.next"), "clock.next");
    next.addActionListener(e -> window.showActivation());
    back = Ui.button(texts.get("gui.back"), "clock.back");
    back.addActionListener(e -> window.backToCode());
    root.add(Ui.buttons(back, next, quit), BorderLayout.SOUTH);

    ticker = new Timer(1000, e -> tick());
    ticker.setRepeats(false);
  }

  @Override
  public String id() {
    return TokenWindow.CLOCK;
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
    return next;
  }

  @Override
  public void shown() {
    boolean accounts = window.app() != null && !window.app().accounts().isEmpty();
    back.setVisible(accounts);
    measure.setVisible(accounts);
    busy.setVisible(false);
    measure.setEnabled(true);
    showMeasured();
    tick();
  }

  /** The last measured difference, from the account measured last, or that it is not known. */
  private void showMeasured() {
    Optional<Account> measured = lastMeasured();
    if (measured.isPresent()) {
      Account account = measured.get();
      Duration difference = account.clockOffset();
      Ui.say(
          offset,
          texts.get(
              "gui.clock.offset_known",
              seconds(texts, difference),
              account.serviceName(),
              format
                  .withZone(window.settings().options().clock().getZone())
                  .format(account.clockCheckedAt())),
          null);
      ClockCheck check = new ClockCheck(difference, Duration.ZERO);
      Ui.say(warning, check.clockOff() ? clockOff(texts, check) : null, Ui.WARNING);
    } else {
      Ui.say(offset, texts.get("gui.clock.offset_unknown"), null);
      Ui.say(warning, null, null);
    }
  }

  private Optional<Account> lastMeasured() {
    return window.app() == null
        ? Optional.empty()
        : window.app().accounts().stream().max(Comparator.comparing(Account::clockCheckedAt));
  }

  /** Measures the device clock against the server of the account measured last, and keeps it. */
  private void measure() {
    TokenApp app = window.app();
    Optional<Account> account = lastMeasured();
    if (app == null || account.isEmpty()) {
      return;
    }
    measure.setEnabled(false);
    busy.setVisible(true);
    root.revalidate();
    new SwingWorker<ClockCheck, Void>() {
      @Override
      protected ClockCheck doInBackground() throws TokenException {
        return app.checkClock(account.get());
      }

      @Override
      protected void done() {
        measure.setEnabled(true);
        busy.setVisible(false);
        try {
          ClockCheck check = get();
          showMeasured();
          if (!check.clockOff()) {
            Ui.say(warning, texts.get("clock.ok", texts.duration(ClockCheck.TOLERANCE)), null);
          }
        } catch (ExecutionException e) {
          Ui.say(
              warning,
              e.getCause() instanceof TokenException t
                  ? texts.describe(t)
                  : texts.get("cli.internal_error", String.valueOf(e.getCause())),
              Ui.ERROR);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        root.revalidate();
      }
    }.execute();
  }

  @Override
  public void hidden() {
    ticker.stop();
  }

  private void tick() {
    Clock clock = window.settings().options().clock();
    ZonedDateTime time = ZonedDateTime.now(clock);
    now.setText(format.format(time));
    zone.setText(time.getZone().getId() + " (UTC" + offsetText(time) + ")");
    ticker.setInitialDelay((int) (1000 - Math.floorMod(clock.millis(), 1000L)) + 5);
    ticker.restart();
  }

  private static String offsetText(ZonedDateTime time) {
    String id = time.getOffset().getId();
    return id.equals("Z") ? "" : id;
  }

  /** A difference in seconds with its sign, as the command line shows it: "+0.012 s". */
  static String seconds(Texts texts, Duration difference) {
    return texts.get(
        "cli.seconds", String.format(Locale.ROOT, "%+.3f", difference.toMillis() / 1000.0));
  }

  /** The warning for a clock beyond the tolerance, with how far ahead or behind. */
  static String clockOff(Texts texts, ClockCheck check) {
    return texts.get(
        check.deviceAhead() ? "clock.off.ahead" : "clock.off.behind",
        texts.duration(check.offset()));
  }
}

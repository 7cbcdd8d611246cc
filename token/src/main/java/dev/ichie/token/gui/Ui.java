package dev.ichie.token.gui;

import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Insets;
import java.awt.Rectangle;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.ScrollPaneConstants;
import javax.swing.Scrollable;
import javax.swing.UIManager;

/** Small builders shared by the screens: titles, wrapping paragraphs, named fields and buttons. */
final class Ui {

  /** Space around a screen's content. */
  static final int MARGIN = 20;

  /** Red for errors (WCAG AA on white). */
  static final Color ERROR = new Color(0xB0, 0x00, 0x20);

  /** Dark amber for warnings (WCAG AA on white). */
  static final Color WARNING = new Color(0x8A, 0x4B, 0x00);

  /** Green for "done". */
  static final Color OK = new Color(0x1B, 0x5E, 0x20);

  private Ui() {}

  /** Gives a component its name (for tests) and its accessible name (for screen readers). */
  static <T extends JComponent> T named(T component, String name, String accessibleName) {
    component.setName(name);
    component.getAccessibleContext().setAccessibleName(accessibleName);
    return component;
  }

  /** A screen's title: large and bold. */
  static JLabel title(String text, String name) {
    JLabel label = named(new JLabel(text), name, text);
    label.setFont(font(label, Font.BOLD, 1.5f));
    label.setAlignmentX(Component.LEFT_ALIGNMENT);
    return label;
  }

  /** A paragraph that wraps at the screen's width (Japanese too), read-only and not focusable. */
  static JTextArea paragraph(String text, String name) {
    JTextArea area = named(new JTextArea(text), name, text);
    area.setEditable(false);
    area.setFocusable(false);
    area.setLineWrap(true);
    area.setWrapStyleWord(true);
    area.setOpaque(false);
    area.setBorder(BorderFactory.createEmptyBorder());
    area.setMargin(new Insets(0, 0, 0, 0));
    area.setFont(UIManager.getFont("Label.font"));
    area.setForeground(UIManager.getColor("Label.foreground"));
    area.setAlignmentX(Component.LEFT_ALIGNMENT);
    area.setColumns(1);
    return area;
  }

  /** A paragraph for messages (errors, warnings): hidden while empty. */
  static JTextArea message(String name) {
    JTextArea area = paragraph("", name);
    area.setVisible(false);
    return area;
  }

  /** Shows a message in a color, or hides it when the text is null or empty. */
  static void say(JTextArea area, String text, Color color) {
    boolean show = text != null && !text.isEmpty();
    area.setText(show ? text : "");
    area.getAccessibleContext().setAccessibleName(show ? text : "");
    area.setForeground(color == null ? UIManager.getColor("Label.foreground") : color);
    area.setVisible(show);
    area.revalidate();
  }

  /** A button with a name. */
  static JButton button(String text, String name) {
    return named(new JButton(text), name, text);
  }

  /** A label for a field; the field's accessible name is the label's text. */
  static JLabel label(String text, JComponent field) {
    JLabel label = new JLabel(text);
    label.setLabelFor(field);
    label.setAlignmentX(Component.LEFT_ALIGNMENT);
    field.getAccessibleContext().setAccessibleName(text);
    return label;
  }

  /** A field stretched to the screen's width, at its preferred height. */
  static <T extends JComponent> T wide(T field) {
    field.setAlignmentX(Component.LEFT_ALIGNMENT);
    field.setMaximumSize(new Dimension(Integer.MAX_VALUE, field.getPreferredSize().height));
    return field;
  }

  /** A vertical column of components with the screen's margins, as wide as its scroll pane. */
  static JPanel column() {
    JPanel panel = new Column();
    panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
    panel.setBorder(BorderFactory.createEmptyBorder(MARGIN, MARGIN, MARGIN, MARGIN));
    return panel;
  }

  /** A column in a vertical scroll pane without a border, for screens whose texts may be long. */
  static JScrollPane scrolling(JPanel column) {
    JScrollPane pane =
        new JScrollPane(
            column,
            ScrollPaneConstants.VERTICAL_SCROLLBAR_AS_NEEDED,
            ScrollPaneConstants.HORIZONTAL_SCROLLBAR_NEVER);
    pane.setBorder(BorderFactory.createEmptyBorder());
    pane.getVerticalScrollBar().setUnitIncrement(16);
    return pane;
  }

  /** A panel as wide as its viewport (so that its paragraphs wrap) and as high as it needs. */
  private static final class Column extends JPanel implements Scrollable {
    private static final long serialVersionUID = 1L;

    @Override
    public Dimension getPreferredScrollableViewportSize() {
      return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
      return 16;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
      return Math.max(16, visible.height - 32);
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
      return true;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
      return false; // its preferred height: the space below stays empty, nothing is stretched
    }
  }

  /** A vertical gap. */
  static Component gap(int pixels) {
    return Box.createRigidArea(new Dimension(0, pixels));
  }

  /** A row of buttons, right-aligned, the last one first in reading order. */
  static JPanel buttons(JComponent... components) {
    JPanel row = new JPanel();
    row.setLayout(new BoxLayout(row, BoxLayout.X_AXIS));
    row.setBorder(BorderFactory.createEmptyBorder(0, MARGIN, MARGIN, MARGIN));
    row.add(Box.createHorizontalGlue());
    for (int i = 0; i < components.length; i++) {
      if (i > 0) {
        row.add(Box.createRigidArea(new Dimension(8, 0)));
      }
      row.add(components[i]);
    }
    return row;
  }

  /** The component's font with a style and a scale. */
  static Font font(Component component, int style, float scale) {
    Font base = component.getFont() != null ? component.getFont() : UIManager.getFont("Label.font");
    return base.deriveFont(style, base.getSize2D() * scale);
  }
}

package dev.ichie.token.gui;

import javax.swing.JButton;
import javax.swing.JComponent;

/** One screen of the window: its component, and what happens when it comes and goes. EDT only. */
interface Screen {

  /** The screen's card name, also the root component's name: {@code clock}, {@code code}, … */
  String id();

  /** The root component. */
  JComponent component();

  /** Called on the EDT when the screen becomes visible. */
  default void shown() {}

  /** Called on the EDT when another screen replaces it, or the window closes. */
  default void hidden() {}

  /** Called on the EDT when the window closes: stop every timer. */
  default void closed() {
    hidden();
  }

  /** The button Enter presses on this screen, or null. */
  default JButton defaultButton() {
    return null;
  }

  /** The component that gets the focus when the screen is shown, or null. */
  default JComponent firstFocus() {
    return null;
  }
}

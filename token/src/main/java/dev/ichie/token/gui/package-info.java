/**
 * The token app's desktop window (F2 and the codes), in Swing with the FlatLaf look and feel,
 * phone-sized, on top of the core API of {@link dev.ichie.token.TokenApp}. Its screens follow the
 * seed: the date and time check (「トークンを利用する携帯電話の日時を確認します」), the activation form (サービスID, ユーザーID,
 * 利用開始パスワード, 「送信」, 「終了」), 「アプリロックについて」 with 「次へ」, and the ワンタイムパスワード screen; plus the PIN screen of
 * a locked vault.
 *
 * <ul>
 *   <li>{@link dev.ichie.token.gui.DesktopApp}: opens the window (the command line's {@code gui}
 *       subcommand, and the jar without arguments on a desktop).
 *   <li>{@link dev.ichie.token.gui.TokenWindow}: the window and the way between its screens.
 *   <li>{@link dev.ichie.token.gui.GuiSettings}: what the window takes from its surroundings.
 * </ul>
 *
 * <p>Every text is a {@code gui.*} key (or a core key) of {@link dev.ichie.token.Texts}; every
 * component a test or a screen reader needs has a name ({@link java.awt.Component#getName()}) and
 * an accessible name. Network and Argon2id work run in {@link javax.swing.SwingWorker}s, never on
 * the event dispatch thread.
 */
package dev.ichie.token.gui;

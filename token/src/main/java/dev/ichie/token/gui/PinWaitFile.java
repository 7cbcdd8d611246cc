package dev.ichie.token.gui;

import dev.ichie.token.TokenHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The PIN screen's back-off, kept beside the vault ({@code pin-wait}: the wrong PINs in a row and
 * the instant until which the next one waits), so that closing and opening the window does not
 * start the count again. It slows guessing at the window; a copied vault is protected by the PIN's
 * Argon2id cost, not by this file. A file that cannot be read counts as none.
 */
final class PinWaitFile {

  /**
   * What the file says.
   *
   * @param wrongPins the wrong PINs in a row
   * @param until until when the next PIN waits
   */
  record State(int wrongPins, Instant until) {}

  private final Path file;

  PinWaitFile(TokenHome home) {
    this.file = home.directory().resolve("pin-wait");
  }

  State read() {
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
      return new State(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
    } catch (IOException | RuntimeException e) {
      return new State(0, Instant.EPOCH);
    }
  }

  void write(State state) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("pin-wait.tmp");
      Files.writeString(
          tmp, state.wrongPins() + " " + state.until().toEpochMilli(), StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // The wait still holds in this window; only a restart would not know it.
    }
  }

  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale count only makes the next wrong PIN wait sooner
    }
  }
}

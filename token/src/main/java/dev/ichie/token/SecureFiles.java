package dev.ichie.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files only their owner can read, written atomically: a new file is written beside the old one,
 * flushed to the disk, renamed over it, and the directory flushed, so that a crash at any moment
 * leaves either the old file or the new one, never a mix. Without POSIX permissions (Windows) the
 * files keep the directory's default access.
 *
 * <p>Stateless and thread-safe; writers of one file are serialised by {@link VaultLock}.
 */
final class SecureFiles {

  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private static final String TEMPORARY_MARK = ".tmp-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecureFiles() {}

  static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory (and its parents) if missing and makes it the owner's only. */
  static void ensurePrivateDirectory(Path directory) throws IOException {
    if (posix(directory)) {
      if (!Files.isDirectory(directory)) {
        Path parent = directory.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try {
          Files.createDirectory(
              directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
          // made by another process meanwhile
        }
      }
      if (!Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
      }
    } else {
      Files.createDirectories(directory);
    }
  }

  /**
   * Replaces (or creates) a file with new content atomically; the file is the owner's only.
   *
   * @param target the file
   * @param content the new content
   */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    Path temporary =
        directory.resolve(target.getFileName() + TEMPORARY_MARK + HexFormat.of().formatHex(suffix));
    FileAttribute<?>[] attributes =
        posix(directory)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
            : new FileAttribute<?>[0];
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              attributes)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace " + target + " atomically", e);
      }
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Deletes a file and flushes its directory. */
  static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      syncDirectory(file.toAbsolutePath().getParent());
    }
  }

  /** Removes temporary files a crash may have left beside {@code target}. */
  static void removeLeftovers(Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(directory)) {
      return;
    }
    String prefix = target.getFileName() + TEMPORARY_MARK;
    try (var entries = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path leftover : entries) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  /** Makes an existing file the owner's only (POSIX), e.g. after a copy that widened it. */
  static void restrictToOwner(Path file) throws IOException {
    if (posix(file)
        && Files.exists(file)
        && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }
  }

  /** Flushes a directory's entries (the rename) to the disk, where the platform allows it. */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel; NTFS journals the rename itself.
    }
  }
}

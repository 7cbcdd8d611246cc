package dev.ichie.token;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writers of one home: a lock in this JVM (file locks are per process) and an
 * exclusive lock on the home's lock file (other processes, such as the command line beside the
 * desktop app). Readers need no lock: writes are atomic renames.
 *
 * <p>Thread-safe.
 */
final class VaultLock {

  /** Work done while holding the lock. */
  interface Work<T> {
    T run() throws IOException, TokenException;
  }

  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private VaultLock() {}

  static <T> T holding(TokenHome home, Work<T> work) throws IOException, TokenException {
    ReentrantLock local = LOCAL.computeIfAbsent(home.directory(), d -> new ReentrantLock());
    local.lock();
    try {
      SecureFiles.ensurePrivateDirectory(home.directory());
      Set<StandardOpenOption> options =
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      FileAttribute<?>[] ownerOnly =
          SecureFiles.posix(home.directory())
              ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(SecureFiles.OWNER_ONLY_FILE)
              }
              : new FileAttribute<?>[0];
      try (FileChannel channel = FileChannel.open(home.lockFile(), options, ownerOnly)) {
        FileLock lock = channel.lock();
        try {
          return work.run();
        } finally {
          lock.release();
        }
      }
    } finally {
      local.unlock();
    }
  }
}

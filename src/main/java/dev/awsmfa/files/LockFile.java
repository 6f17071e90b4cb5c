package dev.awsmfa.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * An exclusive lock on a sidecar file such as {@code credentials.lock}, which every awsmfa takes
 * before it re-reads and replaces the shared files, so that runs at the same time (cron and a
 * person, or refreshes of several profiles) never lose each other's changes.
 *
 * <p>The lock file is created private and never deleted: deleting it would let a waiting process
 * lock a file that the next process no longer sees. The operating system drops the lock when its
 * holder dies, so a killed run never leaves the lock held.
 */
public final class LockFile implements AutoCloseable {
  private static final long POLL_MILLIS = 20;

  private final FileChannel channel;
  private final FileLock lock;

  private LockFile(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file for {@code file}: beside it, with {@code .lock} added to its name. */
  public static Path pathFor(Path file) {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /**
   * Takes the lock, waiting up to {@code patience} for another holder to let go.
   *
   * @throws IOException if the file cannot be opened, or the lock is still held after that long
   */
  public static LockFile acquire(Path path, Duration patience) throws IOException {
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    AtomicFile.createDirectories(path.toAbsolutePath().getParent(), posix);
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    FileChannel channel = FileChannel.open(path,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), attributes);
    try {
      long deadline = System.nanoTime() + patience.toNanos();
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return new LockFile(channel, lock);
        }
        if (System.nanoTime() > deadline) {
          throw new FileSystemException(path.toString(), null,
              "another awsmfa has held this lock for " + patience.toSeconds() + " seconds");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      throw new FileSystemException(path.toString(), null, "interrupted while waiting for it");
    }
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}

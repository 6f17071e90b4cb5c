package dev.awsmfa.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * An exclusive lock on a sidecar file such as {@code credentials.lock}, which every awsmfa takes
 * before it re-reads and replaces a shared file, so that runs at the same time (cron and a
 * person, or refreshes of several profiles) never lose each other's changes.
 *
 * <p>The lock file is created private to the user who runs awsmfa, and never deleted:
 * deleting it would let a waiting process lock a file that the next process no longer sees. The
 * operating system drops the lock when its holder dies, so a killed run never leaves it held. It
 * is opened only as a regular file and never through a symbolic link, which another user could
 * have pointed at a file that awsmfa would then create or lock.
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
   * Whether the lock file for {@code file} can be opened, or created, for writing: a regular file
   * or none, never followed if it is a link.
   */
  public static boolean canOpen(Path file) throws IOException {
    Path path = pathFor(file);
    return !isThereButNoRegularFile(path) && AtomicFile.at(path).canWrite();
  }

  /**
   * Takes the lock on the lock file of {@code file}, waiting up to {@code patience} for another
   * holder to let go.
   *
   * @throws IOException if the lock file cannot be opened, or is still locked after that long
   */
  public static LockFile acquire(Path file, Duration patience) throws IOException {
    Path path = pathFor(file);
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    AtomicFile.createDirectories(path.toAbsolutePath().getParent(), posix);
    if (isThereButNoRegularFile(path)) {
      throw new FileSystemException(path.toString(), null, "not a regular file");
    }
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), attributes);
    try {
      long start = System.nanoTime();
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new LockFile(channel, lock);
        }
        if (System.nanoTime() - start > patience.toNanos()) {
          String waited = patience.toMillis() % 1000 == 0 ? patience.toSeconds() + " seconds"
              : patience.toMillis() + " ms";
          throw new FileSystemException(path.toString(), null,
              "another awsmfa has held this lock for " + waited);
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

  /**
   * Whether something other than a regular file stands at {@code path}: opening a pipe would
   * hang, and a link could point anywhere, even at a file of root's.
   */
  private static boolean isThereButNoRegularFile(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** The lock, or null if someone holds it, in this process or another. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this process, as when awsmfa runs embedded in threads
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

package dev.awsmfa.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file that is only ever replaced whole: the new content goes to a private temporary file beside
 * the target, is flushed to disk, and is renamed over the target in one atomic step. A reader, a
 * crash or a full disk sees either the old file or the new one, never a mix.
 *
 * <p>A symbolic link is followed to its final target, which is what gets replaced, so the link
 * stays a link. An existing file keeps its permission bits; a new one is private to its owner.
 */
public final class AtomicFile {
  /** Names every temporary file, so that a leftover one can be recognised. */
  public static final String TEMP_SUFFIX = ".awsmfa.tmp";

  private static final int MAX_LINKS = 40;
  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private final Path target;

  private AtomicFile(Path target) {
    this.target = target;
  }

  /** The file at {@code path}, or at the end of the links that start there. */
  public static AtomicFile at(Path path) throws IOException {
    return new AtomicFile(followLinks(path));
  }

  /** The file that is read and replaced: {@code path} with every link followed. */
  public Path target() {
    return target;
  }

  /**
   * The file's bytes, or empty if it does not exist.
   *
   * @throws IOException if it cannot be read, is not a regular file, or is larger than {@link
   *     BoundedFiles#MAX_BYTES}
   */
  public Optional<byte[]> read() throws IOException {
    try {
      return Optional.of(BoundedFiles.read(target));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether this process can write the file, or create it: its directory, or the nearest existing
   * ancestor of that directory, is writable.
   */
  public boolean canWrite() {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(target)) {
      return false;
    }
    Path dir = target.toAbsolutePath().getParent();
    // A dangling link counts as existing here, and then as no directory: it cannot be created.
    while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      dir = dir.getParent();
    }
    return dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
  }

  /**
   * Writes {@code content} to a private temporary file beside the target and flushes it to disk.
   * Nothing visible changes until {@link Staged#commit()}.
   */
  public Staged stage(byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    createDirectories(dir, posix);
    Path temp =
        posix
            ? Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX,
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE))
            : Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
    Staged staged = new Staged(temp);
    Runtime.getRuntime().addShutdownHook(staged.cleanup);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (posix && Files.exists(target)) {
        PosixFileAttributes original = Files.readAttributes(target, PosixFileAttributes.class);
        copyOwnership(temp, original);
        Files.setPosixFilePermissions(temp, original.permissions());
      }
      return staged;
    } catch (IOException | RuntimeException e) {
      staged.close();
      throw e;
    }
  }

  /**
   * Gives the new file the old one's owner and group, as far as this user may, so that a group
   * someone chose for the file stays. Only root may give a file away; a user may only pick one of
   * their own groups.
   */
  private static void copyOwnership(Path temp, PosixFileAttributes original) {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    try {
      PosixFileAttributes current = view.readAttributes();
      if (!current.owner().equals(original.owner())) {
        view.setOwner(original.owner());
      }
      if (!current.group().equals(original.group())) {
        view.setGroup(original.group());
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not permitted: the file stays owned by whoever runs awsmfa, with the old mode.
    }
  }

  static void createDirectories(Path dir, boolean posix) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY)}
            : new FileAttribute<?>[0];
    Files.createDirectories(dir, attributes);
  }

  private static Path followLinks(Path path) throws IOException {
    Path current = path;
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops == MAX_LINKS) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(current);
      current = current.resolveSibling(link);
    }
    return current;
  }

  /** New content written beside the target, waiting to replace it. */
  public final class Staged implements AutoCloseable {
    private final Path temp;
    /** Removes the temporary file, which holds secrets, if the process is stopped (Ctrl-C). */
    private final Thread cleanup;
    private boolean done;

    private Staged(Path temp) {
      this.temp = temp;
      this.cleanup = new Thread(() -> {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // The process is ending; nothing else can be done.
        }
      });
    }

    /** Renames the new content over the target in one step, and flushes the directory. */
    public void commit() throws IOException {
      if (done) {
        throw new IllegalStateException("already committed or discarded");
      }
      Path dir = target.toAbsolutePath().getParent();
      // Flushed before the rename as well: a directory that cannot be flushed fails here, while
      // the old file is still in place, instead of after it has been replaced.
      syncDirectory(dir, true);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      forgetCleanup();
      syncDirectory(dir, false);
    }

    /** Removes the temporary file unless the content was committed. */
    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        Files.deleteIfExists(temp);
        forgetCleanup();
      }
    }

    private void forgetCleanup() {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs, and finds nothing or the file to delete.
      }
    }
  }

  /**
   * Flushes a directory so that a rename in it survives a power cut. Some platforms cannot open
   * a directory at all (Windows); there the rename is as durable as the platform makes it. A
   * failed flush is an error only when {@code strict}: after the rename the new file is in place
   * either way, and reporting a failure then would be untrue.
   */
  private static void syncDirectory(Path dir, boolean strict) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try (channel) {
      channel.force(true);
    } catch (IOException e) {
      // EINVAL and EBADF mean that this file system cannot flush directories at all, as
      // PostgreSQL also concludes: that is no fault, and failing would fail every refresh.
      boolean unsupported = e.getMessage() != null
          && (e.getMessage().contains("Invalid argument")
              || e.getMessage().contains("Bad file descriptor"));
      if (strict && !unsupported) {
        throw e;
      }
    }
  }

  /**
   * Removes temporary files that a killed run left beside the target. Call it only while holding
   * the {@link LockFile}, so that no other run is writing one of them.
   */
  public void removeLeftovers() throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    // Exactly what stage() creates: another file's temporary files ("credentials-work")
    // are not this file's, and may be another run's, under another lock.
    Pattern ours = Pattern.compile(
        Pattern.quote("." + target.getFileName()) + "-?\\d+" + Pattern.quote(TEMP_SUFFIX));
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
        p -> ours.matcher(p.getFileName().toString()).matches())) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  /** The file's permission bits, where the file exists and the file system has them. */
  public Optional<Set<PosixFilePermission>> permissions() throws IOException {
    if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")
        || !Files.exists(target)) {
      return Optional.empty();
    }
    return Optional.of(Files.getPosixFilePermissions(target));
  }
}

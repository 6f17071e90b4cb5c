package dev.awsmfa.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads the files awsmfa is pointed at (the shared files, a CA bundle) only when they are regular
 * files of a sane size: a pipe or a device would hang it or never end, and a file of gigabytes
 * would take its memory. A credentials file of 10,000 profiles is about 1 MiB.
 */
public final class BoundedFiles {
  /** The largest file awsmfa reads: 16 MiB. */
  public static final int MAX_BYTES = 16 << 20;

  private BoundedFiles() {}

  /**
   * The bytes of the regular file at {@code path}, links followed.
   *
   * @throws FileTooLargeException if it holds more than {@link #MAX_BYTES}, checked before it is
   *     read and again while it is read
   * @throws FileSystemException if it is not a regular file
   */
  public static byte[] read(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(path.toString(), null, "not a regular file");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new FileTooLargeException(path, attributes.size());
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new FileTooLargeException(path, bytes.length); // it grew while being read
      }
      return bytes;
    }
  }

  /** A file larger than awsmfa reads. */
  public static final class FileTooLargeException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    FileTooLargeException(Path path, long size) {
      super(path.toString(), null, String.format(Locale.ROOT, "%,d bytes, over the 16 MiB"
          + " (%,d bytes) that awsmfa reads", size, MAX_BYTES));
    }
  }
}

package dev.awsmfa.files;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a shared file can be trusted before a one-time code is spent on it: nobody but its
 * owner can have planted what awsmfa reads (an {@code endpoint_url}, a {@code ca_bundle}) or
 * steer where it writes.
 *
 * <p>The checks, in order: every symbolic link on the way to the file belongs to the caller (or
 * to root); the file's directory, the file and its lock file belong to the caller (or to root,
 * except for the lock file), and neither the directory nor the file is writable by others, or by
 * a group with members besides the owner. When the caller is root, "the caller (or root)" is root
 * alone, and every directory above the file must belong to root too: root working on another
 * user's files could be led anywhere by that user's links, so it is told to run as that user, as
 * git does for a repository that someone else owns.
 */
public final class PathTrust {
  private static final int MAX_LINKS = 40;

  private final FileSystem fs;
  private final Caller caller;
  private final Accounts accounts;

  /** Checks files on {@code fs} for {@code caller}. */
  public PathTrust(FileSystem fs, Caller caller) {
    this.fs = fs;
    this.caller = caller;
    this.accounts = new Accounts(fs);
  }

  /**
   * What makes {@code file} untrustworthy, if anything. A file system without owners and
   * permission bits (Windows) has nothing to check.
   *
   * @throws IOException if a link or directory on the way cannot be read
   */
  public Optional<Untrusted> check(Path file) throws IOException {
    if (!fs.supportedFileAttributeViews().contains("posix")) {
      return Optional.empty();
    }
    Owners owners = new Owners(caller.user(fs), caller.superuser(fs));
    Walk walk = new Walk(owners);
    Path real = walk.resolve(file.toAbsolutePath());
    if (walk.untrusted != null) {
      return Optional.of(walk.untrusted);
    }
    Path dir = real.getParent();
    while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      dir = dir.getParent(); // awsmfa creates ~/.aws: what it creates it in must be safe
    }
    Optional<Untrusted> found = Optional.empty();
    if (dir != null) {
      found = checked(dir, owners, false);
      for (Path above = dir.getParent(); found.isEmpty() && owners.callerIsRoot() && above != null;
          above = above.getParent()) {
        found = owned(above, attributes(above), owners);
      }
    }
    if (found.isEmpty() && Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
      found = checked(real, owners, false);
    }
    Path lock = LockFile.pathFor(real);
    if (found.isEmpty() && Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
      found = checked(lock, owners, true);
    }
    return found;
  }

  /** The owner, the kind and the write permissions of one path. */
  private Optional<Untrusted> checked(Path path, Owners owners, boolean lock) throws IOException {
    PosixFileAttributes attributes = attributes(path);
    if (lock && !attributes.isRegularFile()) {
      return Optional.of(owners.found(Untrusted.Kind.NOT_A_FILE, path, "", ""));
    }
    if (lock && !attributes.owner().equals(owners.caller())) {
      return Optional.of(owners.found(Untrusted.Kind.OWNED_BY_OTHER, path,
          attributes.owner().getName(), ""));
    }
    Optional<Untrusted> owned = owned(path, attributes, owners);
    if (owned.isPresent()) {
      return owned;
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    String owner = attributes.owner().getName();
    if (mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      return Optional.of(
          owners.found(Untrusted.Kind.WRITABLE_BY_OTHERS, path, "", octal(mode)));
    }
    if (mode.contains(PosixFilePermission.GROUP_WRITE)
        && !accounts.isPrivateGroup(attributes.group().getName(), owner)) {
      return Optional.of(owners.found(Untrusted.Kind.WRITABLE_BY_GROUP, path,
          attributes.group().getName(), octal(mode)));
    }
    return Optional.empty();
  }

  private static Optional<Untrusted> owned(Path path, PosixFileAttributes attributes,
      Owners owners) {
    return owners.trusts(attributes.owner()) ? Optional.empty()
        : Optional.of(owners.found(Untrusted.Kind.OWNED_BY_OTHER, path,
            attributes.owner().getName(), ""));
  }

  private static PosixFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /** "0775": the permission bits in octal. */
  public static String octal(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return "0" + Integer.toOctalString(mode | 01000).substring(1);
  }

  /** Whose files are trusted: the caller's, and root's unless the caller is root. */
  private record Owners(UserPrincipal caller, UserPrincipal superuser) {
    boolean callerIsRoot() {
      return caller.equals(superuser);
    }

    boolean trusts(UserPrincipal owner) {
      return owner.equals(caller) || owner.equals(superuser);
    }

    Untrusted found(Untrusted.Kind kind, Path path, String who, String mode) {
      return new Untrusted(kind, path, who, mode, callerIsRoot());
    }
  }

  /**
   * Resolves a path one name at a time, as the kernel does, checking the owner of each link it
   * meets; the first untrusted link stops it.
   */
  private final class Walk {
    private final Owners owners;
    private int links;
    private Untrusted untrusted;

    Walk(Owners owners) {
      this.owners = owners;
    }

    Path resolve(Path absolute) throws IOException {
      Path current = absolute.getRoot();
      for (Path name : absolute) {
        if (untrusted != null) {
          return current;
        }
        String text = name.toString();
        if (text.equals(".")) {
          continue;
        }
        if (text.equals("..")) {
          current = current.getParent() == null ? current : current.getParent();
          continue;
        }
        Path next = current.resolve(text);
        if (Files.isSymbolicLink(next)) {
          if (++links > MAX_LINKS) {
            throw new FileSystemException(absolute.toString(), null,
                "too many levels of symbolic links");
          }
          UserPrincipal owner = attributes(next).owner();
          if (!owners.trusts(owner)) {
            untrusted = owners.found(Untrusted.Kind.LINK_OWNED_BY_OTHER, next, owner.getName(),
                "");
            return next;
          }
          next = resolve(current.resolve(Files.readSymbolicLink(next)));
        }
        current = next;
      }
      return current;
    }
  }

  /**
   * Why a path is not to be trusted.
   *
   * @param kind what is wrong
   * @param path the link, directory or file
   * @param who the other owner, or the group that may write, else empty
   * @param mode the permission bits in octal, for a writable path, else empty
   * @param byRoot whether awsmfa runs as root
   */
  public record Untrusted(Kind kind, Path path, String who, String mode, boolean byRoot) {
    /** What is wrong with a path. */
    public enum Kind {
      /** A symbolic link on the way belongs to another user. */
      LINK_OWNED_BY_OTHER,
      /** The directory, the file or the lock file belongs to another user. */
      OWNED_BY_OTHER,
      /** Anyone may write it. */
      WRITABLE_BY_OTHERS,
      /** A group with members besides the owner may write it. */
      WRITABLE_BY_GROUP,
      /** A lock file that is not a regular file. */
      NOT_A_FILE
    }
  }
}

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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a file that awsmfa reads and writes can be trusted before a one-time code is spent on
 * it: nobody but its owner can have planted what awsmfa reads (an {@code endpoint_url}, a {@code
 * ca_bundle}) or steer where it writes.
 *
 * <p>The path is followed one name at a time, as the kernel follows it. Every directory on the
 * way, and the file, must belong to the caller or to root, and be writable by no one else: not by
 * others (a directory with the sticky bit, such as {@code /tmp}, excepted, as nobody can replace
 * what is in it), and not by a group with members besides the owner (a user's private group, as
 * Debian gives everyone, is fine). Every symbolic link on the way must belong to the caller or to
 * root; a lock file must be a regular file of the caller's own. When the caller is root, "the
 * caller or root" is root alone: root working on another user's files could be led anywhere by
 * that user's links, so it is told to run as that user, as git does for a repository that someone
 * else owns. These are the rules of OpenSSH's {@code safe_path}, with Debian's private groups.
 */
public final class PathTrust {
  private static final int MAX_LINKS = 40;
  private static final int STICKY = 01000;

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
   * What makes {@code file}, the directories and links on the way to it, or its lock file
   * untrustworthy, if anything. A file system without owners and permission bits (Windows) has
   * nothing to check.
   *
   * @throws IOException if a link or directory on the way cannot be read
   */
  public Optional<Untrusted> check(Path file) throws IOException {
    return check(file, true);
  }

  /** The same for a file that awsmfa only reads, such as a CA bundle: no lock file. */
  public Optional<Untrusted> checkReadOnly(Path file) throws IOException {
    return check(file, false);
  }

  private Optional<Untrusted> check(Path file, boolean withLock) throws IOException {
    if (!fs.supportedFileAttributeViews().contains("posix")) {
      return Optional.empty();
    }
    Walk walk = new Walk(new Owners(caller.user(fs), caller.superuser(fs)));
    Path real = walk.resolve(file.toAbsolutePath());
    if (walk.untrusted == null && Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
      walk.untrusted = walk.checkFile(real);
    }
    Path lock = LockFile.pathFor(real);
    if (walk.untrusted == null && withLock && Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
      walk.untrusted = walk.checkLock(lock);
    }
    return Optional.ofNullable(walk.untrusted);
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
   * Resolves a path one name at a time, checking each directory it enters and each link it meets;
   * the first untrusted one stops it.
   */
  private final class Walk {
    private final Owners owners;
    private final Set<Path> checked = new HashSet<>();
    private int links;
    private Untrusted untrusted;

    Walk(Owners owners) {
      this.owners = owners;
    }

    Path resolve(Path absolute) throws IOException {
      Path current = absolute.getRoot();
      for (Path name : absolute) {
        if (untrusted == null && checked.add(current)) {
          untrusted = checkDirectory(current);
        }
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

    /** A directory that does not exist yet is one that awsmfa may create: nothing to check. */
    private Untrusted checkDirectory(Path dir) throws IOException {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      PosixFileAttributes attributes = attributes(dir);
      Untrusted owned = owned(dir, attributes);
      return owned != null ? owned : writable(dir, attributes, isSticky(dir));
    }

    Untrusted checkFile(Path file) throws IOException {
      PosixFileAttributes attributes = attributes(file);
      Untrusted owned = owned(file, attributes);
      return owned != null ? owned : writable(file, attributes, false);
    }

    Untrusted checkLock(Path lock) throws IOException {
      PosixFileAttributes attributes = attributes(lock);
      if (!attributes.isRegularFile()) {
        return owners.found(Untrusted.Kind.NOT_A_FILE, lock, "", "");
      }
      if (!attributes.owner().equals(owners.caller())) {
        return owners.found(Untrusted.Kind.LOCK_OWNED_BY_OTHER, lock,
            attributes.owner().getName(), "");
      }
      return writable(lock, attributes, false);
    }

    private Untrusted owned(Path path, PosixFileAttributes attributes) {
      return owners.trusts(attributes.owner()) ? null
          : owners.found(Untrusted.Kind.OWNED_BY_OTHER, path, attributes.owner().getName(), "");
    }

    private Untrusted writable(Path path, PosixFileAttributes attributes, boolean sticky) {
      if (sticky) {
        return null;
      }
      Set<PosixFilePermission> mode = attributes.permissions();
      if (mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        return owners.found(Untrusted.Kind.WRITABLE_BY_OTHERS, path, "", octal(mode));
      }
      if (mode.contains(PosixFilePermission.GROUP_WRITE)
          && !accounts.isPrivateGroup(attributes.group().getName(),
              attributes.owner().getName())) {
        return owners.found(Untrusted.Kind.WRITABLE_BY_GROUP, path, attributes.group().getName(),
            octal(mode));
      }
      return null;
    }
  }

  private static PosixFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Whether only a file's owner may rename or remove it in this directory. The sticky bit is
   * outside the POSIX view; a file system without the "unix" view has none to show.
   */
  private static boolean isSticky(Path dir) {
    try {
      return (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS))
          & STICKY) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException
        | ClassCastException e) {
      return false;
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
      /** A directory on the way, or the file, belongs to another user. */
      OWNED_BY_OTHER,
      /** The lock file belongs to another user. */
      LOCK_OWNED_BY_OTHER,
      /** Anyone may write it. */
      WRITABLE_BY_OTHERS,
      /** A group with members besides the owner may write it. */
      WRITABLE_BY_GROUP,
      /** A lock file that is not a regular file. */
      NOT_A_FILE
    }
  }
}

package dev.awsmfa.files;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * The user awsmfa runs as, and the superuser, as a file system names the owners of its files: the
 * files awsmfa writes, and every link and directory on the way to them, must belong to one of
 * them (to the caller alone when the caller is the superuser).
 *
 * <p>The process's own user is asked for only when a refresh checks its files, not on every run:
 * {@code status} and {@code --help} never need it.
 */
public final class Caller {
  private final String user;
  private final String superuser;

  private Caller(String user, String superuser) {
    this.user = user;
    this.superuser = superuser;
  }

  /** The user this process runs as. */
  public static Caller ofProcess() {
    return new Caller(null, "0");
  }

  /** A caller named as {@code fs}'s lookup service names users, for tests on another file system. */
  public static Caller of(String user, String superuser) {
    return new Caller(user, superuser);
  }

  /** The caller's principal on {@code fs}. */
  UserPrincipal user(FileSystem fs) throws IOException {
    return user != null ? lookup(fs).lookupPrincipalByName(user) : processUser(fs);
  }

  /** The superuser's principal on {@code fs}. */
  UserPrincipal superuser(FileSystem fs) throws IOException {
    return lookup(fs).lookupPrincipalByName(superuser);
  }

  private static UserPrincipalLookupService lookup(FileSystem fs) {
    return fs.getUserPrincipalLookupService();
  }

  /**
   * The effective user: on Linux the owner of {@code /proc/self}, which names even a user id
   * without an entry in the password database (as in a container run with {@code --user}), for
   * which the JDK's {@link UnixSystem} says 0, root. Elsewhere (macOS) {@link UnixSystem}, whose
   * answer is trusted only with a user name.
   */
  private static UserPrincipal processUser(FileSystem fs) throws IOException {
    Path self = fs.getPath("/proc/self");
    if (Files.isDirectory(self)) {
      return Files.getOwner(self);
    }
    try {
      UnixSystem system = new UnixSystem();
      if (system.getUsername() == null) {
        throw new IOException("this process's user id has no name");
      }
      return lookup(fs).lookupPrincipalByName(Long.toString(system.getUid()));
    } catch (LinkageError | SecurityException e) {
      throw new IOException("cannot tell which user this process runs as", e);
    }
  }
}

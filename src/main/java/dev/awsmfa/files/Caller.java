package dev.awsmfa.files;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.FileSystem;
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

  /** The user of this process, by its numeric user id, which the JDK's lookup accepts. */
  public static Caller ofProcess() {
    return new Caller(null, "0");
  }

  /** A caller named as {@code fs}'s lookup service names users, for tests on another file system. */
  public static Caller of(String user, String superuser) {
    return new Caller(user, superuser);
  }

  /** The caller's principal on {@code fs}. */
  UserPrincipal user(FileSystem fs) throws IOException {
    return lookup(fs).lookupPrincipalByName(user != null ? user : processUser());
  }

  /** The superuser's principal on {@code fs}. */
  UserPrincipal superuser(FileSystem fs) throws IOException {
    return lookup(fs).lookupPrincipalByName(superuser);
  }

  private static UserPrincipalLookupService lookup(FileSystem fs) {
    return fs.getUserPrincipalLookupService();
  }

  private static String processUser() throws IOException {
    try {
      return Long.toString(new UnixSystem().getUid());
    } catch (UnsatisfiedLinkError | SecurityException e) {
      throw new IOException("cannot tell which user this process runs as", e);
    }
  }
}

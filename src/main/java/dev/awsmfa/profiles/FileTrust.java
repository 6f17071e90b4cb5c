package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.PathTrust.Untrusted;
import dev.awsmfa.files.PathTrust;
import dev.awsmfa.files.Reasons;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before the code is spent, shared files that another user could have changed: one who
 * can set {@code endpoint_url} or {@code ca_bundle} receives the code and can plant a session of
 * their own, and one who owns a link on the way can make root write wherever they like.
 */
public final class FileTrust {
  private final FileSystem fs;
  private final Environment env;

  /** Trust as the user of {@code env} sees it, on {@code fs}. */
  public FileTrust(FileSystem fs, Environment env) {
    this.fs = fs;
    this.env = env;
  }

  /**
   * Checks both files, the directories and links on the way to them, and their lock files.
   *
   * @throws AwsmfaException naming the first path that cannot be trusted and what to do
   */
  public void require(AwsPaths paths) {
    for (Path file : List.of(paths.credentials(), paths.config())) {
      require(file, paths.display(file), true, paths);
    }
  }

  /**
   * Checks a file that awsmfa only reads, such as a CA bundle, and the directories and links on
   * the way to it; {@code display} names it.
   */
  public void requireReadOnly(Path file, String display, AwsPaths paths) {
    require(file, display, false, paths);
  }

  private void require(Path file, String display, boolean withLock, AwsPaths paths) {
    PathTrust trust = new PathTrust(fs, env.caller());
    Optional<Untrusted> found;
    try {
      found = withLock ? trust.check(file) : trust.checkReadOnly(file);
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "cannot check who may change " + display + " ("
          + Reasons.of(e) + "): fix the path or its permissions", e);
    }
    if (found.isPresent()) {
      throw new AwsmfaException(ExitCode.FILE, message(found.get(),
          paths.display(found.get().path())));
    }
  }

  private static String message(Untrusted u, String path) {
    return switch (u.kind()) {
      case LINK_OWNED_BY_OTHER, OWNED_BY_OTHER -> {
        String what = u.kind() == Untrusted.Kind.LINK_OWNED_BY_OTHER ? path + " is a link that"
            : path;
        yield u.byRoot()
            ? what + " belongs to " + u.who() + ", and awsmfa runs as root, which must not"
                + " write through what another user controls: run awsmfa as " + u.who()
                + " (for example 'sudo -u " + u.who() + " -H awsmfa')"
            : what + " belongs to " + u.who() + ", not to you, so awsmfa cannot trust it: run"
                + " awsmfa as " + u.who() + ", or point AWS_SHARED_CREDENTIALS_FILE and"
                + " AWS_CONFIG_FILE at files of your own";
      }
      case WRITABLE_BY_OTHERS -> path + " is writable by every user (mode " + u.mode() + "), so"
          + " anyone could have changed what awsmfa reads: run 'chmod o-w " + path + "', check"
          + " what is in it, then run awsmfa again";
      case WRITABLE_BY_GROUP -> path + " is writable by group " + u.who() + ", which has"
          + " members besides its owner (mode " + u.mode() + "): run 'chmod g-w " + path
          + "', check what is in it, then run awsmfa again";
      case LOCK_OWNED_BY_OTHER -> path + " belongs to " + u.who() + ", not to you, as after an"
          + " older awsmfa ran under sudo: remove it (it holds nothing; 'sudo rm " + path + "'),"
          + " then run awsmfa again";
      case NOT_A_FILE -> path + " is not a regular file (a link, a directory or a pipe), and"
          + " awsmfa locks only regular files: remove it, then run awsmfa again";
    };
  }
}

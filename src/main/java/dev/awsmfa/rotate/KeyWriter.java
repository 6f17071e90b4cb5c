package dev.awsmfa.rotate;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.files.Reasons;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.sts.LongTermKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes a new long-term key over the old one in the file that holds it, as a refresh writes a
 * session: under the lock that every awsmfa takes, to what is on disk now, replaced atomically,
 * and only if no program changed the file between the read and the rename.
 */
final class KeyWriter {
  private final AwsPaths paths;
  private final String profile;
  private final Duration patience;

  KeyWriter(AwsPaths paths, String profile, Duration patience) {
    this.paths = paths;
    this.profile = profile;
    this.patience = patience;
  }

  /**
   * Replaces {@code old} with {@code replacement} in {@code file}. Once this returns, the new key
   * is on disk; once it has thrown, the file is as it was.
   *
   * @throws AwsmfaException if the file cannot be written or no longer holds {@code old}
   */
  void write(Path file, LongTermKeys old, LongTermKeys replacement) {
    String display = paths.display(file);
    LockFile lock;
    Path target;
    try {
      target = AtomicFile.at(file).target();
      lock = LockFile.acquire(target, patience);
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not lock " + display + " ("
          + Reasons.of(e) + ")", e);
    }
    try {
      AwsProfiles.KeyFileEdit edit = new AwsProfiles(SharedFile.credentials(paths),
          SharedFile.config(paths)).keysReplaced(profile, old, replacement);
      SharedFile edited = edit.file();
      if (!edited.file().target().equals(target)) {
        throw new AwsmfaException(ExitCode.FILE, "the access key of profile '" + profile
            + "' moved to " + edited.display() + " while awsmfa was rotating it");
      }
      try (AtomicFile.Staged staged = edited.file().stage(edit.content())) {
        if (!edited.unchangedOnDisk()) {
          throw new AwsmfaException(ExitCode.FILE, "another program changed " + display
              + " while awsmfa was writing the new key");
        }
        staged.commit();
      }
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not write " + display + " ("
          + Reasons.of(e) + ")", e);
    } finally {
      // The system drops the lock when the process ends; a failure to release it changes
      // nothing on disk, so it must never count as a failed write.
      try {
        lock.close();
      } catch (IOException e) {
        // See above.
      }
    }
  }
}

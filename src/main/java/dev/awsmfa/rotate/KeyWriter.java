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
   * Replaces {@code old} with {@code replacement}.
   *
   * @throws AwsmfaException with the file as it was, if it cannot be written or no longer holds
   *     {@code old}
   */
  void write(Path file, LongTermKeys old, LongTermKeys replacement) {
    String display = paths.display(file);
    try (LockFile lock = LockFile.acquire(AtomicFile.at(file).target(), patience)) {
      SharedFile credentials = SharedFile.credentials(paths);
      SharedFile config = SharedFile.config(paths);
      AwsProfiles.KeyFileEdit edit = new AwsProfiles(credentials, config)
          .keysReplaced(profile, old, replacement);
      SharedFile target = edit.file();
      try (AtomicFile.Staged staged = target.file().stage(edit.content())) {
        if (!target.unchangedOnDisk()) {
          throw new AwsmfaException(ExitCode.FILE, "another program changed " + display
              + " while awsmfa was writing the new key");
        }
        staged.commit();
      }
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not write " + display + " ("
          + Reasons.of(e) + ")", e);
    }
  }
}

package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.files.Reasons;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.SessionOrigin;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes a new session into the shared files, under the lock that every awsmfa takes, so that
 * runs at the same time never lose each other's changes.
 *
 * <p>Both files are read again under the lock and the edit is made to what is on disk now, not to
 * what was read before the STS call: another awsmfa, or another program, may have changed them
 * meanwhile. Just before the files are replaced they are compared with what was read once more,
 * and the edit starts over if a program that takes no lock changed them in between.
 */
final class SessionWriter {
  /** How long to wait for another awsmfa to finish writing. */
  static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  private final AwsPaths paths;
  private final String source;
  private final String target;
  private final Optional<String> region;
  private final Optional<SessionOrigin> origin;
  private final boolean configChanges;
  private final boolean recordSerial;
  private final Duration patience;

  /**
   * A writer of one session. {@code configChanges} says whether the checks found that the config
   * file needs a change, and so its lock; a file that needs none is not locked. With {@code
   * recordSerial}, the origin's MFA device, just found in IAM, is recorded in the source profile.
   */
  SessionWriter(AwsPaths paths, String source, String target, Optional<String> region,
      Optional<SessionOrigin> origin, boolean configChanges, boolean recordSerial,
      Duration patience) {
    this.recordSerial = recordSerial;
    this.origin = origin;
    this.paths = paths;
    this.source = source;
    this.target = target;
    this.region = region;
    this.configChanges = configChanges;
    this.patience = patience;
  }

  void write(SessionTokens tokens) {
    Path credentialsFile = realPath(paths.credentials());
    Path configFile = realPath(paths.config());
    // Always the credentials lock first, then the config lock: two runs never wait on each other.
    LockFile credentialsLock = lock(credentialsFile);
    try {
      LockFile configLock = !configChanges || configFile.equals(credentialsFile) ? null
          : lock(configFile);
      try {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
          if (writeOnce(tokens)) {
            return;
          }
        }
        throw new AwsmfaException(ExitCode.FILE, "another program kept changing "
            + paths.display(paths.credentials()) + " or " + paths.display(paths.config())
            + " while awsmfa was writing, so both files are as they were: run awsmfa again with"
            + " the next code");
      } finally {
        release(configLock);
      }
    } finally {
      release(credentialsLock);
    }
  }

  private Path realPath(Path path) {
    try {
      return AtomicFile.at(path).target();
    } catch (IOException e) {
      throw failure(paths.display(path), e);
    }
  }

  private LockFile lock(Path file) {
    try {
      return LockFile.acquire(file, patience);
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not lock "
          + paths.display(LockFile.pathFor(file)) + " (" + Reasons.of(e) + "), so both files are"
          + " as they were: fix that, then run awsmfa again with the next code", e);
    }
  }

  /** The system drops the lock when the process ends, so a failure here loses nothing. */
  private static void release(LockFile lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        // See above.
      }
    }
  }

  /**
   * Reads, edits and replaces both files; false, with both as they were, if a program that takes
   * no lock changed one since it was read. Each file is compared just before its own rename.
   */
  private boolean writeOnce(SessionTokens tokens) {
    SharedFile credentials = SharedFile.credentials(paths);
    SharedFile config = SharedFile.config(paths);
    AwsProfiles profiles = new AwsProfiles(credentials, config);
    profiles.checkTarget(target, source);
    byte[] newCredentials = profiles.credentialsWith(target, tokens);
    Optional<byte[]> newConfig = profiles.configWith(target, region, origin, recordSerial);

    SharedFile current = credentials;
    try {
      credentials.file().removeLeftovers();
      if (configChanges) {
        // Only under the config lock: a run for another credentials file that shares this
        // config may be writing one of its temporary files right now.
        config.file().removeLeftovers();
      }
      try (AtomicFile.Staged stagedCredentials = credentials.file().stage(newCredentials)) {
        if (newConfig.isPresent()) {
          current = config;
          try (AtomicFile.Staged stagedConfig = config.file().stage(newConfig.get())) {
            if (!config.unchangedOnDisk()) {
              return false;
            }
            stagedConfig.commit();
          }
        }
        current = credentials;
        if (!credentials.unchangedOnDisk()) {
          putBackOrFail(credentials, config, newConfig.isPresent(), null);
          return false;
        }
        try {
          stagedCredentials.commit();
        } catch (IOException e) {
          putBackOrFail(credentials, config, newConfig.isPresent(), e);
          throw e;
        }
      }
      return true;
    } catch (IOException e) {
      throw failure(current.display(), e);
    }
  }

  /** Puts back the config file replaced before; if that fails too, says so. */
  private static void putBackOrFail(SharedFile credentials, SharedFile config,
      boolean configReplaced, IOException cause) {
    if (configReplaced && !restore(config)) {
      String why = cause == null ? "another program changed it" : Reasons.of(cause);
      throw new AwsmfaException(ExitCode.FILE, "could not write " + credentials.display()
          + " (" + why + "), and could not put back the old " + config.display()
          + ", which keeps its new profile section: fix that, then run awsmfa again with the"
          + " next code", cause);
    }
  }

  /** Puts back a file as it was read; false if that failed too. */
  private static boolean restore(SharedFile file) {
    try {
      if (file.original().isPresent()) {
        try (AtomicFile.Staged staged = file.file().stage(file.original().get())) {
          staged.commit();
        }
      } else {
        Files.deleteIfExists(file.file().target());
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static AwsmfaException failure(String display, IOException e) {
    return new AwsmfaException(ExitCode.FILE, "could not write " + display + " (" + Reasons.of(e)
        + "), so both files are as they were: fix that, then run awsmfa again with the next code",
        e);
  }
}

package dev.awsmfa;

import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Reasons;
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
  static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  private final AwsPaths paths;
  private final String source;
  private final String target;
  private final Optional<String> region;

  SessionWriter(AwsPaths paths, String source, String target, Optional<String> region) {
    this.paths = paths;
    this.source = source;
    this.target = target;
    this.region = region;
  }

  void write(SessionTokens tokens) {
    Path lockPath;
    try {
      lockPath = LockFile.pathFor(AtomicFile.at(paths.credentials()).target());
    } catch (IOException e) {
      throw failure(paths.display(paths.credentials()), e);
    }
    try (LockFile lock = LockFile.acquire(lockPath, LOCK_PATIENCE)) {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        if (writeOnce(tokens)) {
          return;
        }
      }
      throw new AwsmfaException(ExitCode.FILE, "another program kept changing "
          + paths.display(paths.credentials()) + " while awsmfa was writing it, so both files are"
          + " as they were: run awsmfa again with the next code");
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not lock " + paths.display(lockPath) + " ("
          + Reasons.of(e) + "), so both files are as they were: run awsmfa again with the next"
          + " code", e);
    }
  }

  /** Reads, edits and replaces both files; false if one changed under us before any was. */
  private boolean writeOnce(SessionTokens tokens) {
    SharedFile credentials =
        SharedFile.load(paths.credentials(), paths.display(paths.credentials()));
    SharedFile config = SharedFile.load(paths.config(), paths.display(paths.config()));
    AwsProfiles profiles = new AwsProfiles(credentials, config);
    profiles.checkTarget(target, source);
    byte[] newCredentials = profiles.credentialsWith(target, tokens);
    Optional<byte[]> newConfig = profiles.configWith(target, region);

    SharedFile current = credentials;
    try {
      credentials.file().removeLeftovers();
      config.file().removeLeftovers();
      try (AtomicFile.Staged stagedCredentials = credentials.file().stage(newCredentials)) {
        current = config;
        Optional<AtomicFile.Staged> stagedConfig = newConfig.isPresent()
            ? Optional.of(config.file().stage(newConfig.get())) : Optional.empty();
        try {
          if (!credentials.unchangedOnDisk() || !config.unchangedOnDisk()) {
            return false;
          }
          if (stagedConfig.isPresent()) {
            stagedConfig.get().commit();
          }
        } finally {
          if (stagedConfig.isPresent()) {
            stagedConfig.get().close();
          }
        }
        current = credentials;
        commitOrPutBack(stagedCredentials, credentials, config, newConfig.isPresent());
      }
      return true;
    } catch (IOException e) {
      throw failure(current.display(), e);
    }
  }

  /** Replaces the credentials file; if that fails, puts back the config file replaced before. */
  private static void commitOrPutBack(AtomicFile.Staged staged, SharedFile credentials,
      SharedFile config, boolean configReplaced) throws IOException {
    try {
      staged.commit();
    } catch (IOException e) {
      if (configReplaced && !restore(config)) {
        throw new AwsmfaException(ExitCode.FILE, "could not write " + credentials.display()
            + " (" + Reasons.of(e) + "), and could not put back the old " + config.display()
            + ", which keeps its new profile section: fix that, then run awsmfa again with the"
            + " next code", e);
      }
      throw e;
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

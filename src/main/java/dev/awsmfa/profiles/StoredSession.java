package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.TimeText;
import java.nio.file.FileSystem;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored session of a profile, for a script: {@code awsmfa export} prints it, and {@code
 * awsmfa exec} hands it to a command. No code, no network and no SDK: as cheap as {@code status}.
 */
public final class StoredSession {
  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;

  /** The session stored in the files that {@code env} names, valid as of {@code clock}. */
  public StoredSession(FileSystem fs, Environment env, Clock clock) {
    this.fs = fs;
    this.env = env;
    this.clock = clock;
  }

  /**
   * The session of profile {@code name}, if it has not expired. The files are checked first, as
   * for a refresh: what is read here leaves as secrets.
   *
   * @throws AwsmfaException with {@link ExitCode#EXPIRED} if it has expired or there is none
   */
  public SessionTokens of(String name) {
    AwsPaths paths = env.awsPaths(fs);
    new FileTrust(fs, env).require(paths);
    SharedFile credentials = SharedFile.credentials(paths);
    AwsProfiles profiles = new AwsProfiles(credentials, SharedFile.config(paths));
    Optional<Instant> expiration = profiles.expiration(name);
    Optional<SessionTokens> session = profiles.session(name);
    if (expiration.isEmpty() || session.isEmpty()) {
      throw new AwsmfaException(ExitCode.EXPIRED, name + ": no session in "
          + credentials.display() + ": run awsmfa with a code");
    }
    if (!expiration.get().isAfter(clock.instant())) {
      throw new AwsmfaException(ExitCode.EXPIRED, name + ": expired at "
          + TimeText.local(expiration.get(), clock) + ": run awsmfa with a new code");
    }
    return session.get();
  }
}

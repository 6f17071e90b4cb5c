package dev.awsmfa.rotate;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.files.Reasons;
import dev.awsmfa.iam.AwsPlace;
import dev.awsmfa.iam.IamCalls;
import dev.awsmfa.iam.IamUser;
import dev.awsmfa.iam.SigningKeys;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.FileTrust;
import dev.awsmfa.profiles.ProfileNames;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.profiles.SourceProfile;
import dev.awsmfa.refresh.Endpoints;
import dev.awsmfa.refresh.Network;
import dev.awsmfa.refresh.Refresh;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.SdkEnvironment;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.OneLine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code awsmfa rotate}: replaces a source profile's long-term access key with a new one, with
 * the IAM calls signed by the MFA session, so that accounts that allow key changes only with MFA
 * allow this one. Everything that can be checked is checked first; {@link KeyReplacement} then
 * makes the changes in the order that always leaves one working key.
 */
public final class Rotate {
  /** At least this much of the MFA session must be left for the calls that follow. */
  static final Duration SESSION_MARGIN = Duration.ofMinutes(5);
  /** How long to wait for another awsmfa to finish with the key's file. */
  public static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);

  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;
  private final Refresh refresh;
  private final IamCalls.Connector iam;
  private final Pause pause;
  private final PrintStream err;
  private final Duration lockPatience;

  /** How the wait for a new key sleeps; tests pass one that does not. */
  @FunctionalInterface
  public interface Pause {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * A rotation of the key in the files that {@code env} names, which gets an MFA session with
   * {@code refresh} when there is no valid one, calls IAM through {@code iam}, and writes its
   * messages to {@code err}.
   */
  public Rotate(FileSystem fs, Environment env, Clock clock, Refresh refresh,
      IamCalls.Connector iam, Pause pause, PrintStream err) {
    this(fs, env, clock, refresh, iam, pause, err, LOCK_PATIENCE);
  }

  /** The same, waiting {@code lockPatience} for another awsmfa to finish with the key's file. */
  public Rotate(FileSystem fs, Environment env, Clock clock, Refresh refresh,
      IamCalls.Connector iam, Pause pause, PrintStream err, Duration lockPatience) {
    this.lockPatience = lockPatience;
    this.fs = fs;
    this.env = env;
    this.clock = clock;
    this.refresh = refresh;
    this.iam = iam;
    this.pause = pause;
    this.err = err;
  }

  /**
   * Rotates the key.
   *
   * @throws AwsmfaException for every failure, saying which key is where
   */
  public void run(RotateOptions options) {
    AwsPaths paths = env.awsPaths(fs);
    new FileTrust(fs, env).require(paths);
    SdkEnvironment.check(env.variables());
    String name = sourceName(options);
    String target = options.mfaProfileName();
    AwsProfiles profiles = profiles(paths);
    SourceProfile source = profiles.source(name);
    if (source.keySource().fromProgram()) {
      throw new AwsmfaException(ExitCode.USAGE, "profile '" + name + "' gets its keys from "
          + source.origin().replaceFirst("^the credential_process of profile '[^']*' in ",
              "the credential_process in ")
          + ", which awsmfa cannot write to: create the new key with 'aws iam create-access-key',"
          + " store it where that program keeps it, then delete the old one with 'aws iam"
          + " delete-access-key'");
    }
    profiles.checkTarget(target, name);
    LongTermKeys old = source.keySource().keys();
    List<String> copies = profiles.otherCopies(name, old.accessKeyId());
    if (!copies.isEmpty()) {
      throw new AwsmfaException(ExitCode.USAGE, "the access key of profile '" + name + "' is"
          + " also in " + String.join(" and ", copies) + ", which would stop working when it is"
          + " replaced: remove the copies (a profile can use it through source_profile = "
          + name + "), then run awsmfa rotate again");
    }
    SharedFile keyFile = profiles.keyFile(name);
    keyFile.requireWritable();
    if (!options.quiet()) {
      keyFile.exposure().ifPresent(warning -> err.println("awsmfa: warning: "
          + OneLine.of(warning)));
    }

    Endpoints endpoints = new Endpoints(env, profiles, name);
    Optional<URI> stsEndpoint = endpoints.of("sts");
    AwsPlace place = new AwsPlace(endpoints.region(Optional.empty(), source.region()),
        stsEndpoint, endpoints.of("iam"),
        new Network(env, fs, paths).settings(profiles, name, stsEndpoint));
    IamUser user = userOf(old, source.origin(), place);
    SessionTokens session = session(options, profiles, name, target, user, place);

    // One rotation of a file's key at a time: a second one's cleanup could take the first's key.
    try (LockFile running = rotationLock(keyFile, lockPatience);
        IamCalls admin = iam.connect(SigningKeys.of(session), place)) {
      KeyWriter writer = new KeyWriter(paths, name, lockPatience);
      KeyReplacement replacement = new KeyReplacement(admin, iam, place, user, target, clock,
          pause);
      LongTermKeys created = replacement.replace(old, keyFile.display(),
          newKey -> writer.write(keyFile.file().target(), old, newKey), options.deactivateOld());
      if (!options.quiet()) {
        err.println(name + ": access key " + old.accessKeyId() + " replaced by "
            + created.accessKeyId() + " in " + keyFile.display() + "; the old key is "
            + (options.deactivateOld() ? "deactivated: delete it with "
                + replacement.command("delete-access-key", old.accessKeyId())
                + " once nothing uses it" : "deleted"));
      }
    } catch (IOException e) {
      // Only releasing the rotation's lock throws this, after everything is done; the system
      // drops the lock when the process ends.
    }
  }

  /**
   * The lock that every rotation of {@code keyFile}'s key takes, beside the file's own lock,
   * which the write takes on its own.
   */
  private static LockFile rotationLock(SharedFile keyFile, Duration patience)
      throws IOException {
    Path file = keyFile.file().target();
    try {
      return LockFile.acquire(file.resolveSibling(file.getFileName() + ".rotate"), patience);
    } catch (IOException e) {
      throw new AwsmfaException(ExitCode.FILE, "could not take the lock of awsmfa rotate beside "
          + keyFile.display() + " (" + Reasons.of(e) + "): if another awsmfa rotate is running,"
          + " wait for it, then run awsmfa rotate again", e);
    }
  }

  private AwsProfiles profiles(AwsPaths paths) {
    return new AwsProfiles(SharedFile.credentials(paths), SharedFile.config(paths));
  }

  /** As for a refresh, except that exported keys, which awsmfa cannot rewrite, are refused. */
  private String sourceName(RotateOptions options) {
    if (options.profile().isPresent()) {
      return options.profile().get();
    }
    if (env.get("AWS_ACCESS_KEY_ID").isPresent()) {
      throw new AwsmfaException(ExitCode.USAGE, "the access key to rotate is exported in"
          + " AWS_ACCESS_KEY_ID, where awsmfa cannot replace it: rotate it where it is set (create"
          + " one with 'aws iam create-access-key', then delete the old one), or pass --profile"
          + " with a profile that stores the key");
    }
    return env.get("AWS_PROFILE").map(p -> ProfileNames.check("AWS_PROFILE", p))
        .orElse("default");
  }

  /** The IAM user that the old key belongs to, named in every call that follows. */
  private IamUser userOf(LongTermKeys old, String origin, AwsPlace place) {
    IamUser caller;
    try (IamCalls asKey = iam.connect(SigningKeys.of(old), place)) {
      caller = asKey.caller();
    } catch (AwsmfaException e) {
      if (e.exitCode() != ExitCode.STS_REFUSED) {
        throw e.exitCode() == ExitCode.STS_UNAVAILABLE
            ? KeyReplacement.unchanged(e, "try awsmfa rotate again in a few minutes") : e;
      }
      throw KeyReplacement.unchanged(e, "the key in " + origin + " does not work, so it cannot"
          + " be rotated; put a working key there (create one in the IAM console), and delete"
          + " the old one in IAM");
    }
    if (caller.userName().isEmpty()) {
      throw new AwsmfaException(ExitCode.USAGE, "the key in " + origin + " belongs to "
          + caller.arn() + ", not to an IAM user, so awsmfa cannot rotate it: nothing was"
          + " changed; pass --profile with a profile that holds an IAM user's key");
    }
    return caller;
  }

  /**
   * The target's MFA session if it is valid for a while yet, came from this source, and is the
   * user's own; else a new one, from a refresh that asks for a code as every refresh does.
   */
  private SessionTokens session(RotateOptions options, AwsProfiles profiles, String name,
      String target, IamUser user, AwsPlace place) {
    Optional<Instant> expiration = profiles.expiration(target);
    boolean fromSource = profiles.origin(target).map(o -> o.profile().equals(name))
        .orElse(false);
    boolean valid = fromSource && expiration.isPresent()
        && expiration.get().isAfter(clock.instant().plus(SESSION_MARGIN));
    Optional<SessionTokens> stored = valid ? profiles.session(target) : Optional.empty();
    if (stored.isPresent() && isOwn(stored.get(), user, target, place)) {
      return stored.get();
    }
    refresh.run(options.refresh());
    return profiles(env.awsPaths(fs)).session(target).orElseThrow(() -> new AwsmfaException(
        ExitCode.FILE, "the MFA session just written to profile '" + target + "' cannot be read"
            + " back: check the files, then run awsmfa rotate again"));
  }

  /**
   * Whether the session speaks for the key's own user; if not, a refresh replaces it. A valid
   * role session is refused rather than replaced: the user keeps it for the role. A local
   * emulator of STS may answer for a session with a placeholder that names no IAM user, and
   * such a session of the same account is taken as it is.
   */
  private boolean isOwn(SessionTokens session, IamUser user, String target, AwsPlace place) {
    IamUser holder;
    try (IamCalls asSession = iam.connect(SigningKeys.of(session), place)) {
      holder = asSession.caller();
    } catch (AwsmfaException e) {
      return false;
    }
    if (holder.arn().contains(":assumed-role/")) {
      throw new AwsmfaException(ExitCode.USAGE, "profile '" + target + "' holds a session of "
          + holder.arn() + ", not of IAM user " + user.userName().orElseThrow() + ", and IAM"
          + " changes the user's keys only with the user's own MFA session: pass"
          + " --mfa-profile-name with another profile, where awsmfa rotate writes one");
    }
    if (holder.arn().equals(user.arn())) {
      return true;
    }
    boolean placeholder = holder.userName().isEmpty() && !holder.arn().endsWith(":root")
        && !holder.arn().contains(":federated-user/");
    return placeholder && holder.account().equals(user.account());
  }
}

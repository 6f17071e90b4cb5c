package dev.awsmfa.rotate;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.iam.AccessKey;
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
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.TimeText;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Replaces a source profile's long-term access key with a new one, with the IAM calls signed by
 * the MFA session, so that accounts that allow key changes only with MFA allow this one.
 *
 * <p>The order makes every failure leave one working key, both in the file and in IAM: the new key
 * is created, waited for until it answers, and written over the old one; only then is the old one
 * deleted. A failure before the write deletes the new key again.
 */
public final class Rotate {
  /** At least this much of the MFA session must be left for the calls that follow. */
  static final Duration SESSION_MARGIN = Duration.ofMinutes(5);
  /** How long to wait for a new key to be accepted: IAM is eventually consistent. */
  static final Duration NEW_KEY_PATIENCE = Duration.ofSeconds(60);
  private static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);

  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;
  private final Refresh refresh;
  private final IamCalls.Connector iam;
  private final Pause pause;
  private final PrintStream err;

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
    SharedFile keyFile = profiles.keysReplaced(name, old, old).file();
    keyFile.requireWritable();

    SessionTokens session = session(options, profiles, name, target);
    profiles = profiles(paths);
    Endpoints endpoints = new Endpoints(env, profiles, name);
    Optional<URI> stsEndpoint = endpoints.of("sts");
    AwsPlace place = new AwsPlace(endpoints.region(Optional.empty(), source.region()),
        stsEndpoint, endpoints.of("iam"),
        new Network(env, fs, paths).settings(profiles, name, stsEndpoint));

    String user = userOf(old, source.origin(), place);
    try (IamCalls admin = iam.connect(SigningKeys.of(session), place)) {
      onlyKey(admin, user, old, keyFile.display());
      LongTermKeys created = admin.createAccessKey(user);
      try {
        waitUntilAnswers(created, user, place);
        new KeyWriter(paths, name, LOCK_PATIENCE).write(keyFile.file().target(), old, created);
      } catch (AwsmfaException e) {
        throw withdrawn(admin, user, created, e);
      }
      retire(admin, user, old, created, keyFile.display(), options.deactivateOld());
      if (!options.quiet()) {
        err.println(name + ": access key " + old.accessKeyId() + " replaced by "
            + created.accessKeyId() + " in " + keyFile.display() + "; the old key is "
            + (options.deactivateOld() ? "deactivated: delete it with 'aws iam delete-access-key"
                + " --user-name " + user + " --access-key-id " + old.accessKeyId()
                + "' once nothing uses it" : "deleted"));
      }
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

  /**
   * The target's MFA session, if it is valid for a while yet and came from this source; else a
   * new one, from a refresh that asks for a code as every refresh does.
   */
  private SessionTokens session(RotateOptions options, AwsProfiles profiles, String name,
      String target) {
    Optional<Instant> expiration = profiles.expiration(target);
    boolean fromSource = profiles.origin(target).map(o -> o.profile().equals(name))
        .orElse(false);
    boolean valid = fromSource && expiration.isPresent()
        && expiration.get().isAfter(clock.instant().plus(SESSION_MARGIN));
    Optional<SessionTokens> stored = valid ? profiles.session(target) : Optional.empty();
    if (stored.isPresent()) {
      return stored.get();
    }
    refresh.run(options.refresh());
    return profiles(env.awsPaths(fs)).session(target).orElseThrow(() -> new AwsmfaException(
        ExitCode.FILE, "the MFA session just written to profile '" + target + "' cannot be read"
            + " back: check the files, then run awsmfa rotate again"));
  }

  /** The IAM user that the old key belongs to, named in every call that follows. */
  private String userOf(LongTermKeys old, String origin, AwsPlace place) {
    try (IamCalls asKey = iam.connect(SigningKeys.of(old), place)) {
      IamUser caller = asKey.caller();
      return caller.userName().orElseThrow(() -> new AwsmfaException(ExitCode.USAGE,
          "the key in " + origin + " belongs to " + caller.arn() + ", not to an IAM user, so"
              + " awsmfa cannot rotate it: nothing was changed"));
    } catch (AwsmfaException e) {
      throw unchanged(e);
    }
  }

  /** IAM allows two keys per user: with two, one must go first, and the user chooses which. */
  private void onlyKey(IamCalls admin, String user, LongTermKeys old, String file) {
    try {
      for (AccessKey key : admin.accessKeys(user)) {
        if (!key.id().equals(old.accessKeyId())) {
          String used = admin.lastUsed(key.id()).map(t -> "last used " + TimeText.local(t, clock))
              .orElse("never used");
          throw new AwsmfaException(ExitCode.STS_REFUSED, "IAM user " + user + " already has a"
              + " second access key besides the one in " + file + ": " + key.id() + " ("
              + (key.active() ? "active" : "inactive") + ", " + used + "), and IAM allows two;"
              + " delete it if nothing uses it ('aws iam delete-access-key --user-name " + user
              + " --access-key-id " + key.id() + "'), then run awsmfa rotate again: nothing was"
              + " changed");
        }
      }
    } catch (AwsmfaException e) {
      throw e.getMessage().endsWith("nothing was changed") ? e : unchanged(e);
    }
  }

  /** Until the new key answers GetCallerIdentity as the same user; IAM takes a few seconds. */
  private void waitUntilAnswers(LongTermKeys created, String user, AwsPlace place) {
    Instant giveUp = clock.instant().plus(NEW_KEY_PATIENCE);
    Duration wait = Duration.ofMillis(500);
    AwsmfaException last;
    do {
      try (IamCalls asNewKey = iam.connect(SigningKeys.of(created), place)) {
        if (asNewKey.caller().userName().equals(Optional.of(user))) {
          return;
        }
        last = new AwsmfaException(ExitCode.STS_REFUSED, "it answered as another identity");
      } catch (AwsmfaException e) {
        last = e;
      }
      try {
        pause.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
          : wait.multipliedBy(2);
    } while (clock.instant().isBefore(giveUp));
    throw new AwsmfaException(ExitCode.STS_UNAVAILABLE, "the new access key "
        + created.accessKeyId() + " did not work within " + NEW_KEY_PATIENCE.toSeconds()
        + " seconds (" + last.getMessage() + ")", last.detail(), last);
  }

  /** The old key goes only now that the new one is on disk and works. */
  private void retire(IamCalls admin, String user, LongTermKeys old, LongTermKeys created,
      String file, boolean deactivate) {
    try {
      if (deactivate) {
        admin.deactivateAccessKey(user, old.accessKeyId());
      } else {
        admin.deleteAccessKey(user, old.accessKeyId());
      }
    } catch (AwsmfaException e) {
      throw new AwsmfaException(ExitCode.STS_REFUSED, "the new access key "
          + created.accessKeyId() + " is in " + file + " and works, but the old key "
          + old.accessKeyId() + " is still " + (deactivate ? "active" : "there") + ": "
          + e.getMessage() + "; " + (deactivate ? "deactivate" : "delete") + " it with 'aws iam "
          + (deactivate ? "update-access-key --status Inactive" : "delete-access-key")
          + " --user-name " + user + " --access-key-id " + old.accessKeyId() + "'", e.detail(), e);
    }
  }

  /** A failure before the write: the new key is deleted again, so the old one stays alone. */
  private AwsmfaException withdrawn(IamCalls admin, String user, LongTermKeys created,
      AwsmfaException cause) {
    try {
      admin.deleteAccessKey(user, created.accessKeyId());
    } catch (AwsmfaException e) {
      return new AwsmfaException(cause.exitCode(), cause.getMessage() + "; the old key is still"
          + " in place, but the new key " + created.accessKeyId() + " could not be deleted ("
          + e.getMessage() + "): delete it with 'aws iam delete-access-key --user-name " + user
          + " --access-key-id " + created.accessKeyId() + "'", cause.detail(), cause);
    }
    return new AwsmfaException(cause.exitCode(), cause.getMessage() + "; the new key was deleted"
        + " again, and the old key is still in place", cause.detail(), cause);
  }

  private static AwsmfaException unchanged(AwsmfaException e) {
    return new AwsmfaException(e.exitCode(), e.getMessage() + ": nothing was changed",
        e.detail(), e);
  }
}

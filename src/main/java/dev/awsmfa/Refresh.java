package dev.awsmfa;

import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.files.LockFile;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.profiles.SourceProfile;
import dev.awsmfa.sts.SessionTokenRequest;
import dev.awsmfa.sts.SessionTokenSource;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One refresh: read and check everything, spend the code on GetSessionToken, and write the
 * session. Every check that can fail runs before the call, because STS takes each code only once.
 */
final class Refresh {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;
  private final Supplier<SessionTokenSource> sts;
  private final Messages messages;
  private final Duration lockPatience;

  Refresh(FileSystem fs, Environment env, Clock clock, Supplier<SessionTokenSource> sts,
      Messages messages) {
    this(fs, env, clock, sts, messages, SessionWriter.LOCK_PATIENCE);
  }

  /** A refresh that waits {@code lockPatience} for another awsmfa to finish writing. */
  Refresh(FileSystem fs, Environment env, Clock clock, Supplier<SessionTokenSource> sts,
      Messages messages, Duration lockPatience) {
    this.fs = fs;
    this.env = env;
    this.clock = clock;
    this.sts = sts;
    this.messages = messages;
    this.lockPatience = lockPatience;
  }

  void run(RefreshOptions options) {
    AwsPaths paths = AwsPaths.resolve(fs, env.variables(), env.javaUserHome());
    SharedFile credentials = SharedFile.load(paths.credentials(), paths.display(paths.credentials()));
    SharedFile config = SharedFile.load(paths.config(), paths.display(paths.config()));
    messages.debug("credentials file " + credentials.file().target() + ", config file "
        + config.file().target());

    AwsProfiles profiles = new AwsProfiles(credentials, config);
    String sourceName = options.profile()
        .or(() -> env.get("AWS_PROFILE").map(p -> RefreshOptions.profile("AWS_PROFILE", p)))
        .orElse("default");
    SourceProfile source = profiles.source(sourceName);
    // The region is copied into the config file, so it is checked even when a flag overrides it.
    source.region().ifPresent(r -> RefreshOptions.region(
        "the region of " + source.origin(), r, ExitCode.FILE));
    String target = options.mfaProfileName();
    profiles.checkTarget(target, sourceName);
    requireWritable(credentials);
    boolean configChanges = profiles.configWith(target, source.region()).isPresent();
    if (configChanges) {
      requireWritable(config);
    }
    String region = region(options, source);
    Optional<URI> endpoint = options.endpoint().or(this::endpointFromEnvironment);
    // Only now that every check has passed: a problem that stops the refresh comes alone.
    credentials.exposure().ifPresent(messages::warn);
    credentials.warnings().forEach(messages::warn);
    config.warnings().forEach(messages::warn);
    messages.debug("source keys from " + source.origin() + "; region " + region + "; endpoint "
        + endpoint.map(URI::toString).orElse("the SDK's regional STS endpoint"));

    SessionTokens tokens = sts.get().getSessionToken(new SessionTokenRequest(
        source.keys(), source.origin(), region, endpoint, options.serialNumber(),
        options.tokenCode(), options.durationSeconds()));

    new SessionWriter(paths, sourceName, target, source.region(), configChanges, lockPatience)
        .write(tokens);
    Duration left = Duration.between(clock.instant(), tokens.expiration());
    messages.info(target + ": session valid until "
        + LOCAL_TIME.format(tokens.expiration().atZone(clock.getZone())) + " ("
        + Messages.duration(left) + ")");
  }

  /** The AWS CLI's order: the flag, the environment, the profile, then us-east-1. */
  private String region(RefreshOptions options, SourceProfile source) {
    return options.region()
        .or(() -> env.get("AWS_REGION").map(r -> RefreshOptions.region("AWS_REGION", r)))
        .or(() -> env.get("AWS_DEFAULT_REGION")
            .map(r -> RefreshOptions.region("AWS_DEFAULT_REGION", r)))
        .or(source::region)
        .orElse("us-east-1");
  }

  private Optional<URI> endpointFromEnvironment() {
    if (env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").filter("true"::equalsIgnoreCase)
        .isPresent()) {
      return Optional.empty();
    }
    for (String name : new String[] {"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"}) {
      Optional<String> url = env.get(name);
      if (url.isPresent()) {
        return Optional.of(RefreshOptions.endpoint(name, url.get()));
      }
    }
    return Optional.empty();
  }

  /** The file, and the lock file beside it, can be written: checked before the code is spent. */
  private static void requireWritable(SharedFile file) {
    if (!file.file().canWrite()) {
      throw new AwsmfaException(ExitCode.FILE, "cannot write " + file.display()
          + ": it or its directory is not writable; fix the permissions, then run awsmfa again");
    }
    boolean lockable;
    try {
      lockable = LockFile.canOpen(file.file().target());
    } catch (IOException e) {
      lockable = false;
    }
    if (!lockable) {
      throw new AwsmfaException(ExitCode.FILE, "cannot write the lock file beside "
          + file.display() + " (" + LockFile.pathFor(file.file().target()).getFileName()
          + "): fix its permissions, then run awsmfa again");
    }
  }
}

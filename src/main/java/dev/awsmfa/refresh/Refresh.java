package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.iam.AwsPlace;
import dev.awsmfa.iam.IamCalls;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.FileTrust;
import dev.awsmfa.profiles.KeySource;
import dev.awsmfa.profiles.ProfileNames;
import dev.awsmfa.profiles.SessionOrigin;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.profiles.SourceProfile;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.NetworkSettings;
import dev.awsmfa.sts.RoleRequest;
import dev.awsmfa.sts.SdkEnvironment;
import dev.awsmfa.sts.SessionTokenRequest;
import dev.awsmfa.sts.SessionTokenSource;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.DurationText;
import dev.awsmfa.text.TimeText;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One refresh: read and check everything, spend the code on GetSessionToken, and write the
 * session. Every check that can fail runs before the call, because STS takes each code only once;
 * the code itself is asked for last, as it is good for only a few seconds.
 */
public final class Refresh {
  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;
  private final Supplier<SessionTokenSource> sts;
  private final IamCalls.Connector iam;
  private final TokenCodes codes;
  private final PrintStream out;
  private final PrintStream err;
  private final Duration lockPatience;

  /**
   * A refresh of the files that {@code env} names, with STS from {@code sts}, built only when it
   * is called; the session goes to {@code out} only when asked for, and messages to {@code err}.
   */
  public Refresh(FileSystem fs, Environment env, Clock clock, Supplier<SessionTokenSource> sts,
      IamCalls.Connector iam, TokenCodes codes, PrintStream out, PrintStream err) {
    this(fs, env, clock, sts, iam, codes, out, err, SessionWriter.LOCK_PATIENCE);
  }

  /**
   * A refresh that waits {@code lockPatience} for another awsmfa to finish writing. IAM, from
   * {@code iam}, is called only to find an MFA device that nothing names.
   */
  public Refresh(FileSystem fs, Environment env, Clock clock, Supplier<SessionTokenSource> sts,
      IamCalls.Connector iam, TokenCodes codes, PrintStream out, PrintStream err,
      Duration lockPatience) {
    this.fs = fs;
    this.env = env;
    this.clock = clock;
    this.sts = sts;
    this.iam = iam;
    this.codes = codes;
    this.out = out;
    this.err = err;
    this.lockPatience = lockPatience;
  }

  /**
   * Refreshes the session, or finds with {@code --min-remaining} that there is nothing to do.
   *
   * @throws AwsmfaException for every failure, with the files untouched
   */
  public void run(RefreshOptions options) {
    Messages messages = new Messages(err, options.quiet(), options.debug());
    AwsPaths paths = env.awsPaths(fs);
    // Files that another user controls are refused before they are even read, unless this run
    // may find nothing to do: that one reads an expiry only, spends no code and writes nothing,
    // and is checked only if it is to go on, or to print a stored session for a script.
    FileTrust trust = new FileTrust(fs, env);
    boolean mayBeSkipped = options.minRemaining().isPresent() && !options.force();
    boolean trustedFirst = !mayBeSkipped || options.output().isPresent();
    if (trustedFirst) {
      trust.require(paths);
    }
    SharedFile credentials = SharedFile.credentials(paths);
    SharedFile config = SharedFile.config(paths);
    messages.debug("credentials file " + credentials.file().target() + ", config file "
        + config.file().target());

    AwsProfiles profiles = new AwsProfiles(credentials, config);
    Optional<String> exported = env.get("AWS_PROFILE");
    String sourceName = options.profile().isPresent() ? options.profile().get()
        : exported.isPresent() ? ProfileNames.check("AWS_PROFILE", exported.get())
        : "default";
    String target = options.mfaProfileName();
    Network net = new Network(env, fs, paths);
    // First: a run with nothing to do needs no keys, no code and no network.
    if (stillValid(options, profiles, target, messages)) {
      return;
    }
    if (!trustedFirst) {
      trust.require(paths);
    }
    SourceProfile source = source(options, profiles, sourceName);
    // The region is copied into the config file, so it is checked even when a flag overrides it.
    source.region().ifPresent(r -> RequestChecks.region(
        "the region of " + source.origin(), r, ExitCode.FILE));
    profiles.checkTarget(target, sourceName);
    Optional<String> configuredSerial = options.serialNumber()
        .or(() -> profiles.setting(sourceName, "mfa_serial").map(s -> RequestChecks.serialNumber(
            "the mfa_serial of profile '" + sourceName + "'", s)));
    // With no device named, IAM is asked, and the device it names is recorded with the session,
    // in the profile whose keys were used: exported keys may be another user's.
    boolean discover = configuredSerial.isEmpty();
    boolean record = discover && !options.noWrite() && !exportedKeys(options);
    Optional<RoleRequest> role = options.roleArn().map(arn -> new RoleRequest(arn,
        options.roleSessionName().orElseGet(this::defaultSessionName), options.externalId()));
    int duration = options.durationSeconds()
        .or(() -> profiles.setting(sourceName, "duration_seconds").map(d ->
            RequestChecks.duration("the duration_seconds of profile '" + sourceName + "'", d)))
        .orElse(role.isPresent() ? RequestChecks.DEFAULT_ROLE_DURATION
            : RequestChecks.DEFAULT_DURATION);
    if (role.isPresent() && duration > RequestChecks.MAX_ROLE_DURATION) {
      throw new AwsmfaException(ExitCode.USAGE, "a role session lasts at most 43200 seconds (12"
          + " hours), not " + duration + ": give --duration-seconds 43200 or less");
    }
    // Every edit of the config file is tried now, so that one it cannot make fails before the
    // code is spent; a device not found yet is tried with a serial that no file holds.
    SessionOrigin tried = new SessionOrigin(sourceName,
        configuredSerial.orElse("arn:aws:iam::000000000000:mfa/not-found-yet"));
    boolean configChanges = profiles.configWith(target, source.region(), Optional.of(tried),
        record).isPresent();
    if (!options.noWrite()) {
      credentials.requireWritable();
      if (configChanges) {
        config.requireWritable();
      }
    }
    Endpoints endpoints = new Endpoints(env, profiles, sourceName);
    String region = endpoints.region(options.region(), source.region());
    Optional<URI> endpoint = options.endpoint().or(() -> endpoints.of("sts"));
    Optional<URI> iamEndpoint = discover ? endpoints.of("iam") : Optional.empty();
    NetworkSettings network = net.settings(options, profiles, sourceName, endpoint);
    // Only now that every check has passed: a problem that stops the refresh comes alone.
    credentials.exposure().ifPresent(messages::warn);
    credentials.warnings().forEach(messages::warn);
    config.warnings().forEach(messages::warn);
    messages.debug("source keys from " + source.origin() + "; region " + region + "; endpoint "
        + endpoint.map(URI::toString).orElse("the SDK's regional STS endpoint"));

    SdkEnvironment.check(env.variables());
    // Last of the checks: a credential_process may ask for a passphrase.
    LongTermKeys keys = source.keySource().keys();
    Optional<String> process = options.mfaProcess()
        .or(() -> profiles.setting(sourceName, "mfa_process"));
    codes.requireSource(options.tokenCode(), process);
    String serial = configuredSerial.isPresent() ? configuredSerial.get()
        : found(keys, source, new AwsPlace(region, endpoint, iamEndpoint, network), record,
            messages);
    Optional<SessionOrigin> origin = Optional.of(new SessionOrigin(sourceName, serial));
    String code = codes.resolve(options.tokenCode(), process, serial);
    SessionTokens tokens = sts.get().getSessionToken(new SessionTokenRequest(
        keys, source.origin(), region, endpoint, serial, code, duration, network,
        role));

    if (!options.noWrite()) {
      new SessionWriter(paths, sourceName, target, source.region(), origin, configChanges,
          record, lockPatience).write(tokens);
    }
    options.output().ifPresent(format -> out.print(format.format(tokens)));
    if (messages.showsInfo()) {
      messages.info(target + ": session valid until " + localTime(tokens.expiration()) + " ("
          + DurationText.format(Duration.between(clock.instant(), tokens.expiration())) + ")"
          + (options.noWrite() ? ", printed only" : ""));
    }
  }

  /** The MFA device that IAM names for the source's user, found once and then recorded. */
  private String found(LongTermKeys keys, SourceProfile source, AwsPlace place, boolean record,
      Messages messages) {
    String serial = new MfaDeviceLookup(iam).find(keys, source.origin(), source.name(), place);
    AwsPaths paths = env.awsPaths(fs);
    messages.info("MFA device " + serial + " found in IAM" + (record
        ? "; it will be recorded as mfa_serial in profile '" + source.name() + "' of "
            + paths.display(paths.config()) : ""));
    return serial;
  }

  /** Whether the keys are the exported ones, as {@link #source} takes them. */
  private boolean exportedKeys(RefreshOptions options) {
    return options.profile().isEmpty() && (env.get("AWS_ACCESS_KEY_ID").isPresent()
        || env.get("AWS_SECRET_ACCESS_KEY").isPresent());
  }

  /** The user's login name, as STS takes session names; CloudTrail shows who it was. */
  private String defaultSessionName() {
    String user = env.get("USER").or(() -> env.get("USERNAME")).orElse("awsmfa")
        .replaceAll("[^\\w+=,.@-]", "-");
    user = user.length() > 64 ? user.substring(0, 64) : user;
    return user.length() < 2 ? "awsmfa-" + user : user;
  }

  /**
   * The long-term keys to sign with. As in the AWS CLI, exported keys come first unless a
   * profile is named on the command line; exported session keys cannot call GetSessionToken.
   */
  private SourceProfile source(RefreshOptions options, AwsProfiles profiles, String name) {
    Optional<String> keyId = env.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (options.profile().isPresent() || (keyId.isEmpty() && secret.isEmpty())) {
      return profiles.source(name);
    }
    if (keyId.isEmpty() || secret.isEmpty()) {
      throw new AwsmfaException(ExitCode.USAGE, "the environment has "
          + (keyId.isPresent() ? "AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY"
              : "AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID")
          + ": export both, unset both, or pass --profile");
    }
    if (env.get("AWS_SESSION_TOKEN").isPresent() || env.get("AWS_SECURITY_TOKEN").isPresent()
        || keyId.get().startsWith("ASIA")) {
      throw new AwsmfaException(ExitCode.USAGE, "the environment holds temporary session"
          + " credentials, which cannot get an MFA session: unset AWS_ACCESS_KEY_ID,"
          + " AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, or pass --profile");
    }
    KeySource exported = KeySource.stored(new LongTermKeys(keyId.get(), secret.get()));
    return new SourceProfile(name, exported, "the environment (AWS_ACCESS_KEY_ID)",
        profiles.setting(name, "region"));
  }

  /**
   * With {@code --min-remaining}, whether the target's session lasts long enough that this run
   * has nothing to do; then it says so, and prints the stored session if asked to.
   */
  private boolean stillValid(RefreshOptions options, AwsProfiles profiles, String target,
      Messages messages) {
    if (options.minRemaining().isEmpty() || options.force()) {
      return false;
    }
    Optional<Instant> expiration = profiles.expiration(target);
    if (expiration.isEmpty()) {
      return false;
    }
    Duration left = Duration.between(clock.instant(), expiration.get());
    if (left.compareTo(options.minRemaining().get()) < 0) {
      return false;
    }
    if (options.output().isPresent()) {
      Optional<SessionTokens> stored = profiles.session(target);
      if (stored.isEmpty()) {
        return false; // nothing complete to print: refresh instead
      }
      out.print(options.output().get().format(stored.get()));
    }
    if (messages.showsInfo()) {
      messages.info(target + ": session valid until " + localTime(expiration.get()) + " ("
          + DurationText.format(left) + "), at least " + DurationText.format(options.minRemaining()
              .get()) + ": nothing to do");
    }
    return true;
  }

  private String localTime(Instant instant) {
    return TimeText.local(instant, clock);
  }
}

package dev.awsmfa.refresh;

import dev.awsmfa.export.SessionFormat;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.ProfileNames;
import dev.awsmfa.text.DurationText;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What one refresh asks for, every value given checked. What is not given may still come from the
 * profile.
 *
 * @param serialNumber the MFA device ARN or hardware serial
 * @param tokenCode the six-digit code, or {@code -} for one line on stdin
 * @param durationSeconds the session length, 900 to 129600
 * @param profile the source profile, if given by flag
 * @param mfaProfileName the target profile
 * @param region the STS region, if given by flag
 * @param endpoint the STS endpoint, if given by flag
 * @param mfaProcess a command that prints the code
 * @param minRemaining skip the refresh while the target session has this long left
 * @param force refresh even then
 * @param output print the session on stdout in this form
 * @param noWrite with {@code output}: print only
 * @param connectTimeout how long to wait for a connection to STS
 * @param readTimeout how long to wait for STS to answer
 * @param roleArn a role to assume with the code instead of GetSessionToken
 * @param roleSessionName the role session's name
 * @param externalId the external id the role asks for
 * @param quiet print nothing on success, and no warnings
 * @param debug print files, region, endpoint and STS error codes
 */
public record RefreshOptions(
    Optional<String> serialNumber,
    Optional<String> tokenCode,
    Optional<Integer> durationSeconds,
    Optional<String> profile,
    String mfaProfileName,
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> mfaProcess,
    Optional<Duration> minRemaining,
    boolean force,
    Optional<SessionFormat> output,
    boolean noWrite,
    Optional<Duration> connectTimeout,
    Optional<Duration> readTimeout,
    Optional<String> roleArn,
    Optional<String> roleSessionName,
    Optional<String> externalId,
    boolean quiet,
    boolean debug) {

  /**
   * Collects a refresh's options from the command line as given. {@link #build} checks them in a
   * fixed order, so that the same mistakes always get the same message.
   */
  public static final class Builder {
    private Optional<String> serialNumber = Optional.empty();
    private Optional<String> tokenCode = Optional.empty();
    private Optional<String> durationSeconds = Optional.empty();
    private Optional<String> profile = Optional.empty();
    private Optional<String> mfaProfileName = Optional.empty();
    private Optional<String> region = Optional.empty();
    private Optional<String> endpointUrl = Optional.empty();
    private Optional<String> mfaProcess = Optional.empty();
    private Optional<String> minRemaining = Optional.empty();
    private Optional<String> output = Optional.empty();
    private Optional<String> connectTimeout = Optional.empty();
    private Optional<String> readTimeout = Optional.empty();
    private Optional<String> roleArn = Optional.empty();
    private Optional<String> roleSessionName = Optional.empty();
    private Optional<String> externalId = Optional.empty();
    private Optional<String> codeArgument = Optional.empty();
    private boolean force;
    private boolean noWrite;
    private boolean quiet;
    private boolean debug;

    /** {@code --serial-number}. */
    public Builder serialNumber(String value) {
      serialNumber = Optional.of(value);
      return this;
    }

    /** {@code --token-code}. */
    public Builder tokenCode(String value) {
      tokenCode = Optional.of(value);
      return this;
    }

    /** {@code --duration-seconds}. */
    public Builder durationSeconds(String value) {
      durationSeconds = Optional.of(value);
      return this;
    }

    /** {@code --profile}. */
    public Builder profile(String value) {
      profile = Optional.of(value);
      return this;
    }

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      mfaProfileName = Optional.of(value);
      return this;
    }

    /** {@code --region}. */
    public Builder region(String value) {
      region = Optional.of(value);
      return this;
    }

    /** {@code --endpoint-url}. */
    public Builder endpointUrl(String value) {
      endpointUrl = Optional.of(value);
      return this;
    }

    /** {@code --mfa-process}. */
    public Builder mfaProcess(String value) {
      mfaProcess = Optional.of(value);
      return this;
    }

    /** {@code --min-remaining}. */
    public Builder minRemaining(String value) {
      minRemaining = Optional.of(value);
      return this;
    }

    /** {@code --output}. */
    public Builder output(String value) {
      output = Optional.of(value);
      return this;
    }

    /** {@code --cli-connect-timeout}. */
    public Builder connectTimeout(String value) {
      connectTimeout = Optional.of(value);
      return this;
    }

    /** {@code --cli-read-timeout}. */
    public Builder readTimeout(String value) {
      readTimeout = Optional.of(value);
      return this;
    }

    /** {@code --role-arn}. */
    public Builder roleArn(String value) {
      roleArn = Optional.of(value);
      return this;
    }

    /** {@code --role-session-name}. */
    public Builder roleSessionName(String value) {
      roleSessionName = Optional.of(value);
      return this;
    }

    /** {@code --external-id}. */
    public Builder externalId(String value) {
      externalId = Optional.of(value);
      return this;
    }

    /** The code given as the only argument, or {@code -}. */
    public Builder codeArgument(String value) {
      codeArgument = Optional.of(value);
      return this;
    }

    /** {@code --force}. */
    public Builder force() {
      force = true;
      return this;
    }

    /** {@code --no-write}. */
    public Builder noWrite() {
      noWrite = true;
      return this;
    }

    /** {@code --quiet}. */
    public Builder quiet() {
      quiet = true;
      return this;
    }

    /** {@code --debug}. */
    public Builder debug() {
      debug = true;
      return this;
    }

    /**
     * The options, every value checked.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
     */
    public RefreshOptions build() {
      if (codeArgument.isPresent() && tokenCode.isPresent()) {
        throw usage("the token code is given twice, as '" + codeArgument.get()
            + "' and with --token-code: give it once (see awsmfa --help)");
      }
      if (noWrite && minRemaining.isPresent()) {
        throw usage("--min-remaining looks at the session in the credentials file, which"
            + " --no-write never updates: drop one of them");
      }
      if (noWrite && output.isEmpty()) {
        throw usage("--no-write needs --output json or --output env: otherwise the session"
            + " would go nowhere");
      }
      Optional<String> code = tokenCode.or(() -> codeArgument);
      return new RefreshOptions(
          serialNumber.map(s -> RequestChecks.serialNumber("--serial-number", s)),
          code.isEmpty() || code.get().equals("-") ? code
              : Optional.of(RequestChecks.tokenCode(code)),
          durationSeconds.map(d -> RequestChecks.duration("--duration-seconds", d)),
          profile.map(p -> ProfileNames.check("--profile", p)),
          ProfileNames.check("--mfa-profile-name", mfaProfileName.orElse("mfa")),
          region.map(r -> RequestChecks.region("--region", r)),
          endpointUrl.map(e -> RequestChecks.endpoint("--endpoint-url", e)),
          mfaProcess,
          minRemaining.map(m -> DurationText.parse("--min-remaining", m)),
          force,
          output.map(Builder::outputFormat),
          noWrite,
          connectTimeout.map(t -> RequestChecks.timeout("--cli-connect-timeout", t)),
          readTimeout.map(t -> RequestChecks.timeout("--cli-read-timeout", t)),
          roleArn.map(RequestChecks::roleArn),
          roleSessionName.map(n -> RequestChecks.roleSessionName("--role-session-name", n)),
          externalId.map(RequestChecks::externalId),
          quiet,
          debug);
    }

    /** {@code --output}: the two forms of {@code aws sts get-session-token}. */
    private static SessionFormat outputFormat(String text) {
      return switch (text) {
        case "json" -> SessionFormat.JSON;
        case "env" -> SessionFormat.ENV;
        default -> throw usage("--output " + text + " is not an output format: give json or env"
            + " (awsmfa export prints the session in other forms)");
      };
    }

    private static AwsmfaException usage(String message) {
      return new AwsmfaException(ExitCode.USAGE, message);
    }
  }
}

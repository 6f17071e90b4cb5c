package dev.awsmfa;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one refresh asks for, every value given checked, so that no one-time code is spent on a
 * request that STS would refuse for its form. What is not given may still come from the profile.
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
 */
record RefreshOptions(
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
    Optional<OutputFormat> output,
    boolean noWrite,
    Optional<Duration> connectTimeout,
    Optional<Duration> readTimeout,
    Optional<String> roleArn,
    Optional<String> roleSessionName,
    Optional<String> externalId) {

  static final int MIN_DURATION = 900;
  static final int MAX_DURATION = 129_600;
  static final int DEFAULT_DURATION = 43_200;
  static final int DEFAULT_ROLE_DURATION = 3_600;
  static final int MAX_ROLE_DURATION = 43_200;

  /** Compiled when a value is first checked, not for status, which checks a profile name only. */
  private static final class Patterns {
    static final Pattern TOKEN_CODE = Pattern.compile("[0-9]{6}");
    static final Pattern DEVICE_ARN =
        Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::[0-9]{12}:mfa(/[\\w+=,.@-]+)+");
    static final Pattern HARDWARE_SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");
    static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  }

  /**
   * Checks every value of {@code args}.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
   */
  static RefreshOptions from(CommandLineArguments args) {
    if (args.noWrite() && args.minRemaining().isPresent()) {
      throw usage("--min-remaining looks at the session in the credentials file, which"
          + " --no-write never updates: drop one of them");
    }
    if (args.noWrite() && args.output().isEmpty()) {
      throw usage("--no-write needs --output json or --output env: otherwise the session would"
          + " go nowhere");
    }
    Optional<String> code = args.tokenCode();
    return new RefreshOptions(
        args.serialNumber().map(s -> serialNumber("--serial-number", s)),
        code.isEmpty() || code.get().equals("-") ? code : Optional.of(tokenCode(code)),
        args.durationSeconds().map(d -> duration("--duration-seconds", d)),
        args.profile().map(p -> profile("--profile", p)),
        profile("--mfa-profile-name", args.mfaProfileName().orElse("mfa")),
        args.region().map(r -> region("--region", r)),
        args.endpointUrl().map(e -> endpoint("--endpoint-url", e)),
        args.mfaProcess(),
        args.minRemaining().map(m -> DurationText.parse("--min-remaining", m)),
        args.force(),
        args.output().map(OutputFormat::parse),
        args.noWrite(),
        args.connectTimeout().map(t -> timeout("--cli-connect-timeout", t)),
        args.readTimeout().map(t -> timeout("--cli-read-timeout", t)),
        args.roleArn().map(RefreshOptions::roleArn),
        args.roleSessionName().map(n -> roleSessionName("--role-session-name", n)),
        args.externalId().map(RefreshOptions::externalId));
  }

  static String tokenCode(Optional<String> code) {
    if (code.isEmpty()) {
      throw usage(
          "no MFA code: give the 6-digit code your device shows now, as in 'awsmfa 123456'");
    }
    String value = code.get();
    if (!Patterns.TOKEN_CODE.matcher(value).matches()) {
      // Something long is more likely a pasted secret than a code: do not echo it.
      String shown = value.length() <= 10 ? "'" + value + "'" : "(" + value.length() + " characters)";
      throw usage("the MFA code " + shown + " is not 6 digits: give the 6-digit code your device"
          + " shows now");
    }
    return value;
  }

  /** Checks a serial number from {@code source}: the flag, or the profile's mfa_serial. */
  static String serialNumber(String source, String value) {
    if (value.startsWith("arn:")) {
      if (Patterns.DEVICE_ARN.matcher(value).matches() && value.length() <= 256) {
        return value;
      }
      String hint = value.contains(":user/")
          ? " it is a user ARN, and the device ARN has ':mfa/' where this has ':user/'"
          : " the form is arn:aws:iam::123456789012:mfa/NAME, in partition aws, aws-cn or"
              + " aws-us-gov";
      throw usage(source + " " + value + " is not an MFA device ARN:" + hint);
    }
    if (!Patterns.HARDWARE_SERIAL.matcher(value).matches()) {
      throw usage(source + " " + value + " is neither an MFA device ARN"
          + " (arn:aws:iam::123456789012:mfa/NAME) nor a hardware device serial (9 to 256"
          + " characters)");
    }
    return value;
  }

  /** Checks a session length from {@code source}: the flag, or the profile's key. */
  static int duration(String source, String text) {
    int seconds;
    try {
      seconds = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw usage(source + " " + text + " is not a whole number of seconds");
    }
    if (seconds < MIN_DURATION || seconds > MAX_DURATION) {
      throw usage(source + " " + seconds + " is outside what STS allows: give 900 to"
          + " 129600 (15 minutes to 36 hours)");
    }
    return seconds;
  }

  static String roleArn(String value) {
    if (!value.matches("arn:(aws|aws-cn|aws-us-gov):iam::[0-9]{12}:role/[\\w+=,.@/-]+")
        || value.length() > 2048) {
      throw usage("--role-arn " + value + " is not a role ARN such as"
          + " arn:aws:iam::123456789012:role/NAME");
    }
    return value;
  }

  /** A session name as STS takes it: 2 to 64 of letters, digits and {@code +=,.@_-}. */
  static String roleSessionName(String source, String value) {
    if (!value.matches("[\\w+=,.@-]{2,64}")) {
      throw usage(source + " '" + value + "' is not a role session name: use 2 to 64 letters,"
          + " digits and +=,.@_-");
    }
    return value;
  }

  static String externalId(String value) {
    if (!value.matches("[\\w+=,.@:/-]{2,1224}")) {
      throw usage("--external-id is not an external id: use 2 to 1224 letters, digits and"
          + " +=,.@:/_-");
    }
    return value;
  }

  /** Seconds, as the AWS CLI's timeout flags take them; 0 waits for ever, as there. */
  static Duration timeout(String flag, String text) {
    if (!text.matches("[0-9]{1,6}")) {
      throw usage(flag + " " + text + " is not a whole number of seconds");
    }
    return Duration.ofSeconds(Integer.parseInt(text));
  }

  static String profile(String flag, String name) {
    if (name.isEmpty() || !name.strip().equals(name) || name.indexOf('[') >= 0
        || name.indexOf(']') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
      throw usage(flag + " '" + name + "' is not a usable profile name: leave out brackets, line"
          + " breaks and surrounding spaces");
    }
    if (name.indexOf('\ufffd') >= 0) {
      throw usage(flag + " '" + name + "' has characters that Java could not decode: run awsmfa"
          + " in a UTF-8 locale, such as LANG=C.UTF-8");
    }
    if (name.equals("DEFAULT")) {
      throw usage(flag + " DEFAULT names no profile: the AWS CLI reads a [DEFAULT] section as"
          + " settings for every profile, so choose another name");
    }
    return name;
  }

  static String region(String source, String region) {
    return region(source, region, ExitCode.USAGE);
  }

  /** Checks a region name from {@code source}; a bad one fails with {@code exitCode}. */
  static String region(String source, String region, ExitCode exitCode) {
    if (!Patterns.REGION.matcher(region).matches()) {
      throw new AwsmfaException(exitCode,
          source + " '" + region + "' is not an AWS region name such as us-east-1");
    }
    return region;
  }

  static URI endpoint(String source, String url) {
    try {
      URI uri = new URI(url);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null && uri.getPort() <= 65_535) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw usage(source + " '" + url + "' is not an http or https URL such as"
        + " https://sts.us-east-1.amazonaws.com");
  }

  private static AwsmfaException usage(String message) {
    return new AwsmfaException(ExitCode.USAGE, message);
  }
}

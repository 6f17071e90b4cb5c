package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of each value a refresh sends to STS, from a flag or from a profile, so that no
 * one-time code is spent on a request that STS would refuse for its form. Each failure names
 * where the value came from.
 */
final class RequestChecks {
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

  private RequestChecks() {}

  static String tokenCode(Optional<String> code) {
    if (code.isEmpty()) {
      throw usage(
          "no MFA code: give the 6-digit code your device shows now, as in 'awsmfa 123456'");
    }
    String value = code.get();
    if (!Patterns.TOKEN_CODE.matcher(value).matches()) {
      // Something long is more likely a pasted secret than a code: do not echo it.
      String shown = value.length() <= 10 ? "'" + value + "'"
          : "(" + value.length() + " characters)";
      throw usage("the MFA code " + shown + " is not 6 digits: give the 6-digit code your device"
          + " shows now");
    }
    return value;
  }

  /** Checks a serial number from {@code source}: the flag, or the profile's mfa_serial. */
  /**
   * Whether {@code value}, as ListMFADevices names a device, is one that gives codes: a virtual
   * device's ARN or a hardware device's serial, not a security key's ARN ({@code :u2f/}).
   */
  static boolean givesCodes(String value) {
    return value.startsWith("arn:")
        ? Patterns.DEVICE_ARN.matcher(value).matches() && value.length() <= 256
        : Patterns.HARDWARE_SERIAL.matcher(value).matches();
  }

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

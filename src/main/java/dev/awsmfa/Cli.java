package dev.awsmfa;

import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * Reads the command line. Flags mirror {@code aws sts get-session-token}; they and the positional
 * token code may come in any order, and long options take {@code --flag value} or {@code
 * --flag=value}. Only the syntax is checked here; {@link RefreshOptions} checks the values.
 */
final class Cli {
  static final String HELP =
      """
      Usage: awsmfa --serial-number ARN|SERIAL [options] TOKEN_CODE

      Gets temporary credentials from AWS STS GetSessionToken with an MFA code and
      writes them to a profile, so that --profile mfa works for the rest of the day.

      Options:
        --serial-number ARN|SERIAL  the MFA device: arn:aws:iam::ACCOUNT:mfa/NAME,
                                    or a hardware device's serial number
        --token-code CODE           the 6-digit code the device shows now; it may
                                    also be given as the only argument
        --duration-seconds N        how long the session lasts, 900 to 129600
                                    (default 43200, 12 hours)
        --profile NAME              the profile with the IAM user's long-term
                                    access key (default $AWS_PROFILE, else default)
        --mfa-profile-name NAME     the profile the session is written to
                                    (default mfa)
        --region REGION             the STS region (default $AWS_REGION, then
                                    $AWS_DEFAULT_REGION, the profile's region,
                                    us-east-1)
        --endpoint-url URL          the STS endpoint to call (default
                                    $AWS_ENDPOINT_URL_STS, then $AWS_ENDPOINT_URL,
                                    unless $AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
                                    is true; else the region's STS endpoint)
        --quiet                     print nothing on success, and no warnings
        --debug                     show files, region, endpoint, STS error codes
                                    and stack traces
        -h, --help                  show this help and exit
        --version                   show the version and exit

      Files: $AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials) and
      $AWS_CONFIG_FILE (default ~/.aws/config).

      Exit status: 0 success; 1 an unexpected internal error; 2 usage or bad
      input; 3 a local file or installation problem; 4 STS refused the request;
      5 STS unreachable or failing after retries.
      """;

  private Cli() {}

  /**
   * Parses {@code args}.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} for anything that is not a valid command
   */
  static CommandLineArguments parse(String[] args) {
    Options options = options();
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).build()
          .parse(options, args, false);
    } catch (UnrecognizedOptionException e) {
      throw usage("unknown option " + e.getOption());
    } catch (MissingArgumentException e) {
      throw usage("--" + e.getOption().getLongOpt() + " needs a value");
    } catch (AlreadySelectedException e) {
      throw usage(e.getMessage());
    } catch (ParseException e) {
      throw usage(e.getMessage());
    }
    for (Option option : options.getOptions()) {
      String[] values = line.getOptionValues(option);
      if (values != null && values.length > 1) {
        throw usage("--" + option.getLongOpt() + " is given more than once");
      }
    }
    List<String> positional = line.getArgList();
    if (positional.size() > 1) {
      throw usage("unexpected argument '" + positional.get(1) + "': give only the token code");
    }
    Optional<String> tokenCode = value(line, "token-code");
    if (!positional.isEmpty() && tokenCode.isPresent()) {
      throw usage("the token code is given twice, as '" + positional.get(0)
          + "' and with --token-code: give it once");
    }
    return new CommandLineArguments(
        value(line, "serial-number"),
        tokenCode.or(() -> positional.stream().findFirst()),
        value(line, "duration-seconds"),
        value(line, "profile"),
        value(line, "mfa-profile-name"),
        value(line, "region"),
        value(line, "endpoint-url"),
        line.hasOption("quiet"),
        line.hasOption("debug"),
        line.hasOption("help"),
        line.hasOption("version"));
  }

  /** Whether {@code args} ask for debug output, even if they do not parse. */
  static boolean wantsDebug(String[] args) {
    return List.of(args).contains("--debug");
  }

  private static Optional<String> value(CommandLine line, String name) {
    return Optional.ofNullable(line.getOptionValue(name));
  }

  private static AwsmfaException usage(String message) {
    return new AwsmfaException(ExitCode.USAGE, message + " (see awsmfa --help)");
  }

  /** Every option awsmfa takes. */
  static Options options() {
    Options options = new Options();
    for (String name : List.of("serial-number", "token-code", "duration-seconds", "profile",
        "mfa-profile-name", "region", "endpoint-url")) {
      options.addOption(Option.builder().longOpt(name).hasArg().build());
    }
    for (String name : List.of("quiet", "debug", "version")) {
      options.addOption(Option.builder().longOpt(name).build());
    }
    options.addOption(Option.builder("h").longOpt("help").build());
    return options;
  }
}

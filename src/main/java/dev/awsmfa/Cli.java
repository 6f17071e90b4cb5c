package dev.awsmfa;

import java.util.ArrayList;
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
      Usage: awsmfa [refresh] [--serial-number ARN|SERIAL] [options] [TOKEN_CODE | -]
             awsmfa status [--mfa-profile-name NAME | --all] [--warn-within DURATION]
                           [--output json]

      Gets temporary credentials from AWS STS GetSessionToken with an MFA code and
      writes them to a profile, so that --profile mfa works for the rest of the day.

      Options:
        --serial-number ARN|SERIAL  the MFA device: arn:aws:iam::ACCOUNT:mfa/NAME,
                                    or a hardware device's serial number (default
                                    the source profile's mfa_serial)
        --token-code CODE           the 6-digit code the device shows now; it may
                                    also be given as the only argument, or as -
                                    to read one line (at most 1 KiB) from stdin
        --mfa-process CMD           run CMD (no shell) and take the last 6-digit
                                    code it prints (default the profile's
                                    mfa_process); without a code or a process,
                                    awsmfa asks on the terminal
        --duration-seconds N        how long the session lasts, 900 to 129600
                                    (default the profile's duration_seconds,
                                    else 43200, 12 hours)
        --profile NAME              the profile with the IAM user's long-term
                                    access key (default $AWS_PROFILE, else default;
                                    without it, exported long-term keys in
                                    $AWS_ACCESS_KEY_ID are used first)
        --mfa-profile-name NAME     the profile the session is written to
                                    (default mfa)
        --min-remaining DURATION    do nothing if the session in the target has at
                                    least this long left, such as 2h
        --force                     refresh even if --min-remaining is met
        --role-arn ARN              assume this role with the code (AssumeRole)
                                    instead of GetSessionToken; sessions last
                                    3600 s by default, at most 43200
        --role-session-name NAME    the role session's name (default $USER)
        --external-id ID            the external id the role's trust asks for
        --output json|env           also print the session on stdout: as
                                    aws sts get-session-token does, or as export
                                    lines for eval; the only way to see a secret
        --no-write                  with --output: print only, write no file
        --region REGION             the STS region (default $AWS_REGION, then
                                    $AWS_DEFAULT_REGION, the profile's region,
                                    us-east-1)
        --endpoint-url URL          the STS endpoint to call (default
                                    $AWS_ENDPOINT_URL_STS, then $AWS_ENDPOINT_URL,
                                    unless $AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
                                    is true; else the region's STS endpoint)
        --cli-connect-timeout N     seconds to wait for a connection (default 5)
        --cli-read-timeout N        seconds to wait for an answer (default 10);
                                    the whole call, retries included, ends
                                    within 30 s, or one connect and read
                                    timeout together if those are longer; a
                                    0 in either lifts that limit too
        --quiet                     print nothing on success, and no warnings
        --debug                     show files, region, endpoint, STS error codes
                                    and stack traces
        -h, --help                  show this help and exit
        --version                   show the version and exit

      Status options:
        --all                       every profile whose session records an expiry
        --warn-within DURATION      how soon an expiry counts as expiring
                                    (default 1h)

      Status options (see awsmfa status --help) are listed above too.

      Environment: $HTTPS_PROXY or $HTTP_PROXY (by the endpoint's scheme) and
      $NO_PROXY; $AWS_CA_BUNDLE (or the profile's ca_bundle), a PEM file of CAs
      trusted instead of Java's for an https endpoint; $AWS_USE_FIPS_ENDPOINT (or
      use_fips_endpoint); the profile's endpoint_url or its [services] sts
      endpoint_url.

      Files: $AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials) and
      $AWS_CONFIG_FILE (default ~/.aws/config), each at most 16 MiB. A file, a
      directory or a link on the way that another user owns or may write is
      refused, and so is such a CA bundle; as root, whatever is not root's.

      Exit status: 0 success; 1 an unexpected internal error; 2 usage or bad
      input; 3 a local file or installation problem; 4 STS refused the request;
      5 STS unreachable or failing after retries. status: 0 valid; 10 expiring
      within --warn-within; 11 expired or missing.
      """;

  static final String STATUS_HELP =
      """
      Usage: awsmfa status [--mfa-profile-name NAME | --all] [--warn-within DURATION]
                           [--output json]

      Prints when the session of a profile ends, in local time, and how long it has
      left. Reads the credentials file only: no network, no STS.

      Options:
        --mfa-profile-name NAME     the profile to report on (default mfa)
        --all                       every profile whose session records an expiry
        --warn-within DURATION      how soon an expiry counts as expiring, such as
                                    2h or 90m (default 1h)
        --output json               print JSON instead of lines
        -h, --help                  show this help and exit

      Exit status: 0 valid for longer than --warn-within; 10 valid but expiring
      within it; 11 expired or missing; 2 usage; 3 a file that cannot be read.
      """;

  /** Options that only a refresh takes, refused after {@code status}. */
  private static final List<String> REFRESH_ONLY = List.of("serial-number", "token-code",
      "duration-seconds", "profile", "region", "endpoint-url", "mfa-process", "min-remaining",
      "force", "no-write", "cli-connect-timeout", "cli-read-timeout", "role-arn",
      "role-session-name", "external-id");

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
    List<String> positional = new ArrayList<>(line.getArgList());
    boolean status = !positional.isEmpty() && positional.get(0).equals("status");
    if (!positional.isEmpty() && positional.get(0).equals("refresh")) {
      positional.remove(0); // the default command, named
    }
    if (status) {
      positional.remove(0);
      for (String refreshOnly : REFRESH_ONLY) {
        if (line.hasOption(refreshOnly)) {
          throw usage("--" + refreshOnly + " is not an option of awsmfa status");
        }
      }
    } else {
      for (String statusOnly : List.of("all", "warn-within")) {
        if (line.hasOption(statusOnly)) {
          throw usage("--" + statusOnly + " is an option of awsmfa status");
        }
      }
    }
    if (positional.size() > (status ? 0 : 1)) {
      throw usage("unexpected argument '" + positional.get(status ? 0 : 1) + "'"
          + (status ? "" : ": give only the token code"));
    }
    Optional<String> tokenCode = value(line, "token-code");
    if (!positional.isEmpty() && tokenCode.isPresent()) {
      throw usage("the token code is given twice, as '" + positional.get(0)
          + "' and with --token-code: give it once");
    }
    return new CommandLineArguments(
        status,
        value(line, "serial-number"),
        tokenCode.isPresent() || positional.isEmpty() ? tokenCode
            : Optional.of(positional.get(0)),
        value(line, "duration-seconds"),
        value(line, "profile"),
        value(line, "mfa-profile-name"),
        value(line, "region"),
        value(line, "endpoint-url"),
        value(line, "mfa-process"),
        value(line, "min-remaining"),
        line.hasOption("force"),
        value(line, "output"),
        line.hasOption("no-write"),
        value(line, "cli-connect-timeout"),
        value(line, "cli-read-timeout"),
        value(line, "role-arn"),
        value(line, "role-session-name"),
        value(line, "external-id"),
        line.hasOption("all"),
        value(line, "warn-within"),
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
        "mfa-profile-name", "region", "endpoint-url", "mfa-process", "min-remaining", "output",
        "warn-within", "cli-connect-timeout", "cli-read-timeout", "role-arn",
        "role-session-name", "external-id")) {
      options.addOption(Option.builder().longOpt(name).hasArg().build());
    }
    for (String name : List.of("quiet", "debug", "version", "force", "no-write", "all")) {
      options.addOption(Option.builder().longOpt(name).build());
    }
    options.addOption(Option.builder("h").longOpt("help").build());
    return options;
  }
}

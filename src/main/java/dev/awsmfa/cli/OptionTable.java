package dev.awsmfa.cli;

import dev.awsmfa.exec.ExecOptions;
import dev.awsmfa.export.ExportOptions;
import dev.awsmfa.refresh.RefreshOptions;
import dev.awsmfa.rotate.RotateOptions;
import dev.awsmfa.status.StatusOptions;
import java.util.List;

/**
 * Every command and every option awsmfa takes: the one table that parsing, {@code --help}, the
 * split between commands and the checks of the documents all read. A new command is one more
 * {@link Command} here.
 */
final class OptionTable {
  /** Options that every command takes, which {@link Cli} answers itself. */
  static final List<Flag<Object>> GLOBAL = List.of(
      new Flag<>("help", "h", "", "show this help and exit", (none, value) -> { }),
      Flag.toggle("version", "show the version and exit", (none, value) -> { }));

  static final Command<RefreshOptions.Builder> REFRESH = new Command<>(
      "refresh",
      "get a session with an MFA code and write it: the default",
      List.of("123456",
          "[refresh] [--serial-number ARN|SERIAL] [options] [TOKEN_CODE | -]"),
      """
      Gets temporary credentials from AWS STS GetSessionToken with the MFA code your
      device shows now, and writes them to a profile, so that --profile mfa works for
      the rest of the day.""",
      List.of(
          Flag.withValue("serial-number", "ARN|SERIAL", "the MFA device:"
              + " arn:aws:iam::ACCOUNT:mfa/NAME, or a hardware device's serial number (default"
              + " the source profile's mfa_serial, else the user's only device in IAM, which is"
              + " then recorded as mfa_serial)", RefreshOptions.Builder::serialNumber),
          Flag.withValue("token-code", "CODE", "the 6-digit code the device shows now; it may also"
              + " be given as the only argument, or as - to read one line (at most 1 KiB) from"
              + " stdin", RefreshOptions.Builder::tokenCode),
          Flag.withValue("mfa-process", "CMD", "run CMD (no shell) and take the last 6-digit code"
              + " it prints (default the profile's mfa_process); without a code or a process,"
              + " awsmfa asks on the terminal", RefreshOptions.Builder::mfaProcess),
          Flag.withValue("duration-seconds", "N", "how long the session lasts, 900 to 129600"
              + " (default the profile's duration_seconds, else 43200, 12 hours)",
              RefreshOptions.Builder::durationSeconds),
          Flag.withValue("profile", "NAME", "the profile with the IAM user's long-term access key"
              + " (default $AWS_PROFILE, else default; without it, exported long-term keys in"
              + " $AWS_ACCESS_KEY_ID are used first)", RefreshOptions.Builder::profile),
          Flag.withValue("mfa-profile-name", "NAME", "the profile the session is written to"
              + " (default mfa)", RefreshOptions.Builder::mfaProfileName),
          Flag.withValue("min-remaining", "DURATION", "do nothing if the session in the target has"
              + " at least this long left, such as 2h", RefreshOptions.Builder::minRemaining),
          Flag.toggle("force", "refresh even if --min-remaining is met",
              (options, none) -> options.force()),
          Flag.withValue("role-arn", "ARN", "assume this role with the code (AssumeRole) instead of"
              + " GetSessionToken; sessions last 3600 s by default, at most 43200",
              RefreshOptions.Builder::roleArn),
          Flag.withValue("role-session-name", "NAME", "the role session's name (default $USER)",
              RefreshOptions.Builder::roleSessionName),
          Flag.withValue("external-id", "ID", "the external id the role's trust asks for",
              RefreshOptions.Builder::externalId),
          Flag.withValue("output", "json|env", "also print the session on stdout: as aws sts"
              + " get-session-token does, or as export lines for eval", RefreshOptions.Builder::output),
          Flag.toggle("no-write", "with --output: print only, write no file",
              (options, none) -> options.noWrite()),
          Flag.withValue("region", "REGION", "the STS region (default $AWS_REGION, then"
              + " $AWS_DEFAULT_REGION, the profile's region, us-east-1)",
              RefreshOptions.Builder::region),
          Flag.withValue("endpoint-url", "URL", "the STS endpoint to call (default"
              + " $AWS_ENDPOINT_URL_STS, then $AWS_ENDPOINT_URL, unless"
              + " $AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; else the region's STS endpoint)",
              RefreshOptions.Builder::endpointUrl),
          Flag.withValue("cli-connect-timeout", "N", "seconds to wait for a connection (default 5)",
              RefreshOptions.Builder::connectTimeout),
          Flag.withValue("cli-read-timeout", "N", "seconds to wait for an answer (default 10); the"
              + " whole call, retries included, ends within 30 s, or one connect and read"
              + " timeout together if those are longer; a 0 in either lifts that limit too",
              RefreshOptions.Builder::readTimeout),
          Flag.toggle("quiet", "print nothing on success, and no warnings",
              (options, none) -> options.quiet()),
          Flag.toggle("debug", "show files, region, endpoint, STS error codes and stack traces",
              (options, none) -> options.debug())),
      Arguments.one(": give only the token code", RefreshOptions.Builder::codeArgument),
      RefreshOptions.Builder::new,
      options -> new Invocation.RunRefresh(options.build()),
      """
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
      within --warn-within; 11 expired or missing. export and exec: 11 expired or
      missing; exec: 127 a command that cannot be started, else the command's.
      """);

  static final Command<StatusOptions.Builder> STATUS = new Command<>(
      "status",
      "how long the stored sessions have left, with no network call",
      List.of("status [--mfa-profile-name NAME | --all] [options]"),
      """
      Prints when the session of a profile ends, in local time, and how long it has
      left. Reads the files only: no network, no STS.""",
      List.of(
          Flag.withValue("mfa-profile-name", "NAME", "the profile to report on (default mfa)",
              StatusOptions.Builder::mfaProfileName),
          Flag.toggle("all", "every profile whose session records an expiry",
              (options, none) -> options.all()),
          Flag.withValue("warn-within", "DURATION", "how soon an expiry counts as expiring, such as"
              + " 2h or 90m (default 1h)", StatusOptions.Builder::warnWithin),
          Flag.withValue("output", "json", "print JSON instead of lines",
              StatusOptions.Builder::output),
          Flag.toggle("quiet", "print nothing: the exit status tells",
              (options, none) -> options.quiet()),
          // Main shows a failure's stack trace for --debug; status has nothing else to show.
          Flag.toggle("debug", "show stack traces", (options, none) -> { })),
      Arguments.none(),
      StatusOptions.Builder::new,
      options -> new Invocation.RunStatus(options.build()),
      """
      Exit status: 0 valid for longer than --warn-within; 10 valid but expiring
      within it; 11 expired or missing; 2 usage; 3 a file that cannot be read.
      """);

  static final Command<ExportOptions.Builder> EXPORT = new Command<>(
      "export",
      "print the stored session for a script or a shell, with no code and no network",
      List.of("export [--mfa-profile-name NAME] [--format FORMAT]"),
      """
      Prints the session stored in a profile on stdout, for eval, direnv, another
      shell or credential_process, as aws configure export-credentials does. It
      needs no code and makes no network call; when the session has expired or is
      missing it prints nothing and exits 11.""",
      List.of(
          Flag.withValue("mfa-profile-name", "NAME", "the profile whose session is printed"
              + " (default mfa)", ExportOptions.Builder::mfaProfileName),
          Flag.withValue("format", "FORMAT", "env (export lines, the default), env-no-export,"
              + " fish, powershell, windows-cmd, process (the JSON of credential_process) or"
              + " json (as aws sts get-session-token prints)", ExportOptions.Builder::format),
          // Main shows a failure's stack trace for --debug; export has nothing else to show.
          Flag.toggle("debug", "show stack traces", (options, none) -> { })),
      Arguments.none(),
      ExportOptions.Builder::new,
      options -> new Invocation.RunExport(options.build()),
      """
      Examples: creds=$(awsmfa export) && eval "$creds" in sh, bash or zsh, or in
      an .envrc (eval "$(awsmfa export)" would hide the exit status); in a profile
      of ~/.aws/config, credential_process = awsmfa export --format process.

      Exit status: 0 printed; 11 expired or missing; 2 usage; 3 a file that cannot
      be read or trusted, or a value the format cannot hold.
      """);

  static final Command<ExecOptions.Builder> EXEC = new Command<>(
      "exec",
      "run a command with the stored session in its environment",
      List.of("exec [--mfa-profile-name NAME] -- COMMAND [ARGS...]"),
      """
      Runs COMMAND, without a shell, with the session stored in a profile in its
      environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
      AWS_CREDENTIAL_EXPIRATION; AWS_PROFILE, AWS_DEFAULT_PROFILE and
      AWS_SECURITY_TOKEN removed), and exits with its status. It needs no code and
      makes no network call; when the session has expired or is missing it runs
      nothing and exits 11. On a terminal, Ctrl-C reaches the command directly and
      awsmfa only waits for it; without one, a SIGINT, SIGTERM or SIGHUP sent to
      awsmfa is passed on to it as SIGTERM, and it is killed if it still runs 10
      seconds later.""",
      List.of(
          Flag.withValue("mfa-profile-name", "NAME", "the profile whose session the command"
              + " gets (default mfa)", ExecOptions.Builder::mfaProfileName),
          // Main shows a failure's stack trace for --debug; exec has nothing else to show.
          Flag.toggle("debug", "show stack traces", (options, none) -> { })),
      Arguments.commandLine(ExecOptions.Builder::command),
      ExecOptions.Builder::new,
      options -> new Invocation.RunExec(options.build()),
      """
      Exit status: the command's, or 128 plus the number of the signal that ended
      it; 11 expired or missing, with nothing run; 127 a command that cannot be
      started; 2 usage; 3 a file that cannot be read or trusted.
      """);

  static final Command<RotateOptions.Builder> ROTATE = new Command<>(
      "rotate",
      "replace the source profile's access key with a new one, with MFA",
      List.of("rotate [--profile NAME] [--deactivate-old] [options] [TOKEN_CODE]"),
      """
      Replaces the long-term access key of the source profile: creates a new key for
      its IAM user, waits until the new key works, writes it over the old one in
      place, then deletes the old key. The IAM calls are signed with the MFA session
      of --mfa-profile-name; without a valid one, awsmfa refreshes it first and asks
      for a code as a refresh does. A failure before the new key is written deletes
      it again; the old key is never deleted before the new one is on disk and works.""",
      List.of(
          Flag.withValue("profile", "NAME", "the profile whose key is replaced (default"
              + " $AWS_PROFILE, else default); keys exported in $AWS_ACCESS_KEY_ID or given by a"
              + " credential_process are refused", RotateOptions.Builder::profile),
          Flag.toggle("deactivate-old", "deactivate the old key instead of deleting it",
              (options, none) -> options.deactivateOld()),
          Flag.withValue("mfa-profile-name", "NAME", "the profile with the MFA session that signs"
              + " the IAM calls (default mfa)", RotateOptions.Builder::mfaProfileName),
          Flag.withValue("serial-number", "ARN|SERIAL", "the MFA device, if a session must be got"
              + " first (default the profile's mfa_serial, else the one IAM lists)",
              RotateOptions.Builder::serialNumber),
          Flag.withValue("token-code", "CODE", "the code, if a session must be got first; it may"
              + " also be given as the only argument, or as - for a line on stdin",
              RotateOptions.Builder::tokenCode),
          Flag.withValue("mfa-process", "CMD", "run CMD (no shell) for the code, if a session must"
              + " be got first (default the profile's mfa_process)",
              RotateOptions.Builder::mfaProcess),
          Flag.toggle("quiet", "print nothing on success", (options, none) -> options.quiet()),
          Flag.toggle("debug", "show files, endpoints, AWS error codes and stack traces",
              (options, none) -> options.debug())),
      Arguments.one(": give only the token code", RotateOptions.Builder::codeArgument),
      RotateOptions.Builder::new,
      options -> new Invocation.RunRotate(options.build()),
      """
      Environment: as for a refresh; $AWS_ENDPOINT_URL_IAM (or $AWS_ENDPOINT_URL,
      the profile's [services] iam endpoint_url or endpoint_url) for IAM, and
      $AWS_ENDPOINT_URL_STS for STS.

      Exit status: 0 rotated; 2 usage, or a source awsmfa cannot rotate; 3 a local
      file problem; 4 AWS refused, the user already has two keys, or the old key
      could not be deleted (the new one is in place and works); 5 AWS unreachable,
      or the new key did not work in time (it was deleted again).
      """);

  /** Every command; the first is the one run when none is named. */
  static final List<Command<?>> COMMANDS = List.of(REFRESH, STATUS, EXPORT, EXEC, ROTATE);

  private OptionTable() {}
}

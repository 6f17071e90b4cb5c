package dev.awsmfa.export;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.JsonText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A session printed on stdout for a script or a shell: the only outputs that ever show a secret.
 * The names are those of {@code aws configure export-credentials --format}, plus {@code fish}
 * and {@code json}. A stored session comes from a file, which anyone who can write it could fill
 * with quotes, so each shell's values are quoted so that none can end its quotes.
 */
public enum SessionFormat {
  /** {@code export} lines for {@code eval}, direnv or a POSIX shell's {@code .}. */
  ENV("env", "export %s=%s\n", SessionFormat::sh),
  /** Assignments without {@code export}. */
  ENV_NO_EXPORT("env-no-export", "%s=%s\n", SessionFormat::sh),
  /** fish's {@code set -gx}, for {@code awsmfa export --format fish | source}. */
  FISH("fish", "set -gx %s %s\n", SessionFormat::fish),
  /** PowerShell's {@code $Env:} assignments. */
  POWERSHELL("powershell", "$Env:%s=%s\n", SessionFormat::powershell),
  /** cmd.exe's {@code set} lines. */
  WINDOWS_CMD("windows-cmd", "set \"%s=%s\"\n", SessionFormat::cmd),
  /** The JSON that {@code credential_process} reads. */
  PROCESS("process", "", null) {
    @Override
    public String format(SessionTokens tokens) {
      return "{\n"
          + "    \"Version\": 1,\n"
          + "    \"AccessKeyId\": " + JsonText.quote(tokens.accessKeyId()) + ",\n"
          + "    \"SecretAccessKey\": " + JsonText.quote(tokens.secretAccessKey()) + ",\n"
          + "    \"SessionToken\": " + JsonText.quote(tokens.sessionToken()) + ",\n"
          + "    \"Expiration\": \"" + isoInstant(tokens.expiration()) + "\"\n"
          + "}\n";
    }
  },
  /** Exactly what {@code aws sts get-session-token} prints. */
  JSON("json", "", null) {
    @Override
    public String format(SessionTokens tokens) {
      return "{\n"
          + "    \"Credentials\": {\n"
          + "        \"AccessKeyId\": " + JsonText.quote(tokens.accessKeyId()) + ",\n"
          + "        \"SecretAccessKey\": " + JsonText.quote(tokens.secretAccessKey()) + ",\n"
          + "        \"SessionToken\": " + JsonText.quote(tokens.sessionToken()) + ",\n"
          + "        \"Expiration\": \"" + AWS_CLI_TIME.format(
              tokens.expiration().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC))
          + "\"\n"
          + "    }\n"
          + "}\n";
    }
  };

  /** The AWS CLI's form: {@code 2026-11-23T09:00:00+00:00}. */
  private static final DateTimeFormatter AWS_CLI_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  private final String formatName;
  /** For a shell: each variable's line, with the variable's name and its quoted value. */
  private final String line;
  private final UnaryOperator<String> quoting;

  SessionFormat(String formatName, String line, UnaryOperator<String> quoting) {
    this.formatName = formatName;
    this.line = line;
    this.quoting = quoting;
  }

  /** The name it is given by on the command line. */
  public String formatName() {
    return formatName;
  }

  /**
   * The session in this format.
   *
   * @throws AwsmfaException with {@link ExitCode#FILE} if a value cannot be written safely for
   *     the shell, such as a NUL, which no environment variable can hold
   */
  public String format(SessionTokens tokens) {
    StringBuilder lines = new StringBuilder();
    environment(tokens).forEach((name, value) ->
        lines.append(String.format(Locale.ROOT, line, name, quoting.apply(value))));
    return lines.toString();
  }

  /**
   * The four variables the AWS CLI and the SDKs read for a session, in the order the shell
   * formats print them.
   */
  public static Map<String, String> environment(SessionTokens tokens) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("AWS_ACCESS_KEY_ID", tokens.accessKeyId());
    variables.put("AWS_SECRET_ACCESS_KEY", tokens.secretAccessKey());
    variables.put("AWS_SESSION_TOKEN", tokens.sessionToken());
    variables.put("AWS_CREDENTIAL_EXPIRATION", isoInstant(tokens.expiration()));
    return variables;
  }

  /** The format called {@code name}, if there is one. */
  public static Optional<SessionFormat> named(String name) {
    for (SessionFormat format : values()) {
      if (format.formatName.equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static String isoInstant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** POSIX sh: inside single quotes only the quote itself needs care. */
  static String sh(String value) {
    return "'" + environmentValue(value).replace("'", "'\\''") + "'";
  }

  /** fish: inside single quotes, a backslash escapes a quote or a backslash. */
  static String fish(String value) {
    return "'" + environmentValue(value).replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * PowerShell: a single-quoted string, in which a quote is doubled. PowerShell also ends such a
   * string at the typographic single quotes, and may decode what it reads in another character
   * set than Java wrote, so anything but printable ASCII, which a session never holds, is
   * refused.
   */
  static String powershell(String value) {
    for (char c : environmentValue(value).toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        throw new AwsmfaException(ExitCode.FILE, "the stored session holds a character that"
            + " PowerShell might not read as it is (U+" + String.format(Locale.ROOT, "%04X",
                (int) c) + "): refresh it with awsmfa, or use another --format");
      }
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * cmd.exe: inside {@code set "NAME=value"} every character is taken as it is, except a quote,
   * a percent sign and an exclamation mark, which cmd.exe expands, and a line break; a session
   * never holds them, so a value that does is refused rather than escaped.
   */
  static String cmd(String value) {
    for (char c : environmentValue(value).toCharArray()) {
      if (c == '"' || c == '%' || c == '!' || c == '^' || c < 0x20) {
        throw new AwsmfaException(ExitCode.FILE, "the stored session holds a character that"
            + " cmd.exe would not take as it is (" + (c < 0x20 ? "a control character" : c)
            + "): refresh it with awsmfa, or use another --format");
      }
    }
    return value;
  }

  private static String environmentValue(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new AwsmfaException(ExitCode.FILE, "the stored session holds a NUL character, which"
          + " no environment variable can hold: refresh it with awsmfa");
    }
    return value;
  }
}

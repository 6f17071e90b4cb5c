package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.JsonText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The session printed on stdout for scripts, on request only: these are the only outputs that
 * ever show a secret.
 */
public enum OutputFormat {
  /** Exactly what {@code aws sts get-session-token} prints. */
  JSON {
    @Override
    String format(SessionTokens tokens) {
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
  },
  /** {@code export} lines for {@code eval} or direnv. */
  ENV {
    @Override
    String format(SessionTokens tokens) {
      return "export AWS_ACCESS_KEY_ID=" + sh(tokens.accessKeyId()) + "\n"
          + "export AWS_SECRET_ACCESS_KEY=" + sh(tokens.secretAccessKey()) + "\n"
          + "export AWS_SESSION_TOKEN=" + sh(tokens.sessionToken()) + "\n"
          + "export AWS_CREDENTIAL_EXPIRATION=" + sh(DateTimeFormatter.ISO_INSTANT.format(
              tokens.expiration().truncatedTo(ChronoUnit.SECONDS))) + "\n";
    }
  };

  /** The AWS CLI's form: {@code 2026-11-23T09:00:00+00:00}. */
  private static final DateTimeFormatter AWS_CLI_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  /**
   * A value quoted for {@code eval}: a stored session comes from a file, which could hold a
   * quote; inside single quotes only the quote itself needs care.
   */
  static String sh(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** The text to print. */
  abstract String format(SessionTokens tokens);

  /**
   * Reads {@code --output}.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} for anything but json or env
   */
  static OutputFormat parse(String text) {
    return switch (text) {
      case "json" -> JSON;
      case "env" -> ENV;
      default -> throw new AwsmfaException(ExitCode.USAGE,
          "--output " + text + " is not an output format: give json or env");
    };
  }
}

package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.process.HelperProcess;
import dev.awsmfa.sts.LongTermKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A source profile's {@code credential_process}: a program that prints the long-term keys, so
 * that they need not sit in plain text. It prints the JSON the AWS CLI reads ({@code Version} 1,
 * {@code AccessKeyId}, {@code SecretAccessKey}, and optionally {@code SessionToken} and {@code
 * Expiration}); GetSessionToken needs an IAM user's long-term keys, so session credentials are
 * refused.
 *
 * @param commandLine the command, split as a POSIX shell would, run without one
 * @param origin where it is set, for messages, beginning with "the credential_process": "the
 *     credential_process of profile 'vault' in ~/.aws/config"
 */
record CredentialProcess(String commandLine, String origin) implements KeySource {
  /** As long as the AWS CLI would wait for a prompt to be answered, and no longer. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Override
  public boolean fromProgram() {
    return true;
  }

  /**
   * Runs it and reads the keys it prints, as botocore does: {@code Version} must be the number
   * 1. It gets no stdin, which may be where the MFA code comes from: a program that asks for a
   * passphrase asks on the terminal.
   *
   * @throws AwsmfaException with {@link ExitCode#FILE} if it fails, prints something else than
   *     long-term keys, or prints session credentials
   */
  @Override
  public LongTermKeys keys() {
    String printed = new HelperProcess("the credential_process", origin.substring(
        "the credential_process".length()), "the credential_process", ExitCode.FILE, TIMEOUT)
        .run(commandLine, false);
    Map<String, JsonNode> fields = object(printed).orElseThrow(() -> notKeys("JSON object"));
    JsonNode version = fields.get("Version");
    if (version == null || !version.isNumber() || !isOne(version.asNumber())) {
      throw notKeys("\"Version\": 1");
    }
    String keyId = field(fields, "AccessKeyId").orElseThrow(() -> notKeys("an AccessKeyId"));
    String secret = field(fields, "SecretAccessKey")
        .orElseThrow(() -> notKeys("a SecretAccessKey"));
    if (field(fields, "SessionToken").isPresent() || keyId.startsWith("ASIA")) {
      throw new AwsmfaException(ExitCode.FILE, origin + " prints temporary session credentials,"
          + " which cannot get an MFA session: make it print the IAM user's long-term access"
          + " key (AKIA...), without a SessionToken");
    }
    return new LongTermKeys(keyId, secret);
  }

  private static Optional<Map<String, JsonNode>> object(String text) {
    try {
      JsonNode json = JsonNode.parser().parse(text);
      return json.isObject() ? Optional.of(json.asObject()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // not JSON
    }
  }

  private static boolean isOne(String number) {
    try {
      return new java.math.BigDecimal(number).compareTo(java.math.BigDecimal.ONE) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A string field that is there and not empty. */
  private static Optional<String> field(Map<String, JsonNode> fields, String name) {
    JsonNode node = fields.get(name);
    if (node == null || !node.isString()) {
      return Optional.empty();
    }
    String value = node.asString();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** What it printed is not keys; what it printed is never shown, as it may be secret. */
  private AwsmfaException notKeys(String missing) {
    return new AwsmfaException(ExitCode.FILE, origin + " printed no " + missing + " as the AWS"
        + " CLI reads it (Version 1, AccessKeyId, SecretAccessKey): run it by hand to see what"
        + " it prints");
  }
}

package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings that the AWS SDK reads from the environment by itself when it builds a client,
 * checked as it will read them, before the code is asked for: the SDK would refuse a bad one
 * only once the code is in hand.
 */
public final class SdkEnvironment {
  private static final Map<String, List<String>> CHOICES = Map.of(
      "AWS_RETRY_MODE", List.of("legacy", "standard", "adaptive"),
      "AWS_DEFAULTS_MODE", List.of("legacy", "standard", "mobile", "cross-region", "in-region",
          "auto"),
      "AWS_USE_DUALSTACK_ENDPOINT", List.of("true", "false"));

  private SdkEnvironment() {}

  /**
   * Checks {@code AWS_RETRY_MODE}, {@code AWS_MAX_ATTEMPTS}, {@code AWS_DEFAULTS_MODE}, {@code
   * AWS_USE_DUALSTACK_ENDPOINT} and the endpoint variables.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} naming one that the SDK would refuse
   */
  public static void check(Map<String, String> env) {
    for (Map.Entry<String, List<String>> choice : CHOICES.entrySet()) {
      String value = env.get(choice.getKey());
      if (value != null && !value.isEmpty()
          && !choice.getValue().contains(value.toLowerCase(Locale.ROOT))) {
        throw refused(choice.getKey(), value, "one of " + String.join(", ", choice.getValue()));
      }
    }
    // Set but empty, an endpoint variable is no endpoint to awsmfa, as to the AWS CLI, but the SDK
    // takes it for a URL and fails on it.
    for (String name : List.of("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL_IAM")) {
      String value = env.get(name);
      if (value != null && value.isBlank()) {
        throw refused(name, value, "an http or https URL");
      }
    }
    String attempts = env.get("AWS_MAX_ATTEMPTS");
    if (attempts != null && !attempts.isEmpty() && !isPositive(attempts.strip())) {
      throw refused("AWS_MAX_ATTEMPTS", attempts, "a whole number from 1 up");
    }
  }

  private static boolean isPositive(String number) {
    try {
      return Integer.parseInt(number) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static AwsmfaException refused(String variable, String value, String expected) {
    return new AwsmfaException(ExitCode.USAGE, variable + " is '" + value + "', which the AWS SDK"
        + " refuses: set it to " + expected + ", or unset it");
  }
}

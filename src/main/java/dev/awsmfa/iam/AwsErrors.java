package dev.awsmfa.iam;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What IAM or STS said, as the start of a sentence that the caller finishes with what to do. The
 * error code and request id go into the detail, which {@code --debug} shows.
 */
final class AwsErrors {
  private AwsErrors() {}

  /** AWS answered with an error, after the SDK's retries for the retryable ones. */
  static AwsmfaException refused(String service, String action, AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String text = details == null || details.errorMessage() == null ? "" : details.errorMessage();
    boolean unavailable = e.statusCode() >= 500 || e.isThrottlingException();
    String said = code.isEmpty() ? "HTTP " + e.statusCode() : code;
    if (!text.isBlank()) {
      said += ": " + text.strip();
    }
    return new AwsmfaException(unavailable ? ExitCode.STS_UNAVAILABLE : ExitCode.STS_REFUSED,
        service + " refused " + action + " (" + said + ")", service + " error code "
            + (code.isEmpty() ? "(none)" : code) + ", HTTP " + e.statusCode() + ", request id "
            + e.requestId(), e);
  }

  /** The call never got an answer: no network, a refused connection, a timeout. */
  static AwsmfaException unreachable(String where, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new AwsmfaException(ExitCode.STS_UNAVAILABLE, "could not reach " + where + " ("
        + why.strip() + ")", e.getClass().getName(), e);
  }
}

package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what STS or the network says into one sentence that tells the user what to do. The STS
 * error code itself goes into the exception's detail, which {@code --debug} shows.
 */
final class StsErrors {
  private StsErrors() {}

  /** STS answered with an error, after the SDK's retries for the retryable ones. */
  static AwsmfaException refused(AwsServiceException e, SessionTokenRequest request) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String text = details == null || details.errorMessage() == null ? "" : details.errorMessage();
    String detail = "STS error code " + (code.isEmpty() ? "(none)" : code) + ", HTTP "
        + e.statusCode() + ", request id " + e.requestId() + ": " + text.strip();
    boolean retried = e.numAttempts() != null && e.numAttempts() > 1;
    return new AwsmfaException(exitCode(code, e.statusCode()), message(code, text, e.statusCode(),
        retried, request), detail + (retried ? " (after " + e.numAttempts() + " attempts)" : ""),
        e);
  }

  /** The request never got an answer: no network, a refused connection, a timeout. */
  static AwsmfaException unreachable(RuntimeException e, SessionTokenRequest request) {
    String where = request.endpoint().map(u -> "STS at " + u)
        .orElse("STS in region " + request.region());
    if (e instanceof ApiCallTimeoutException) {
      Duration limit = request.network().callTimeout();
      return new AwsmfaException(ExitCode.STS_UNAVAILABLE, "timed out after " + limit.toSeconds()
          + " seconds, every retry included, waiting for " + where + ": check the network"
          + " connection, the proxy settings and --endpoint-url, then try again with the next"
          + " code", e.getClass().getName(), e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new AwsmfaException(ExitCode.STS_UNAVAILABLE,
        "could not reach " + where + " (" + why.strip()
            + "): check the network connection, the proxy settings and --endpoint-url, then try"
            + " again with the next code",
        e.getClass().getName(), e);
  }

  private static ExitCode exitCode(String code, int status) {
    return isThrottling(code) || status >= 500 ? ExitCode.STS_UNAVAILABLE : ExitCode.STS_REFUSED;
  }

  private static boolean isThrottling(String code) {
    return code.equals("Throttling") || code.equals("ThrottlingException")
        || code.equals("RequestLimitExceeded");
  }

  private static String message(String code, String text, int status, boolean retried,
      SessionTokenRequest request) {
    String source = request.keysOrigin();
    if (isThrottling(code)) {
      return "STS is throttling requests and still was after retries: wait a minute, then try"
          + " again with the next code";
    }
    if (status >= 500) {
      return "STS failed with HTTP " + status + " even after retries: try again in a few minutes";
    }
    switch (code) {
      case "AccessDenied":
        if (text.contains("invalid MFA one time pass code")) {
          return retried
              ? "the MFA code was rejected on a retry, and an earlier attempt that got no answer"
                  + " may have used it: wait for the next code (each code works once)"
              : "the MFA code was rejected: wait for the next code (each code works once)";
        }
        if (text.contains("unable to validate MFA code")) {
          return "STS could not validate the code for " + request.serialNumber()
              + ": check that --serial-number names the MFA device of the IAM user whose keys are"
              + " in " + source + ", and that the device is in sync";
        }
        if (text.contains("session credentials")) {
          return source + " holds temporary session credentials: put an IAM user's long-term"
              + " access key there";
        }
        return "STS denied " + request.action() + " to the keys in " + source + " ("
            + text.strip() + "): check the IAM user's policies"
            + (request.role().isPresent() ? " and the role's trust policy" : "");
      case "InvalidClientTokenId":
        return "AWS does not know the access key id in " + source
            + ": it was deleted or deactivated, so create a new access key in IAM and save it"
            + " there";
      case "SignatureDoesNotMatch":
        return "the secret access key in " + source + " does not match its access key id, or"
            + " this computer's clock is wrong: check both";
      case "ExpiredToken":
        return "the credentials in " + source + " have expired: replace them with an IAM user's"
            + " long-term access key";
      case "RegionDisabledException":
        return "STS is not activated in region " + request.region() + " for this account:"
            + " activate it in the IAM console, or pass --region us-east-1";
      case "ValidationError":
        if (text.contains("MaxSessionDuration")) {
          return "the role allows shorter sessions than " + request.durationSeconds()
              + " seconds (its MaxSessionDuration): ask for less with --duration-seconds, or"
              + " raise the role's maximum in IAM";
        }
        return "STS rejected the request as invalid (" + text.strip() + "): check the flags";
      default:
        return "STS refused the request (" + (code.isEmpty() ? "HTTP " + status : code) + ": "
            + text.strip() + ")";
    }
  }
}

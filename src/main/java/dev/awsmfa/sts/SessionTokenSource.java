package dev.awsmfa.sts;

/** Gets temporary credentials from STS: the one place where a one-time code is spent. */
public interface SessionTokenSource {

  /**
   * Calls GetSessionToken.
   *
   * @throws dev.awsmfa.failure.AwsmfaException if STS refuses or cannot be reached, with a
   *     message that says what to do
   */
  SessionTokens getSessionToken(SessionTokenRequest request);
}

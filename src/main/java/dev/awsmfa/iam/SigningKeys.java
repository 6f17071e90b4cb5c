package dev.awsmfa.iam;

import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.SessionTokens;
import java.util.Optional;

/**
 * The credentials that sign a call: a long-term access key, or a session with its token.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret, never shown
 * @param sessionToken the session token, for a session
 */
public record SigningKeys(String accessKeyId, String secretAccessKey,
    Optional<String> sessionToken) {

  /** Signs with a long-term access key. */
  public static SigningKeys of(LongTermKeys keys) {
    return new SigningKeys(keys.accessKeyId(), keys.secretAccessKey(), Optional.empty());
  }

  /** Signs with a session, such as the MFA session of the target profile. */
  public static SigningKeys of(SessionTokens session) {
    return new SigningKeys(session.accessKeyId(), session.secretAccessKey(),
        Optional.of(session.sessionToken()));
  }

  @Override
  public String toString() {
    return "SigningKeys[" + accessKeyId + (sessionToken.isPresent() ? ", session" : "") + "]";
  }
}

package dev.awsmfa.sts;

import java.time.Instant;

/**
 * Temporary credentials returned by STS.
 *
 * @param accessKeyId the session key id, {@code ASIA...}
 * @param secretAccessKey the session secret, which {@link #toString()} never shows
 * @param sessionToken the session token, which {@link #toString()} never shows
 * @param expiration when the session ends
 */
public record SessionTokens(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  /** Refuses values that could not be written as one line each. */
  public SessionTokens {
    for (String value : new String[] {accessKeyId, secretAccessKey, sessionToken}) {
      if (value == null || value.isEmpty() || value.indexOf('\n') >= 0
          || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("STS answered with an empty or multi-line credential");
      }
    }
  }

  @Override
  public String toString() {
    return "SessionTokens[accessKeyId=" + accessKeyId + ", expiration=" + expiration
        + ", secrets=<hidden>]";
  }
}

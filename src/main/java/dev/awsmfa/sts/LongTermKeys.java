package dev.awsmfa.sts;

/**
 * An IAM user's long-term access key pair, the keys that GetSessionToken is signed with.
 *
 * @param accessKeyId the key id, {@code AKIA...}
 * @param secretAccessKey the secret, which {@link #toString()} never shows
 */
public record LongTermKeys(String accessKeyId, String secretAccessKey) {

  @Override
  public String toString() {
    return "LongTermKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>]";
  }
}

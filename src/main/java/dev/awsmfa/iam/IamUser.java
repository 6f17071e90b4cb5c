package dev.awsmfa.iam;

import java.util.Optional;

/**
 * Who a key belongs to, as GetCallerIdentity says.
 *
 * @param account the 12-digit account id
 * @param arn the caller's ARN: {@code arn:aws:iam::123456789012:user/alice} for an IAM user
 */
public record IamUser(String account, String arn) {

  /** The IAM user's name (the last part of its path), or empty for the root user or a role. */
  public Optional<String> userName() {
    int user = arn.indexOf(":user/");
    if (user < 0) {
      return Optional.empty();
    }
    String path = arn.substring(user + ":user/".length());
    return Optional.of(path.substring(path.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty());
  }
}

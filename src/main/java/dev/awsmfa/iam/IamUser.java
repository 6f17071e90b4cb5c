package dev.awsmfa.iam;

import java.util.Optional;

/**
 * Who a key belongs to, as GetCallerIdentity says.
 *
 * @param account the 12-digit account id
 * @param arn the caller's ARN: {@code arn:aws:iam::123456789012:user/alice} for an IAM user
 */
public record IamUser(String account, String arn) {

  /**
   * The IAM user's name (the last part of its path), or empty for anything that is not an IAM
   * user: the root user, a role's session, or the placeholder an emulator answers with.
   */
  public Optional<String> userName() {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("iam")
        || !parts[5].startsWith("user/")) {
      return Optional.empty();
    }
    String path = parts[5];
    return Optional.of(path.substring(path.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty());
  }
}

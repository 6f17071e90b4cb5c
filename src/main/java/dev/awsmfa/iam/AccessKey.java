package dev.awsmfa.iam;

/**
 * One access key of an IAM user, as ListAccessKeys shows it: never its secret.
 *
 * @param id the access key id
 * @param active whether it is Active rather than Inactive
 */
public record AccessKey(String id, boolean active) {}

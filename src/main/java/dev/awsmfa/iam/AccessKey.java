package dev.awsmfa.iam;

import java.time.Instant;

/**
 * One access key of an IAM user, as ListAccessKeys shows it: never its secret.
 *
 * @param id the access key id
 * @param active whether it is Active rather than Inactive
 * @param created when it was created
 */
public record AccessKey(String id, boolean active, Instant created) {}

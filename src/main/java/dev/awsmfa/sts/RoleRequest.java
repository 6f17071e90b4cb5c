package dev.awsmfa.sts;

import java.util.Optional;

/**
 * A role to assume with the MFA code, instead of getting a plain session.
 *
 * @param roleArn the role
 * @param sessionName the name the session has in CloudTrail
 * @param externalId the external id the role's trust policy asks for, if any
 */
public record RoleRequest(String roleArn, String sessionName, Optional<String> externalId) {}

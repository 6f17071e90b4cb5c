package dev.awsmfa.profiles;

import dev.awsmfa.sts.LongTermKeys;
import java.util.Optional;

/**
 * The profile whose long-term keys sign GetSessionToken.
 *
 * @param name the profile name
 * @param keys its long-term access key
 * @param origin where the keys stand, for messages: "profile 'default' in ~/.aws/credentials
 *     (line 1)"
 * @param region its {@code region}, if it has one
 */
public record SourceProfile(
    String name, LongTermKeys keys, String origin, Optional<String> region) {}

package dev.awsmfa.profiles;

import java.util.Optional;

/**
 * The profile whose long-term keys sign GetSessionToken.
 *
 * @param name the profile name
 * @param keySource where its long-term access key comes from
 * @param origin where the keys stand, for messages: "profile 'default' in ~/.aws/credentials
 *     (line 1)"
 * @param region its {@code region}, if it has one
 */
public record SourceProfile(
    String name, KeySource keySource, String origin, Optional<String> region) {}

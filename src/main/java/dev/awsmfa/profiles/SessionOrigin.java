package dev.awsmfa.profiles;

/**
 * Where a stored session came from, as {@code awsmfa status} shows it.
 *
 * @param profile the source profile whose keys asked for it
 * @param serialNumber the MFA device whose code was spent
 */
public record SessionOrigin(String profile, String serialNumber) {}

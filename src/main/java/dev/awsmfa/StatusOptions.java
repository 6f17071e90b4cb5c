package dev.awsmfa;

import java.time.Duration;

/**
 * What {@code awsmfa status} asks for.
 *
 * @param mfaProfileName the profile to report on
 * @param all report on every profile whose session records an expiry instead
 * @param warnWithin how soon an expiry counts as "expiring" (exit 10)
 * @param json print JSON instead of lines
 */
record StatusOptions(String mfaProfileName, boolean all, Duration warnWithin, boolean json) {
  static final Duration DEFAULT_WARN_WITHIN = Duration.ofHours(1);

  /**
   * Checks the status options of {@code args}.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
   */
  static StatusOptions from(CommandLineArguments args) {
    if (args.all() && args.mfaProfileName().isPresent()) {
      throw new AwsmfaException(ExitCode.USAGE,
          "give --all or --mfa-profile-name, not both (see awsmfa --help)");
    }
    String output = args.output().orElse(null);
    if (output != null && !output.equals("json")) {
      throw new AwsmfaException(ExitCode.USAGE,
          "awsmfa status --output " + output + " is not an output format: give json");
    }
    String warnWithin = args.warnWithin().orElse(null);
    return new StatusOptions(
        RefreshOptions.profile("--mfa-profile-name", args.mfaProfileName().orElse("mfa")),
        args.all(),
        warnWithin == null ? DEFAULT_WARN_WITHIN : DurationText.parse("--warn-within", warnWithin),
        output != null);
  }
}

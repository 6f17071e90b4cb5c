package dev.awsmfa.status;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.ProfileNames;
import dev.awsmfa.text.DurationText;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@code awsmfa status} asks for.
 *
 * @param mfaProfileName the profile to report on
 * @param all report on every profile whose session records an expiry instead
 * @param warnWithin how soon an expiry counts as "expiring" (exit 10)
 * @param json print JSON instead of lines
 * @param quiet print nothing: the exit status tells
 */
public record StatusOptions(String mfaProfileName, boolean all, Duration warnWithin, boolean json,
    boolean quiet) {
  static final Duration DEFAULT_WARN_WITHIN = Duration.ofHours(1);

  /** Collects the options of {@code awsmfa status}, checking each value as it is given. */
  public static final class Builder {
    private Optional<String> mfaProfileName = Optional.empty();
    private boolean all;
    private Duration warnWithin = DEFAULT_WARN_WITHIN;
    private boolean json;
    private boolean quiet;

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      mfaProfileName = Optional.of(ProfileNames.check("--mfa-profile-name", value));
      return this;
    }

    /** {@code --all}. */
    public Builder all() {
      all = true;
      return this;
    }

    /** {@code --warn-within}. */
    public Builder warnWithin(String value) {
      warnWithin = DurationText.parse("--warn-within", value);
      return this;
    }

    /** {@code --output}: json is the only form. */
    public Builder output(String value) {
      if (!value.equals("json")) {
        throw new AwsmfaException(ExitCode.USAGE,
            "awsmfa status --output " + value + " is not an output format: give json");
      }
      json = true;
      return this;
    }

    /** {@code --quiet}. */
    public Builder quiet() {
      quiet = true;
      return this;
    }

    /**
     * The options, once the ones given together agree.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} if both --all and a profile are given
     */
    public StatusOptions build() {
      if (all && mfaProfileName.isPresent()) {
        throw new AwsmfaException(ExitCode.USAGE,
            "give --all or --mfa-profile-name, not both (see awsmfa status --help)");
      }
      return new StatusOptions(mfaProfileName.orElse("mfa"), all, warnWithin, json, quiet);
    }
  }
}

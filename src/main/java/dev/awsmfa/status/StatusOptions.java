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

  /**
   * Collects the options of {@code awsmfa status} as given. {@link #build} checks them in a fixed
   * order, so that the same mistakes always get the same message.
   */
  public static final class Builder {
    private Optional<String> mfaProfileName = Optional.empty();
    private Optional<String> warnWithin = Optional.empty();
    private Optional<String> output = Optional.empty();
    private boolean all;
    private boolean quiet;

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      mfaProfileName = Optional.of(value);
      return this;
    }

    /** {@code --all}. */
    public Builder all() {
      all = true;
      return this;
    }

    /** {@code --warn-within}. */
    public Builder warnWithin(String value) {
      warnWithin = Optional.of(value);
      return this;
    }

    /** {@code --output}: json is the only form. */
    public Builder output(String value) {
      output = Optional.of(value);
      return this;
    }

    /** {@code --quiet}. */
    public Builder quiet() {
      quiet = true;
      return this;
    }

    /**
     * The options, every value checked.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
     */
    public StatusOptions build() {
      if (all && mfaProfileName.isPresent()) {
        throw usage("give --all or --mfa-profile-name, not both (see awsmfa status --help)");
      }
      if (output.isPresent() && !output.get().equals("json")) {
        throw usage("awsmfa status --output " + output.get() + " is not an output format: give"
            + " json");
      }
      return new StatusOptions(
          ProfileNames.check("--mfa-profile-name", mfaProfileName.orElse("mfa")),
          all,
          warnWithin.map(w -> DurationText.parse("--warn-within", w)).orElse(DEFAULT_WARN_WITHIN),
          output.isPresent(),
          quiet);
    }

    private static AwsmfaException usage(String message) {
      return new AwsmfaException(ExitCode.USAGE, message);
    }
  }
}

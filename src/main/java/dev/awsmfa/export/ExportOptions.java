package dev.awsmfa.export;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.ProfileNames;
import java.util.Optional;

/**
 * What {@code awsmfa export} asks for.
 *
 * @param mfaProfileName the profile whose stored session is printed
 * @param format how it is printed
 */
public record ExportOptions(String mfaProfileName, SessionFormat format) {

  /** Collects the options of {@code awsmfa export} as given; {@link #build} checks them. */
  public static final class Builder {
    private Optional<String> mfaProfileName = Optional.empty();
    private Optional<String> format = Optional.empty();

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      mfaProfileName = Optional.of(value);
      return this;
    }

    /** {@code --format}. */
    public Builder format(String value) {
      format = Optional.of(value);
      return this;
    }

    /**
     * The options, every value checked.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
     */
    public ExportOptions build() {
      String name = ProfileNames.check("--mfa-profile-name", mfaProfileName.orElse("mfa"));
      SessionFormat chosen = SessionFormat.ENV;
      if (format.isPresent()) {
        chosen = SessionFormat.named(format.get()).orElseThrow(() -> new AwsmfaException(
            ExitCode.USAGE, "--format " + format.get() + " is not a format: give env,"
                + " env-no-export, fish, powershell, windows-cmd, process or json (see awsmfa"
                + " export --help)"));
      }
      return new ExportOptions(name, chosen);
    }
  }
}

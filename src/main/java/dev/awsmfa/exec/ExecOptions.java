package dev.awsmfa.exec;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.ProfileNames;
import java.util.List;
import java.util.Optional;

/**
 * What {@code awsmfa exec} asks for.
 *
 * @param mfaProfileName the profile whose stored session the command gets
 * @param command the command and its arguments, run without a shell
 */
public record ExecOptions(String mfaProfileName, List<String> command) {

  /** Copies {@code command}. */
  public ExecOptions {
    command = List.copyOf(command);
  }

  /** Collects the options of {@code awsmfa exec} as given; {@link #build} checks them. */
  public static final class Builder {
    private Optional<String> mfaProfileName = Optional.empty();
    private List<String> command = List.of();

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      mfaProfileName = Optional.of(value);
      return this;
    }

    /** The command after {@code --}. */
    public Builder command(List<String> words) {
      command = List.copyOf(words);
      return this;
    }

    /**
     * The options, every value checked.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
     */
    public ExecOptions build() {
      return new ExecOptions(
          ProfileNames.check("--mfa-profile-name", mfaProfileName.orElse("mfa")), command);
    }
  }
}

package dev.awsmfa.rotate;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.refresh.RefreshOptions;
import java.util.Optional;

/**
 * What {@code awsmfa rotate} asks for.
 *
 * @param profile the source profile whose key is replaced, if given by flag
 * @param mfaProfileName the profile whose MFA session signs the IAM calls
 * @param deactivateOld deactivate the old key instead of deleting it
 * @param quiet print nothing on success
 * @param refresh the refresh that gets an MFA session first, when there is no valid one
 */
public record RotateOptions(Optional<String> profile, String mfaProfileName,
    boolean deactivateOld, boolean quiet, RefreshOptions refresh) {

  /**
   * Collects the options of {@code awsmfa rotate} as given. The ones that a refresh takes too go
   * to the refresh that gets a session when there is no valid one.
   */
  public static final class Builder {
    private final RefreshOptions.Builder refresh = new RefreshOptions.Builder();
    private boolean deactivateOld;
    private boolean quiet;

    /** {@code --profile}. */
    public Builder profile(String value) {
      refresh.profile(value);
      return this;
    }

    /** {@code --mfa-profile-name}. */
    public Builder mfaProfileName(String value) {
      refresh.mfaProfileName(value);
      return this;
    }

    /** {@code --serial-number}, for the session's code. */
    public Builder serialNumber(String value) {
      refresh.serialNumber(value);
      return this;
    }

    /** {@code --token-code}. */
    public Builder tokenCode(String value) {
      refresh.tokenCode(value);
      return this;
    }

    /** The code given as the only argument. */
    public Builder codeArgument(String value) {
      refresh.codeArgument(value);
      return this;
    }

    /** {@code --mfa-process}. */
    public Builder mfaProcess(String value) {
      refresh.mfaProcess(value);
      return this;
    }

    /** {@code --deactivate-old}. */
    public Builder deactivateOld() {
      deactivateOld = true;
      return this;
    }

    /** {@code --quiet}. */
    public Builder quiet() {
      quiet = true;
      refresh.quiet();
      return this;
    }

    /** {@code --debug}. */
    public Builder debug() {
      refresh.debug();
      return this;
    }

    /**
     * The options, every value checked.
     *
     * @throws AwsmfaException with {@link ExitCode#USAGE} naming the flag that is wrong
     */
    public RotateOptions build() {
      RefreshOptions checked = refresh.build();
      return new RotateOptions(checked.profile(), checked.mfaProfileName(), deactivateOld, quiet,
          checked);
    }
  }
}

package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.iam.AwsPlace;
import dev.awsmfa.iam.IamCalls;
import dev.awsmfa.iam.IamUser;
import dev.awsmfa.iam.SigningKeys;
import dev.awsmfa.sts.LongTermKeys;
import java.util.List;

/**
 * Finds the MFA device of the IAM user whose keys sign the refresh, when neither {@code
 * --serial-number} nor {@code mfa_serial} names it: GetCallerIdentity for the user's name, then
 * ListMFADevices for that user, which AWS's usual "MFA required" policy allows without MFA.
 */
final class MfaDeviceLookup {
  private final IamCalls.Connector iam;

  MfaDeviceLookup(IamCalls.Connector iam) {
    this.iam = iam;
  }

  /**
   * The serial number of the user's only MFA device.
   *
   * @throws AwsmfaException if the keys are not an IAM user's, if the user has no device or
   *     several, or if AWS refuses or cannot be reached: each says what to pass instead
   */
  String find(LongTermKeys keys, String keysOrigin, String profile, AwsPlace place) {
    String instead = "pass --serial-number with your MFA device's ARN"
        + " (arn:aws:iam::ACCOUNT:mfa/NAME), or set mfa_serial in profile '" + profile + "'";
    try (IamCalls calls = iam.connect(SigningKeys.of(keys), place)) {
      IamUser caller = calls.caller();
      String user = caller.userName().orElseThrow(() -> new AwsmfaException(ExitCode.USAGE,
          "the keys in " + keysOrigin + " are " + caller.arn() + "'s, not an IAM user's, so"
              + " awsmfa cannot look up an MFA device: " + instead));
      List<String> all = calls.mfaDevices(user);
      // A security key (FIDO) gives no code to type: only the other devices can serve.
      List<String> devices = all.stream().filter(RequestChecks::givesCodes).toList();
      if (devices.isEmpty()) {
        throw new AwsmfaException(ExitCode.USAGE, "IAM user " + user + " has no MFA device"
            + (all.isEmpty() ? "" : " that gives codes, only " + all.size() + " security key"
                + (all.size() == 1 ? "" : "s") + ", which the AWS CLI and awsmfa cannot use")
            + ": assign a virtual or hardware MFA device in the IAM console (Security"
            + " credentials, Assign MFA device), then run awsmfa again");
      }
      if (devices.size() > 1) {
        throw new AwsmfaException(ExitCode.USAGE, "IAM user " + user + " has " + devices.size()
            + " MFA devices (" + String.join(", ", devices) + "): pass --serial-number with the"
            + " one to use, or set it as mfa_serial in profile '" + profile + "'");
      }
      return devices.get(0);
    } catch (AwsmfaException e) {
      if (e.exitCode() == ExitCode.USAGE) {
        throw e;
      }
      throw new AwsmfaException(e.exitCode(), "could not find the MFA device: " + e.getMessage()
          + "; " + instead, e.detail(), e);
    }
  }
}

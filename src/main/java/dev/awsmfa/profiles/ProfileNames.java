package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;

/** Profile names that awsmfa can read and write as the AWS CLI reads them. */
public final class ProfileNames {
  private ProfileNames() {}

  /**
   * Checks a profile name from {@code source}: a flag or a variable.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE} naming {@code source}
   */
  public static String check(String source, String name) {
    if (name.isEmpty() || !name.strip().equals(name) || name.indexOf('[') >= 0
        || name.indexOf(']') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
      throw usage(source + " '" + name + "' is not a usable profile name: leave out brackets,"
          + " line breaks and surrounding spaces");
    }
    if (name.indexOf('\ufffd') >= 0) {
      throw usage(source + " '" + name + "' has characters that Java could not decode: run"
          + " awsmfa in a UTF-8 locale, such as LANG=C.UTF-8");
    }
    if (name.equals("DEFAULT")) {
      throw usage(source + " DEFAULT names no profile: the AWS CLI reads a [DEFAULT] section as"
          + " settings for every profile, so choose another name");
    }
    return name;
  }

  private static AwsmfaException usage(String message) {
    return new AwsmfaException(ExitCode.USAGE, message);
  }
}

package dev.awsmfa.text;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on a command line ({@code 2h}, {@code 90m}, {@code 1h30m}) and as
 * awsmfa shows them ({@code 11h 59m}).
 */
public final class DurationText {
  private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  private DurationText() {}

  /**
   * Reads hours, minutes and seconds in that order ({@code 1h30m}, {@code 45s}), or a bare number
   * of seconds.
   *
   * @throws AwsmfaException with {@link ExitCode#USAGE}, naming {@code flag}, if it is neither
   */
  public static Duration parse(String flag, String text) {
    if (text.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher m = UNITS.matcher(text);
    if (text.isEmpty() || !m.matches() || text.length() > 20) {
      throw new AwsmfaException(ExitCode.USAGE, flag + " '" + text + "' is not a duration: give"
          + " it as 2h, 90m, 1h30m, 45s or a number of seconds");
    }
    try {
      return Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new AwsmfaException(ExitCode.USAGE, flag + " '" + text + "' is longer than any"
          + " session: give at most a few days, such as 36h");
    }
  }

  /** "12h", "11h 59m", "45m": a duration to the nearest minute. */
  public static String format(Duration d) {
    // Rounded half up, without counting milliseconds: an expiry in the year 999999999, which a
    // file may hold, has more of them than a long.
    long minutes = Math.max(0, d.plusSeconds(30).toMinutes());
    long hours = minutes / 60;
    long rest = minutes % 60;
    if (hours == 0) {
      return rest + "m";
    }
    return rest == 0 ? hours + "h" : hours + "h " + rest + "m";
  }

  private static long group(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }
}

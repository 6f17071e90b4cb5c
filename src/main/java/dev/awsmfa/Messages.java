package dev.awsmfa;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What awsmfa tells the user on stderr: results, warnings and, with --debug, details. */
final class Messages {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx", Locale.ROOT);

  private final PrintStream err;
  private final boolean quiet;
  private final boolean debug;

  Messages(PrintStream err, boolean quiet, boolean debug) {
    this.err = err;
    this.quiet = quiet;
    this.debug = debug;
  }

  /** A result line, left out with --quiet. */
  void info(String line) {
    if (!quiet) {
      err.println(oneLine(line));
    }
  }

  /**
   * Whether result lines are shown: a line with a local time, which costs a zone lookup, is
   * built only then.
   */
  boolean showsInfo() {
    return !quiet;
  }

  /** A warning, left out with --quiet. */
  void warn(String line) {
    if (!quiet) {
      err.println("awsmfa: warning: " + oneLine(line));
    }
  }

  /** A detail shown only with --debug. */
  void debug(String line) {
    if (debug) {
      err.println("awsmfa: debug: " + oneLine(line));
    }
  }

  /**
   * {@code text} as one line of plain text: each control character, which can come from the
   * environment, a file or STS, is shown as an escape ({@code \n}, {@code \x1b}), so that no
   * value can begin a line of its own, such as a forged "mfa: session valid", or steer the
   * terminal.
   */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isControl(c)) {
            out.append(c <= 0xff ? "\\x" + Integer.toHexString(c | 0x100).substring(1)
                : "\\u" + Integer.toHexString(c | 0x10000).substring(1));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }

  /** "2026-11-23 21:00 +09:00": a moment in the clock's time zone, with its offset. */
  static String localTime(Instant instant, Clock clock) {
    return LOCAL_TIME.format(instant.atZone(clock.getZone()));
  }

  /** "12h", "11h 59m", "45m": a duration to the nearest minute. */
  static String duration(Duration d) {
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
}

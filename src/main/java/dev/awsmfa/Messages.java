package dev.awsmfa;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** What awsmfa tells the user on stderr: results, warnings and, with --debug, details. */
final class Messages {
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
      err.println(line);
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
      err.println("awsmfa: warning: " + line);
    }
  }

  /** A detail shown only with --debug. */
  void debug(String line) {
    if (debug) {
      err.println("awsmfa: debug: " + line);
    }
  }

  /**
   * "2026-11-23 21:00 +09:00": a moment in the clock's time zone, with its offset. Built by hand,
   * and for the system clock from the offset alone: a formatter pattern and the zone's java.time
   * rules (a second read of the time-zone database) would cost a cold {@code status} about 7 ms.
   */
  static String localTime(Instant instant, Clock clock) {
    ZoneOffset offset = clock instanceof SystemClock system ? system.offset(instant)
        : clock.getZone().getRules().getOffset(instant);
    LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
    String zone = offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId().substring(0, 6);
    return local.toLocalDate() + " " + twoDigits(local.getHour()) + ":"
        + twoDigits(local.getMinute()) + " " + zone;
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  /** "12h", "11h 59m", "45m": a duration to the nearest minute. */
  static String duration(Duration d) {
    long minutes = Math.max(0, Math.round(d.toMillis() / 60_000.0));
    long hours = minutes / 60;
    long rest = minutes % 60;
    if (hours == 0) {
      return rest + "m";
    }
    return rest == 0 ? hours + "h" : hours + "h " + rest + "m";
  }
}

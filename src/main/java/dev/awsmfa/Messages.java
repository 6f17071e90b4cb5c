package dev.awsmfa;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What awsmfa tells the user on stderr: results, warnings and, with --debug, details. */
final class Messages {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

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

  /** "2026-11-23 21:00 +09:00": a moment in the user's time zone, with its offset. */
  static String localTime(Instant instant, ZoneId zone) {
    return LOCAL_TIME.format(instant.atZone(zone));
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

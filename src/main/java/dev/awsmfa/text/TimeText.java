package dev.awsmfa.text;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as awsmfa shows them to people: in local time, with the offset. */
public final class TimeText {
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx", Locale.ROOT);

  private TimeText() {}

  /** "2026-11-23 21:00 +09:00": a moment in the clock's time zone, with its offset. */
  public static String local(Instant instant, Clock clock) {
    return LOCAL_TIME.format(instant.atZone(clock.getZone()));
  }
}

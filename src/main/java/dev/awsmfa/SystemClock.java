package dev.awsmfa;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * The system clock, whose time zone is looked up only when a local time is shown. Looking it up
 * reads the JDK's time-zone database, about 4 ms of a cold start that {@code --help}, a quiet
 * skipped refresh and most failures never need; java.time's rules for it cost 6 ms more, so
 * {@link Messages#localTime} asks this clock for the offset alone.
 */
final class SystemClock extends Clock {
  /** The zone's offset at {@code instant}, from the JDK's TimeZone, without java.time's rules. */
  ZoneOffset offset(Instant instant) {
    return ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(instant.toEpochMilli())
        / 1000);
  }

  @Override
  public ZoneId getZone() {
    return ZoneId.systemDefault();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.system(zone);
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }
}

package dev.awsmfa;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system's clock in the system's time zone, looked up the first time a time is shown rather
 * than at start-up: the lookup reads the JDK's time-zone database, which most runs (a quiet
 * refresh, {@code --help}, a skipped refresh) never need.
 */
final class SystemClock extends Clock {
  private ZoneId zone;

  @Override
  public ZoneId getZone() {
    if (zone == null) {
      zone = ZoneId.systemDefault();
    }
    return zone;
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

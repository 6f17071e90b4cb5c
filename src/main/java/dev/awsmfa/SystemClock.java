package dev.awsmfa;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system's clock in the system's time zone, which, unlike {@link Clock#systemDefaultZone()},
 * is looked up only when a time is shown: the lookup reads the JDK's time-zone database, which
 * runs that show no local time ({@code --help}, {@code --quiet} ones) never need. The JDK keeps
 * the zone once found.
 */
final class SystemClock extends Clock {
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

  @Override
  public boolean equals(Object other) {
    return other instanceof SystemClock;
  }

  @Override
  public int hashCode() {
    return SystemClock.class.hashCode();
  }

  @Override
  public String toString() {
    return "SystemClock[the system's zone]";
  }
}

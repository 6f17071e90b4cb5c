package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SystemClockTest {
  @Test
  void tellsTheSystemsTimeInTheSystemsZone() {
    Clock clock = new SystemClock();
    Instant before = Instant.now();
    Instant now = clock.instant();
    Instant after = Instant.now();
    assertTrue(!now.isBefore(before) && !now.isAfter(after), now + " between " + before
        + " and " + after);
    long millis = clock.millis();
    assertTrue(Math.abs(millis - System.currentTimeMillis()) < Duration.ofMinutes(1).toMillis());
    assertEquals(ZoneId.systemDefault(), clock.getZone());
  }

  @Test
  void withAZoneIsTheSystemsClockInThatZone() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Clock clock = new SystemClock().withZone(tokyo);
    assertEquals(tokyo, clock.getZone());
    assertTrue(Duration.between(clock.instant(), Instant.now()).abs().toSeconds() < 60);
  }
}

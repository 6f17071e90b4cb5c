package dev.awsmfa.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TextTest {
  private static final Instant MOMENT = Instant.parse("2026-11-23T12:05:59Z");

  @Test
  void showsALocalTimeWithItsOffset() {
    assertEquals("2026-11-23 21:05 +09:00", local("Asia/Tokyo"));
    assertEquals("2026-11-23 12:05 +00:00", local("UTC"));
    assertEquals("2026-11-23 08:35 -03:30", local("America/St_Johns"));
    assertEquals("2026-11-23 17:50 +05:45", local("Asia/Kathmandu"));
    assertEquals("2026-11-24 01:05 +13:00", local("Pacific/Auckland"), "summer time");
  }

  @Test
  void keepsEveryMessageOnOneLineWithItsControlCharactersEscaped() {
    assertEquals("plain text, untouched: caf\u00e9 \u958b\u767a",
        OneLine.of("plain text, untouched: caf\u00e9 \u958b\u767a"));
    assertEquals("a\\nb\\r\\tc\\x1b[2J\\x00\\x7f\\x85\\u2028",
        OneLine.of("a\nb\r\tc\u001b[2J\u0000\u007f\u0085\u2028"));
  }

  @Test
  void quotesJsonStrings() {
    assertEquals("\"a\\\"b\\\\c\\u000a\"", JsonText.quote("a\"b\\c\n"));
  }

  private static String local(String zone) {
    return TimeText.local(MOMENT, Clock.fixed(MOMENT, ZoneId.of(zone)));
  }
}

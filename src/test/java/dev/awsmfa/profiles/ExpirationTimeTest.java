package dev.awsmfa.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The expiry times of stored sessions: the quick reader must agree with java.time's. */
class ExpirationTimeTest {
  @Test
  void readsTheFormsThatToolsWrite() {
    Instant nine = Instant.parse("2026-11-23T09:00:00Z");
    assertEquals(Optional.of(nine), AwsProfiles.parseTime("2026-11-23T09:00:00Z"));
    assertEquals(Optional.of(nine), AwsProfiles.parseTime("2026-11-23 09:00:00"));
    assertEquals(Optional.of(nine), AwsProfiles.parseTime(" 2026-11-23T18:00:00+09:00 "));
    assertEquals(Optional.of(nine), AwsProfiles.parseTime("2026-11-23T03:30:00-05:30"));
    assertEquals(Optional.of(nine.plusMillis(250)),
        AwsProfiles.parseTime("2026-11-23T09:00:00.250Z"), "fractions go to java.time");
    assertEquals(Optional.empty(), AwsProfiles.parseTime("tomorrow"));
  }

  @Test
  void agreesWithJavaTimeOnEveryVariant() {
    List<String> texts = new ArrayList<>(List.of("2026-02-29T10:00:00Z", "2028-02-29T10:00:00Z",
        "2026-13-01T10:00:00Z", "2026-12-31T24:00:00Z", "2026-12-31T23:59:60Z",
        "2026-12-31T23:59:59+18:00", "2026-12-31T23:59:59+19:00", "2026-12-31T23:59:59-00:00",
        "2026-12-31T23:59:59z", "2026-12-31T23:59:59+0900", "2026-12-31T23:59:59+09:0a",
        "2026-1x-31T23:59:59Z", "+2026-12-31T23:59:59Z", "2026/12/31T23:59:59Z",
        "2026-12-31T23:59:59 ", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00"));
    Random random = new Random(7);
    String alphabet = "0123456789-:TZ+ x";
    for (int i = 0; i < 20_000; i++) {
      char[] text = "2026-11-23T09:00:00+09:00".substring(0, 19 + random.nextInt(3) * 3)
          .toCharArray();
      for (int flips = random.nextInt(3); flips > 0; flips--) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      texts.add(new String(text));
    }
    for (String text : texts) {
      assertEquals(javaTime(text), AwsProfiles.parseTime(text), text);
    }
  }

  /** The reading before the quick path, kept here as the reference. */
  private static Optional<Instant> javaTime(String text) {
    String iso = text.strip().replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}

package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  // RFC 6238 appendix B, SHA-1 seed; the last six digits of its eight-digit values.
  private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void matchesTheRfcTestVectors() {
    assertEquals("287082", Totp.code(SEED, Instant.ofEpochSecond(59)));
    assertEquals("081804", Totp.code(SEED, Instant.ofEpochSecond(1111111109)));
    assertEquals("050471", Totp.code(SEED, Instant.ofEpochSecond(1111111111)));
    assertEquals("005924", Totp.code(SEED, Instant.ofEpochSecond(1234567890)));
    assertEquals("279037", Totp.code(SEED, Instant.ofEpochSecond(2000000000)));
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line break in what awsmfa is given, or in what STS answers, could print a second line that
 * forges a result, such as "mfa: session valid until ...". Every failure stays one line, with its
 * control characters escaped.
 */
class OneLineTest {
  private static final String FORGED = "\nmfa: session valid until 2099-01-01 09:00 +00:00 (12h)";

  @TempDir Path dir;
  private StandInHome alice;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    alice = StandInHome.create(dir);
    env = alice.env;
  }

  @AfterEach
  void stop() {
    alice.close();
  }

  private void assertOneLine(int expectedStatus, int status) {
    assertEquals(expectedStatus, status, alice.stderr);
    assertEquals(1, alice.stderr.lines().count(), alice.stderr);
    assertTrue(alice.stderr.startsWith("awsmfa: "), alice.stderr);
    assertTrue(alice.stderr.contains("\\nmfa: session valid until 2099"),
        "shown escaped: " + alice.stderr);
  }

  @Test
  void aLineBreakInTheEnvironmentStaysOnTheLine() {
    env.put("AWS_PROFILE", "dev" + FORGED);
    assertOneLine(2, alice.refresh());
    env.put("AWS_PROFILE", "dev\u001b[2J" + FORGED);
    assertOneLine(2, alice.refresh());
    assertTrue(alice.stderr.contains("dev\\x1b[2J"),
        "no escape reaches the terminal: " + alice.stderr);
    env.remove("AWS_PROFILE");

    env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1" + FORGED);
    assertOneLine(2, alice.refresh());

    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    env.put("HTTPS_PROXY", "http://proxy.example.com:8080" + FORGED);
    assertOneLine(2, alice.refresh());
    env.remove("HTTPS_PROXY");

    env.put("AWS_CA_BUNDLE", dir.resolve("ca.pem") + FORGED);
    assertOneLine(3, alice.refresh());
    assertTrue(alice.sts.requests().isEmpty());
  }

  @Test
  void aLineBreakInAFlagStaysOnTheLine() {
    assertOneLine(2, alice.refresh("--profile", "dev" + FORGED));
    assertOneLine(2, alice.run("--serial-number", "arn:aws:iam::123456789012:mfa/a" + FORGED,
        "123456"));
  }

  @Test
  void aLineBreakFromStsStaysOnTheLine() {
    alice.sts.denyNextWith("Denied by policy." + FORGED);
    assertOneLine(4, alice.refresh());
    assertEquals(1, alice.sts.requests().size());
  }
}

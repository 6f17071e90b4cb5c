package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  @TempDir Path home;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private final Map<String, String> env = new HashMap<>();
  private String stderr;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    Path credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    env.put("HOME", home.toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private int run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--serial-number", alice.serial(),
        sts.currentCode(alice)));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), new Environment(env, "/nonexistent"),
        FileSystems.getDefault(), Clock.systemUTC(), SdkSessionTokenSource::new,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private void assertOneLine(int expectedStatus, int status) {
    assertEquals(expectedStatus, status, stderr);
    assertEquals(1, stderr.lines().count(), stderr);
    assertTrue(stderr.startsWith("awsmfa: "), stderr);
    assertTrue(stderr.contains("\\nmfa: session valid until 2099"), "shown escaped: " + stderr);
  }

  @Test
  void aLineBreakInTheEnvironmentStaysOnTheLine() {
    env.put("AWS_PROFILE", "dev" + FORGED);
    assertOneLine(2, run());
    env.put("AWS_PROFILE", "dev\u001b[2J" + FORGED);
    assertOneLine(2, run());
    assertTrue(stderr.contains("dev\\x1b[2J"), "no escape reaches the terminal: " + stderr);
    env.remove("AWS_PROFILE");

    env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1" + FORGED);
    assertOneLine(2, run());

    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    env.put("HTTPS_PROXY", "http://proxy.example.com:8080" + FORGED);
    assertOneLine(2, run());
    env.remove("HTTPS_PROXY");

    env.put("AWS_CA_BUNDLE", home.resolve("ca.pem") + FORGED);
    assertOneLine(3, run());
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void aLineBreakInAFlagStaysOnTheLine() {
    assertOneLine(2, run("--profile", "dev" + FORGED));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--serial-number", "arn:aws:iam::123456789012:mfa/a"
            + FORGED, "123456"}, new Environment(env, "/nonexistent"),
        FileSystems.getDefault(), Clock.systemUTC(), SdkSessionTokenSource::new,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    assertOneLine(2, status);
  }

  @Test
  void aLineBreakFromStsStaysOnTheLine() {
    sts.denyNextWith("Denied by policy." + FORGED);
    assertOneLine(4, run());
    assertEquals(1, sts.requests().size());
  }
}

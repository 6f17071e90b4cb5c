package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit status 1 means a bug in awsmfa. Bad flags, variables and file contents, however odd, end
 * in one line and a status that says whose the problem is. (The variables that the SDK reads
 * from the process's own environment are also tried through the launcher, in LauncherIT.)
 */
class BadInputTest {
  @TempDir Path home;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private Path credentials;

  private record Case(String name, List<String> args, Map<String, String> env, String credentials,
      int status) {}

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    sts.allowCodeReuse();
    credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private String keys() {
    return "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n";
  }

  private List<Case> cases() {
    Map<String, String> none = Map.of();
    String keys = keys();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("a port out of range", List.of("--endpoint-url",
        "http://127.0.0.1:99999"), none, keys, 2));
    cases.add(new Case("a proxy port out of range", List.of("--endpoint-url",
        "https://127.0.0.1:1"), Map.of("HTTPS_PROXY", "http://proxy:99999"), keys, 2));
    cases.add(new Case("a duration past Long", List.of("--min-remaining",
        "9999999999999999999h"), none, keys, 2));
    cases.add(new Case("hours past Duration", List.of("--min-remaining",
        "999999999999999999h"), none, keys, 2));
    cases.add(new Case("an unknown retry mode", List.of(), Map.of("AWS_RETRY_MODE", "bogus"),
        keys, 2));
    cases.add(new Case("max attempts that is no number", List.of(),
        Map.of("AWS_MAX_ATTEMPTS", "many"), keys, 2));
    cases.add(new Case("no attempts at all", List.of(), Map.of("AWS_MAX_ATTEMPTS", "0"), keys,
        2));
    cases.add(new Case("an unknown defaults mode", List.of(),
        Map.of("AWS_DEFAULTS_MODE", "in_region"), keys, 2));
    cases.add(new Case("a dual-stack flag that is no boolean", List.of(),
        Map.of("AWS_USE_DUALSTACK_ENDPOINT", "maybe"), keys, 2));
    cases.add(new Case("SDK settings in the forms that the SDK takes", List.of(),
        Map.of("AWS_RETRY_MODE", "Standard", "AWS_MAX_ATTEMPTS", " 2",
            "AWS_DEFAULTS_MODE", "in-region", "AWS_USE_DUALSTACK_ENDPOINT", "FALSE"), keys, 0));
    cases.add(new Case("an expiry at the end of time", List.of("--min-remaining", "1h"), none,
        keys + "[mfa]\naws_credential_expiration = +999999999-12-31T23:59:59Z\n", 0));
    cases.add(new Case("an expiry at year 0", List.of("--min-remaining", "1h"), none,
        keys + "[mfa]\naws_credential_expiration = 0000-01-01T00:00:00Z\n", 0));
    return cases;
  }

  @TestFactory
  Stream<DynamicTest> badInputIsNeverABug() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private void check(Case c) throws IOException {
    Files.writeString(credentials, c.credentials());
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = new HashMap<>(c.env());
    env.put("HOME", home.toString());
    env.putIfAbsent("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    List<String> args = new ArrayList<>(List.of("--serial-number", alice.serial(),
        sts.currentCode(alice)));
    args.addAll(c.args());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), new Environment(env, "/nonexistent"),
        FileSystems.getDefault(), Clock.systemUTC(), SdkSessionTokenSource::new,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertNotEquals(1, status, stderr);
    assertEquals(c.status(), status, stderr);
    assertTrue(stderr.lines().count() <= 2, stderr);

    if (c.credentials().contains("[mfa]")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      status = Main.run(new String[] {"status"}, new Environment(env, "/nonexistent"),
          FileSystems.getDefault(), Clock.systemUTC(), SdkSessionTokenSource::new,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertNotEquals(1, status, out.toString(StandardCharsets.UTF_8));
    }
  }
}

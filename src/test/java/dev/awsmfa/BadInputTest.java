package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  @TempDir Path dir;
  private StandInHome home;

  private record Case(String name, List<String> args, Map<String, String> env, String credentials,
      int status) {}

  @BeforeEach
  void start() throws IOException {
    home = StandInHome.create(dir);
    home.sts.allowCodeReuse();
  }

  @AfterEach
  void stop() {
    home.close();
  }

  private List<Case> cases() {
    Map<String, String> none = Map.of();
    String keys = home.keys();
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
    cases.add(new Case("an endpoint variable set but empty", List.of(),
        Map.of("AWS_ENDPOINT_URL_STS", ""), keys, 2));
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

  /** Runs one case; the cases share the home, so each puts back the environment it changed. */
  private void check(Case c) throws IOException {
    Map<String, String> before = Map.copyOf(home.env);
    Files.writeString(home.credentials, c.credentials());
    home.env.putAll(c.env());
    try {
      int status = home.refresh(c.args().toArray(String[]::new));
      assertNotEquals(1, status, home.stderr);
      assertEquals(c.status(), status, home.stderr);
      assertTrue(home.stderr.lines().count() <= 2, home.stderr);
      if (c.credentials().contains("[mfa]")) {
        assertNotEquals(1, home.run("status"), home.stdout);
      }
    } finally {
      home.env.clear();
      home.env.putAll(before);
    }
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awsmfa.files.Caller;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.sts.SessionTokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One pair of files for each way the source profile and its keys can be laid out across the
 * credentials and config files, with the outcome in {@code expected}: the keys that sign the
 * call and where they were found, or the exit status and the one line awsmfa prints. The files
 * must come back unchanged whenever the refresh fails. Run with {@code -Dfixtures.record=true} to
 * write the outcomes after a deliberate change, then read the diff.
 */
class SourceFixtureTest {
  private static final Path FIXTURES = Path.of("src/test/resources/source-fixtures");

  @TestFactory
  Stream<DynamicTest> everyLayoutSignsWithTheRightKeysOrIsRefused() throws IOException {
    return FixtureTest.eachFixture(FIXTURES, SourceFixtureTest::check);
  }

  private static void check(Path dir) throws IOException {
    try (FileSystem fs = FixtureTest.homeWith(dir)) {
      Path aws = fs.getPath("/home/alice/.aws");
      List<SessionTokenRequest> calls = new ArrayList<>();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"--serial-number", "arn:aws:iam::123456789012:mfa/alice",
              "123456"},
          new Environment(Map.of("HOME", "/home/alice"), "/root", Caller.of("user", "root")), fs,
          Clock.fixed(Instant.parse("2026-11-22T21:00:00Z"), ZoneOffset.UTC),
          () -> request -> {
            calls.add(request);
            return FixtureTest.SESSION;
          },
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      String stderr = err.toString(StandardCharsets.UTF_8);
      String outcome = status == 0
          ? "keys " + calls.get(0).keys().accessKeyId() + " from " + calls.get(0).keysOrigin()
          : "exit " + status + ": " + stderr.strip().replaceFirst("^awsmfa: ", "");
      if (Boolean.getBoolean("fixtures.record")) {
        Files.writeString(dir.resolve("expected"), outcome + "\n");
        return;
      }
      assertEquals(Files.readString(dir.resolve("expected")).strip(), outcome, stderr);
      if (status != 0) {
        assertEquals(List.of(), calls, "no call to STS");
        for (String name : List.of("credentials", "config")) {
          Path input = dir.resolve(name);
          assertEquals(Files.exists(input), Files.exists(aws.resolve(name)), name);
          if (Files.exists(input)) {
            assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(aws.resolve(name)),
                name + " unchanged");
          }
        }
      }
    }
  }
}

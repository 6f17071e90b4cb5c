package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.sts.SessionTokens;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * One hand-written pair of files for each real-world trait of docs/ini-rules.md, refreshed
 * with a fixed session and compared byte for byte with the expected files checked in beside
 * them. Run with {@code -Dfixtures.record=true} to write the expected files after a deliberate
 * change, then read the diff.
 */
class FixtureTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final SessionTokens SESSION = new SessionTokens("ASIAFIXTURESESSION01",
      "fixture/secret+key=", "FwoGZXIvYXdzEFIXTURE//token+with/slashes==",
      Instant.parse("2026-11-23T09:00:00Z"));

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsExpectedFiles() throws IOException {
    return eachFixture(FIXTURES, FixtureTest::check);
  }

  /** A test for each folder of {@code root}, named after it. */
  static Stream<DynamicTest> eachFixture(Path root, ThrowingConsumer<Path> check)
      throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> check.accept(dir)));
  }

  /**
   * An in-memory file system with the fixture's credentials and config files, those it has, in
   * /home/alice/.aws, owned by its default user.
   */
  static FileSystem homeWith(Path dir) throws IOException {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix").build());
    Path aws = Files.createDirectories(fs.getPath("/home/alice/.aws"));
    for (String name : List.of("credentials", "config")) {
      if (Files.exists(dir.resolve(name))) {
        Files.write(aws.resolve(name), Files.readAllBytes(dir.resolve(name)));
      }
    }
    return fs;
  }

  private static void check(Path dir) throws IOException {
    try (FileSystem fs = homeWith(dir)) {
      Path aws = fs.getPath("/home/alice/.aws");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"--serial-number", "arn:aws:iam::123456789012:mfa/alice",
              "123456"}, new Environment(Map.of("HOME", "/home/alice"), "/root",
            dev.awsmfa.files.Caller.of("user", "root")), fs,
          Clock.fixed(Instant.parse("2026-11-22T21:00:00Z"), ZoneOffset.UTC), () -> r -> SESSION,
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
      for (String name : List.of("credentials", "config")) {
        compare(dir, name, aws.resolve(name));
      }
    }
  }

  /** Compares with NAME.expected, or, where there is none, with the unchanged input. */
  private static void compare(Path dir, String name, Path actual) throws IOException {
    Path expected = dir.resolve(name + ".expected");
    Path input = dir.resolve(name);
    byte[] before = Files.exists(input) ? Files.readAllBytes(input) : null;
    byte[] after = Files.exists(actual) ? Files.readAllBytes(actual) : null;
    if (Boolean.getBoolean("fixtures.record")) {
      if (after != null && (before == null || !java.util.Arrays.equals(before, after))) {
        Files.write(expected, after);
      } else {
        Files.deleteIfExists(expected);
      }
      return;
    }
    if (Files.exists(expected)) {
      assertArrayEquals(Files.readAllBytes(expected), after, dir + ": " + name);
    } else {
      assertFalse(after != null && before == null, dir + ": " + name + " was created");
      assertArrayEquals(before, after, dir + ": " + name + " must not change");
    }
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.files.FaultyFileSystem.Operation;
import dev.awsmfa.files.FaultyFileSystem;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.sts.SessionTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole refresh on a file system that fails on purpose, after the code is spent: whatever
 * fails, both files stay byte-identical with their permissions, and no temporary file is left.
 */
class RefreshFaultTest {
  private static final String CREDENTIALS = "# mine\n[default]\naws_access_key_id = AKIAEXAMPLE\n"
      + "aws_secret_access_key = secret\n\n[mfa]\naws_access_key_id = ASIAOLD\n"
      + "aws_secret_access_key = old\naws_session_token = old==\n";
  private static final String CONFIG = "[default]\nregion = eu-west-1\n";

  private FaultyFileSystem fs;
  private Path credentials;
  private Path config;
  private String stderr;

  @BeforeEach
  void files() throws IOException {
    fs = FaultyFileSystem.wrap(Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix").build()));
    credentials = fs.getPath("/home/alice/.aws/credentials");
    config = credentials.resolveSibling("config");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, CREDENTIALS);
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(config, CONFIG);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private int refresh() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--serial-number", "GAHT12345678", "123456"},
        new Environment(Map.of("HOME", "/home/alice"), "/root",
            dev.awsmfa.files.Caller.of("user", "root")), fs,
        Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC),
        () -> request -> new SessionTokens("ASIANEW", "new", "new==",
            Instant.parse("2026-11-23T00:00:00Z")),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private void assertUntouched() throws IOException {
    assertArrayEquals(CREDENTIALS.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(credentials));
    assertArrayEquals(CONFIG.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(config));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    try (Stream<Path> files = Files.list(credentials.getParent())) {
      assertEquals(List.of(config, config.resolveSibling("config.lock"), credentials,
          credentials.resolveSibling("credentials.lock")), files.sorted().toList(),
          "no temporary file may be left behind");
    }
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void anyFailingOperationLeavesBothFilesAsTheyWere(Operation operation) throws IOException {
    // The two lock files are created before anything is written: creation faults come after.
    if (operation == Operation.CREATE) {
      fs.failAfter(Operation.CREATE, 2);
    } else {
      fs.failNext(operation);
    }

    assertEquals(3, refresh(), stderr);

    assertTrue(stderr.startsWith("awsmfa: could not write ~/.aws/"), stderr);
    assertTrue(stderr.contains("(injected fault: " + operation.name().toLowerCase() + ")"), stderr);
    assertTrue(stderr.contains("so both files are as they were"), stderr);
    assertUntouched();
  }

  @Test
  void whenTheCredentialsCannotBeReplacedTheConfigIsPutBack() throws IOException {
    fs.failAfter(Operation.MOVE, 1); // the config file moves first, then the credentials

    assertEquals(3, refresh(), stderr);

    assertTrue(stderr.startsWith("awsmfa: could not write ~/.aws/credentials (injected fault:"
        + " move), so both files are as they were"), stderr);
    assertUntouched();
  }

  @Test
  void aChangeByAnotherProgramJustBeforeTheRenameIsKept() throws IOException {
    String added = "\n[written-meanwhile]\nregion = us-west-2\n";
    // Just before the config file's rename, another program appends to the credentials file.
    fs.beforeNext(Operation.MOVE, 1, () -> Files.writeString(credentials, added,
        StandardOpenOption.APPEND));

    assertEquals(0, refresh(), stderr);

    String after = Files.readString(credentials);
    assertTrue(after.startsWith(CREDENTIALS.substring(0, CREDENTIALS.indexOf("[mfa]") + 6)),
        after);
    assertTrue(after.contains(added), after);
    assertTrue(after.contains("aws_session_token = new=="), after);
    assertEquals(CONFIG + "\n[profile mfa]\nregion = eu-west-1\nawsmfa_source_profile = default\n"
        + "awsmfa_serial_number = GAHT12345678\n", Files.readString(config));
  }

  @Test
  void givesUpWhenAnotherProgramKeepsChangingTheFile() throws IOException {
    fs.beforeNext(Operation.MOVE, 100, () -> Files.writeString(credentials, "\n# again\n",
        StandardOpenOption.APPEND));

    assertEquals(3, refresh(), stderr);

    assertTrue(stderr.startsWith("awsmfa: another program kept changing ~/.aws/credentials or"
        + " ~/.aws/config while awsmfa was writing, so both files are as they were"), stderr);
    assertEquals(CONFIG, Files.readString(config), "the config file is put back each time");
    String after = Files.readString(credentials);
    assertTrue(after.startsWith(CREDENTIALS), "nothing of awsmfa's: " + after);
    assertTrue(after.substring(CREDENTIALS.length()).replace("\n# again\n", "").isEmpty(),
        "only what the other program wrote: " + after);
  }

  @Test
  void theDirectoryIsFlushedBeforeAndAfterEachRename() throws IOException {
    assertEquals(0, refresh(), stderr);
    List<String> log = fs.log().stream()
        .filter(e -> e.startsWith("move") || e.startsWith("dirforce")).toList();
    assertEquals(6, log.size(), log.toString());
    for (int i = 0; i < log.size(); i += 3) {
      assertTrue(log.get(i).startsWith("dirforce /home/alice/.aws"), log.toString());
      assertTrue(log.get(i + 1).startsWith("move /home/alice/.aws/."), log.toString());
      assertTrue(log.get(i + 2).startsWith("dirforce /home/alice/.aws"), log.toString());
    }
  }

  @Test
  void aFailedFlushAfterTheRenameIsNoFailure() throws IOException {
    fs.failAfter(Operation.DIRECTORY_FORCE, 1); // passes before the first rename, fails after
    assertEquals(0, refresh(), stderr);
    assertTrue(Files.readString(credentials).contains("aws_session_token = new=="));
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that another user planted or can change, on the real file system, against the STS
 * stand-in: awsmfa refuses before the code is spent, and writes nothing through them. The cases
 * of root with another user's home need root, and skip elsewhere.
 */
class HostileFilesTest {
  @TempDir Path tmp;
  private Path home;
  private Path aws;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private final Map<String, String> env = new HashMap<>();
  private String stderr;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    home = Files.createDirectories(tmp.resolve("home"));
    aws = Files.createDirectories(home.resolve(".aws"));
    Path credentials = Files.writeString(aws.resolve("credentials"), "[default]\n"
        + "aws_access_key_id = " + alice.accessKeyId() + "\n"
        + "aws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    env.put("HOME", home.toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private int refresh() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--serial-number", alice.serial(),
            sts.currentCode(alice)}, new Environment(env, "/nonexistent"),
        FileSystems.getDefault(), Clock.systemUTC(), SdkSessionTokenSource::new,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private static void assumeRoot() {
    assumeTrue(new UnixSystem().getUid() == 0,
        "not root: the cases of root with another user's home need root to run");
  }

  private static void giveTo(Path path, String user) throws IOException {
    UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(user);
    Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setOwner(owner);
  }

  @Test
  void rootDoesNotAppendToARootOnlyFileThroughAUsersLink() throws IOException {
    assumeRoot();
    Path rootOnly = Files.writeString(tmp.resolve("root-only"), "# root's file\n");
    Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rw-------"));
    Path config = Files.createSymbolicLink(aws.resolve("config"), rootOnly);
    giveTo(config, "nobody");

    assertEquals(3, refresh(), stderr);
    assertEquals("awsmfa: ~/.aws/config is a link that belongs to nobody, and awsmfa runs as"
        + " root, which must not write through what another user controls: run awsmfa as nobody"
        + " (for example 'sudo -u nobody -H awsmfa')\n", stderr);
    assertEquals("# root's file\n", Files.readString(rootOnly));
    assertTrue(sts.requests().isEmpty(), "the code is not spent");
  }

  @Test
  void rootDoesNotCreateAFileThroughAUsersLockLink() throws IOException {
    assumeRoot();
    Path planted = tmp.resolve("x");
    Path lock = Files.createSymbolicLink(aws.resolve("credentials.lock"), planted);
    giveTo(lock, "nobody");

    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: ~/.aws/credentials.lock is not a regular file"), stderr);
    assertFalse(Files.exists(planted, LinkOption.NOFOLLOW_LINKS));
    assertTrue(sts.requests().isEmpty());
  }

  @Test
  void rootRefusesAHomeThatBelongsToAnotherUserAndSaysWhomToRunAs() throws IOException {
    assumeRoot();
    byte[] before = Files.readAllBytes(aws.resolve("credentials"));
    for (Path p : new Path[] {home, aws, aws.resolve("credentials")}) {
      giveTo(p, "nobody");
    }
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.contains("belongs to nobody, and awsmfa runs as root")
        && stderr.contains("run awsmfa as nobody"), stderr);
    assertArrayEquals(before, Files.readAllBytes(aws.resolve("credentials")));
    assertFalse(Files.exists(aws.resolve("config")));
    assertFalse(Files.exists(aws.resolve("credentials.lock")));
  }

  /**
   * Another user replaced the config of a world-writable ~/.aws with one that sends the code to
   * their own STS: it is refused before any STS is called.
   */
  @Test
  void aDirectoryThatEveryoneMayWriteIsRefusedBeforeTheCodeIsSpent() throws IOException {
    try (StsStandIn attacker = StsStandIn.start(Clock.systemUTC())) {
      attacker.acceptAnyCode();
      Files.writeString(aws.resolve("config"), "[default]\nendpoint_url = "
          + attacker.endpoint() + "\n");
      env.remove("AWS_ENDPOINT_URL_STS");
      Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxrwxrwx"));
      byte[] before = Files.readAllBytes(aws.resolve("credentials"));

      assertEquals(3, refresh(), stderr);
      assertEquals("awsmfa: ~/.aws is writable by every user (mode 0777), so anyone could have"
          + " changed what awsmfa reads: run 'chmod o-w ~/.aws', check what is in it, then run"
          + " awsmfa again\n", stderr);
      assertTrue(attacker.requests().isEmpty());
      assertArrayEquals(before, Files.readAllBytes(aws.resolve("credentials")));

      Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(aws.resolve("config"),
          PosixFilePermissions.fromString("rw-rw-rw-"));
      assertEquals(3, refresh(), stderr);
      assertTrue(stderr.startsWith("awsmfa: ~/.aws/config is writable by every user (mode"
          + " 0666)"), stderr);
      assertTrue(attacker.requests().isEmpty());
    }
  }

  /** A session that a script would eval is not printed from a file that anyone could write. */
  @Test
  void aStoredSessionIsNotPrintedFromAFileThatEveryoneMayWrite() throws IOException {
    Files.writeString(aws.resolve("credentials"), "[mfa]\naws_access_key_id = ASIAPLANTED\n"
        + "aws_secret_access_key = planted\naws_session_token = planted\n"
        + "aws_credential_expiration = 2099-01-01T00:00:00Z\n", StandardOpenOption.APPEND);
    Files.setPosixFilePermissions(aws.resolve("credentials"),
        PosixFilePermissions.fromString("rw-rw-rw-"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--min-remaining", "1h", "--output", "env"},
        new Environment(env, "/nonexistent"), FileSystems.getDefault(), Clock.systemUTC(),
        SdkSessionTokenSource::new, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(3, status, err.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));

    Files.setPosixFilePermissions(aws.resolve("credentials"),
        PosixFilePermissions.fromString("rw-------"));
    status = Main.run(new String[] {"--min-remaining", "1h", "--output", "env"},
        new Environment(env, "/nonexistent"), FileSystems.getDefault(), Clock.systemUTC(),
        SdkSessionTokenSource::new, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("ASIAPLANTED"), "a private file's"
        + " session is printed");
  }

  /** Whoever can write the home directory can swap ~/.aws for one of their own. */
  @Test
  void aHomeThatEveryoneMayWriteIsRefused() throws IOException {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: " + home + " is writable by every user (mode 0777)"),
        stderr);
    assertTrue(sts.requests().isEmpty());
  }

  /** Whoever can change the CA bundle can read the session on its way back. */
  @Test
  void aCaBundleThatEveryoneMayWriteIsRefused() throws Exception {
    sts.close();
    sts = StsStandIn.startHttps(Clock.systemUTC(),
        dev.awsmfa.sts.TestCa.create(Files.createDirectories(tmp.resolve("ca"))));
    alice = sts.addUser(alice);
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    Path bundle = tmp.resolve("ca/ca.pem");
    env.put("AWS_CA_BUNDLE", bundle.toString());
    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: " + bundle + " is writable by every user"), stderr);
    assertTrue(sts.requests().isEmpty());

    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, refresh(), stderr);
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.sts.StsStandIn;
import dev.awsmfa.sts.TestCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
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
  private StandInHome alice;
  private Path home;
  private Path aws;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    alice = StandInHome.create(Files.createDirectories(tmp.resolve("home")));
    home = alice.home;
    aws = alice.credentials.getParent();
    env = alice.env;
  }

  @AfterEach
  void stop() {
    alice.close();
  }

  private int refresh() {
    return alice.refresh();
  }

  private static void assumeRoot() {
    assumeTrue("root".equals(System.getProperty("user.name")),
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

    assertEquals(3, refresh(), alice.stderr);
    assertEquals("awsmfa: ~/.aws/config is a link that belongs to nobody, and awsmfa runs as"
        + " root, which must not write through what another user controls: run awsmfa as nobody"
        + " (for example 'sudo -u nobody -H awsmfa')\n", alice.stderr);
    assertEquals("# root's file\n", Files.readString(rootOnly));
    assertTrue(alice.sts.requests().isEmpty(), "the code is not spent");
  }

  @Test
  void rootDoesNotCreateAFileThroughAUsersLockLink() throws IOException {
    assumeRoot();
    Path planted = tmp.resolve("x");
    Path lock = Files.createSymbolicLink(aws.resolve("credentials.lock"), planted);
    giveTo(lock, "nobody");

    assertEquals(3, refresh(), alice.stderr);
    assertTrue(alice.stderr.startsWith("awsmfa: ~/.aws/credentials.lock is not a regular file"),
        alice.stderr);
    assertFalse(Files.exists(planted, LinkOption.NOFOLLOW_LINKS));
    assertTrue(alice.sts.requests().isEmpty());
  }

  @Test
  void rootRefusesAHomeThatBelongsToAnotherUserAndSaysWhomToRunAs() throws IOException {
    assumeRoot();
    byte[] before = Files.readAllBytes(aws.resolve("credentials"));
    for (Path p : new Path[] {home, aws, aws.resolve("credentials")}) {
      giveTo(p, "nobody");
    }
    assertEquals(3, refresh(), alice.stderr);
    assertTrue(alice.stderr.contains("belongs to nobody, and awsmfa runs as root")
        && alice.stderr.contains("run awsmfa as nobody"), alice.stderr);
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

      assertEquals(3, refresh(), alice.stderr);
      assertEquals("awsmfa: ~/.aws is writable by every user (mode 0777), so anyone could have"
          + " changed what awsmfa reads: run 'chmod o-w ~/.aws', check what is in it, then run"
          + " awsmfa again\n", alice.stderr);
      assertTrue(attacker.requests().isEmpty());
      assertArrayEquals(before, Files.readAllBytes(aws.resolve("credentials")));

      Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(aws.resolve("config"),
          PosixFilePermissions.fromString("rw-rw-rw-"));
      assertEquals(3, refresh(), alice.stderr);
      assertTrue(alice.stderr.startsWith("awsmfa: ~/.aws/config is writable by every user (mode"
          + " 0666)"), alice.stderr);
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
    assertEquals(3, alice.run("--min-remaining", "1h", "--output", "env"), alice.stderr);
    assertEquals("", alice.stdout);

    Files.setPosixFilePermissions(aws.resolve("credentials"),
        PosixFilePermissions.fromString("rw-------"));
    assertEquals(0, alice.run("--min-remaining", "1h", "--output", "env"), alice.stderr);
    assertTrue(alice.stdout.contains("ASIAPLANTED"), "a private file's session is printed");
  }

  /** Whoever can write the home directory can swap ~/.aws for one of their own. */
  @Test
  void aHomeThatEveryoneMayWriteIsRefused() throws IOException {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(3, refresh(), alice.stderr);
    assertTrue(alice.stderr.startsWith("awsmfa: " + home + " is writable by every user (mode"
        + " 0777)"), alice.stderr);
    assertTrue(alice.sts.requests().isEmpty());
  }

  /** Whoever can change the CA bundle can read the session on its way back. */
  @Test
  void aCaBundleThatEveryoneMayWriteIsRefused() throws Exception {
    TestCa ca = TestCa.shared("main");
    alice.switchTo(StsStandIn.startHttps(Clock.systemUTC(), ca));
    Path bundle = Files.copy(ca.caPem(), tmp.resolve("ca.pem"));
    env.put("AWS_CA_BUNDLE", bundle.toString());
    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertEquals(3, refresh(), alice.stderr);
    assertTrue(alice.stderr.startsWith("awsmfa: " + bundle + " is writable by every user"),
        alice.stderr);
    assertTrue(alice.sts.requests().isEmpty());

    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, refresh(), alice.stderr);
  }
}

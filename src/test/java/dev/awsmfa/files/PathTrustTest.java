package dev.awsmfa.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.files.PathTrust.Untrusted;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which shared files awsmfa trusts, on an in-memory file system with users and groups. */
class PathTrustTest {
  private FileSystem fs;
  private Path home;
  private Path aws;
  private Path credentials;

  @BeforeEach
  void setUp() throws IOException {
    fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix").build());
    Files.createDirectories(fs.getPath("/etc"));
    Files.writeString(fs.getPath("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
        + "alice:x:1000:1000::/home/alice:/bin/bash\n"
        + "bob:x:1001:1001::/home/bob:/bin/bash\n"
        + "carol:x:1002:100::/home/carol:/bin/bash\n");
    Files.writeString(fs.getPath("/etc/group"), "root:x:0:\nusers:x:100:\nalice:x:1000:\n"
        + "bob:x:1001:\nstaff:x:50:alice,bob\nsolo:x:60:alice\n");
    home = Files.createDirectories(fs.getPath("/home/alice"));
    aws = Files.createDirectories(home.resolve(".aws"));
    credentials = Files.writeString(aws.resolve("credentials"), "[default]\n");
    for (Path p : new Path[] {fs.getPath("/"), fs.getPath("/home"), fs.getPath("/etc")}) {
      own(p, "root", "root");
    }
    for (Path p : new Path[] {home, aws, credentials}) {
      own(p, "alice", "alice");
    }
    mode(home, "rwxr-xr-x");
    mode(aws, "rwx------");
    mode(credentials, "rw-------");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  private void own(Path path, String user, String group) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    view.setOwner(fs.getUserPrincipalLookupService().lookupPrincipalByName(user));
    view.setGroup(fs.getUserPrincipalLookupService().lookupPrincipalByGroupName(group));
  }

  private static void mode(Path path, String mode) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }

  private Optional<Untrusted> check(String caller, Path file) throws IOException {
    return new PathTrust(fs, Caller.of(caller, "root")).check(file);
  }

  private Untrusted refused(String caller, Path file) throws IOException {
    Optional<Untrusted> found = check(caller, file);
    assertTrue(found.isPresent(), "refused: " + file);
    return found.get();
  }

  @Test
  void trustsTheOwnersPrivateFilesAndRootsFiles() throws IOException {
    assertEquals(Optional.empty(), check("alice", credentials));
    assertEquals(Optional.empty(), check("alice", aws.resolve("config")), "a missing file");
    Path etc = Files.writeString(fs.getPath("/etc/aws-config"), "[default]\n");
    own(etc, "root", "root");
    assertEquals(Optional.empty(), check("alice", etc), "root's files are trusted");
  }

  @Test
  void refusesADirectoryOrFileThatEveryoneMayWrite() throws IOException {
    mode(aws, "rwxrwxrwx");
    Untrusted u = refused("alice", credentials);
    assertEquals(Untrusted.Kind.WRITABLE_BY_OTHERS, u.kind());
    assertEquals(aws, u.path());
    assertEquals("0777", u.mode());

    mode(aws, "rwx------");
    mode(credentials, "rw-rw-rw-");
    u = refused("alice", credentials);
    assertEquals(Untrusted.Kind.WRITABLE_BY_OTHERS, u.kind());
    assertEquals(credentials, u.path());
  }

  @Test
  void aGroupOfTheOwnerAloneMayWriteAsDebianSetsUpEveryUser() throws IOException {
    mode(aws, "rwxrwxr-x");
    mode(credentials, "rw-rw-r--");
    assertEquals(Optional.empty(), check("alice", credentials), "alice's private group");

    own(aws, "alice", "solo");
    assertEquals(Optional.empty(), check("alice", credentials), "a group listing alice alone");
  }

  @Test
  void refusesAGroupWithOtherMembers() throws IOException {
    mode(aws, "rwxrwxr-x");
    own(aws, "alice", "staff");
    Untrusted u = refused("alice", credentials);
    assertEquals(Untrusted.Kind.WRITABLE_BY_GROUP, u.kind());
    assertEquals("staff", u.who());
    assertEquals("0775", u.mode());

    own(aws, "alice", "users");
    assertEquals(Untrusted.Kind.WRITABLE_BY_GROUP, refused("alice", credentials).kind(),
        "carol's primary group");
    own(aws, "alice", "nogroup");
    assertEquals(Untrusted.Kind.WRITABLE_BY_GROUP, refused("alice", credentials).kind(),
        "a group that /etc/group does not list");
  }

  @Test
  void rootRefusesAnotherUsersFilesDirectoriesAndLinks() throws IOException {
    Untrusted u = refused("root", credentials);
    assertEquals(Untrusted.Kind.OWNED_BY_OTHER, u.kind());
    assertEquals("alice", u.who());
    assertTrue(u.byRoot());

    for (Path p : new Path[] {home, aws, credentials}) {
      own(p, "root", "root");
    }
    assertEquals(Optional.empty(), check("root", credentials));
    own(home, "alice", "alice");
    assertEquals(home, refused("root", credentials).path(),
        "a directory above that alice owns: she could swap ~/.aws");
  }

  @Test
  void refusesALinkOnTheWayThatAnotherUserOwns() throws IOException {
    for (Path p : new Path[] {home, aws, credentials}) {
      own(p, "root", "root");
    }
    Path rootOnly = Files.writeString(fs.getPath("/root-file"), "secret");
    own(rootOnly, "root", "root");
    Path config = Files.createSymbolicLink(aws.resolve("config"), rootOnly);
    own(config, "alice", "alice");
    Untrusted u = refused("root", config);
    assertEquals(Untrusted.Kind.LINK_OWNED_BY_OTHER, u.kind());
    assertEquals(config, u.path());

    Untrusted forBob = refused("bob", config);
    assertEquals(Untrusted.Kind.LINK_OWNED_BY_OTHER, forBob.kind(), "nor does anyone else");
    assertFalse(forBob.byRoot());

    own(config, "root", "root");
    assertEquals(Optional.empty(), check("root", config), "root's own link");
  }

  @Test
  void aLinkedDirectoryIsCheckedWhereItLeads() throws IOException {
    Path elsewhere = Files.createDirectories(fs.getPath("/srv/shared"));
    own(fs.getPath("/srv"), "root", "root");
    own(elsewhere, "bob", "bob");
    Path link = Files.createSymbolicLink(home.resolve(".aws-link"), elsewhere);
    own(link, "alice", "alice");
    Untrusted u = refused("alice", link.resolve("credentials"));
    assertEquals(Untrusted.Kind.OWNED_BY_OTHER, u.kind());
    assertEquals(elsewhere, u.path());
    assertEquals("bob", u.who());
  }

  @Test
  void aLockFileMustBeTheCallersOwnRegularFile() throws IOException {
    Path lock = aws.resolve("credentials.lock");
    Files.createSymbolicLink(lock, fs.getPath("/x"));
    own(lock, "alice", "alice");
    assertEquals(Untrusted.Kind.NOT_A_FILE, refused("alice", credentials).kind());
    assertFalse(Files.exists(fs.getPath("/x")));

    Files.delete(lock);
    Files.createFile(lock);
    own(lock, "root", "root");
    Untrusted u = refused("alice", credentials);
    assertEquals(Untrusted.Kind.LOCK_OWNED_BY_OTHER, u.kind());
    assertEquals(lock, u.path());
  }

  @Test
  void everyDirectoryAboveMustBeSafeToo() throws IOException {
    mode(home, "rwxrwxrwx");
    Untrusted u = refused("alice", credentials);
    assertEquals(Untrusted.Kind.WRITABLE_BY_OTHERS, u.kind());
    assertEquals(home, u.path(), "whoever can write ~ can swap ~/.aws");

    mode(home, "rwxr-xr-x");
    Path team = Files.createDirectories(fs.getPath("/srv/team"));
    own(fs.getPath("/srv"), "root", "root");
    own(team, "root", "staff");
    mode(team, "rwxrwxr-x");
    Path keys = Files.createDirectories(team.resolve("alice"));
    own(keys, "alice", "alice");
    u = refused("alice", keys.resolve("credentials"));
    assertEquals(Untrusted.Kind.WRITABLE_BY_GROUP, u.kind());
    assertEquals(team, u.path());
  }

  @Test
  void aFileThatIsOnlyReadHasNoLockToCheck() throws IOException {
    Path bundle = Files.writeString(aws.resolve("ca.pem"), "pem");
    own(bundle, "alice", "alice");
    Path lock = Files.createSymbolicLink(aws.resolve("ca.pem.lock"), fs.getPath("/x"));
    own(lock, "alice", "alice");
    assertEquals(Optional.empty(), new PathTrust(fs, Caller.of("alice", "root"))
        .checkReadOnly(bundle));
    mode(bundle, "rw-rw-rw-");
    assertEquals(Untrusted.Kind.WRITABLE_BY_OTHERS, new PathTrust(fs, Caller.of("alice", "root"))
        .checkReadOnly(bundle).orElseThrow().kind());
  }
}

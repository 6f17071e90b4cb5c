package dev.awsmfa.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layer on an in-memory POSIX file system. */
class AtomicFileTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
      .setAttributeViews("basic", "owner", "posix", "unix").build());
  private final Path dir = fs.getPath("/home/alice/.aws");

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  @Test
  void replacesTheFileAndKeepsItsMode() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("credentials");
    Files.write(file, bytes("old"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    AtomicFile atomic = AtomicFile.at(file);
    try (AtomicFile.Staged staged = atomic.stage(bytes("new"))) {
      assertArrayEquals(bytes("old"), Files.readAllBytes(file), "nothing changes before commit");
      staged.commit();
    }

    assertArrayEquals(bytes("new"), Files.readAllBytes(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void createsANewFilePrivateInAPrivateDirectory() throws IOException {
    Path file = dir.resolve("config");
    AtomicFile atomic = AtomicFile.at(file);
    assertEquals(Optional.empty(), atomic.read());
    assertTrue(atomic.canWrite());
    try (AtomicFile.Staged staged = atomic.stage(bytes("[profile mfa]\n"))) {
      staged.commit();
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void theTemporaryFileLivesBesideTheTargetAndIsGoneWhenNotCommitted() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("credentials");
    Files.write(file, bytes("old"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    try (AtomicFile.Staged staged = AtomicFile.at(file).stage(bytes("secret"))) {
      assertNotNull(staged);
      List<Path> temps = list(dir).stream().filter(p -> !p.equals(file)).toList();
      assertEquals(1, temps.size());
      assertTrue(temps.get(0).getFileName().toString().endsWith(AtomicFile.TEMP_SUFFIX));
      assertTrue(temps.get(0).getFileName().toString().startsWith(".credentials"));
    }
    assertEquals(List.of(file), list(dir));
    assertArrayEquals(bytes("old"), Files.readAllBytes(file));
  }

  @Test
  void followsLinksToTheFinalTargetAndKeepsEveryLink() throws IOException {
    Path vault = fs.getPath("/vault");
    Files.createDirectories(vault);
    Files.createDirectories(dir);
    Path real = vault.resolve("credentials");
    Files.write(real, bytes("old"));
    Path middle = vault.resolve("current");
    Files.createSymbolicLink(middle, fs.getPath("credentials"));
    Path link = dir.resolve("credentials");
    Files.createSymbolicLink(link, fs.getPath("/vault/current"));

    AtomicFile atomic = AtomicFile.at(link);
    assertEquals(real, atomic.target().normalize());
    try (AtomicFile.Staged staged = atomic.stage(bytes("new"))) {
      staged.commit();
    }
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.isSymbolicLink(middle));
    assertArrayEquals(bytes("new"), Files.readAllBytes(real));
  }

  @Test
  void aLinkLoopIsAnError() throws IOException {
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("a"), fs.getPath("b"));
    Files.createSymbolicLink(dir.resolve("b"), fs.getPath("a"));
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFile.at(dir.resolve("a")));
    assertEquals("too many levels of symbolic links", e.getReason());
  }

  @Test
  void refusesToReadADirectory() throws IOException {
    Files.createDirectories(dir.resolve("credentials"));
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> AtomicFile.at(dir.resolve("credentials")).read());
    assertEquals("not a regular file", e.getReason());
  }

  @Test
  void aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    try (FileSystem small = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "posix").setBlockSize(1024).setMaxSize(64 * 1024).build())) {
      Path file = small.getPath("/aws/credentials");
      Files.createDirectories(file.getParent());
      Files.write(file, bytes("old"));
      byte[] huge = new byte[128 * 1024];
      assertThrows(IOException.class, () -> AtomicFile.at(file).stage(huge));
      assertArrayEquals(bytes("old"), Files.readAllBytes(file));
      assertEquals(List.of(file), list(file.getParent()));
    }
  }

  @Test
  void aDanglingLinkInThePathCannotBeWrittenThrough() throws IOException {
    Files.createSymbolicLink(fs.getPath("/aws"), fs.getPath("/unmounted/volume"));
    assertFalse(AtomicFile.at(fs.getPath("/aws/credentials")).canWrite());
  }

  @Test
  void keepsTheOwnerWhenRootReplacesAnotherUsersFile(@TempDir Path dir) throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give files away");
    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal nobody = users.lookupPrincipalByName("nobody");
    Path file = dir.resolve("credentials");
    Files.write(file, bytes("old"));
    Files.setOwner(file, nobody);
    try (AtomicFile.Staged staged = AtomicFile.at(file).stage(bytes("new"))) {
      staged.commit();
    }
    assertEquals(nobody, Files.getOwner(file));
    assertArrayEquals(bytes("new"), Files.readAllBytes(file));
  }

  @Test
  void canWriteLooksAtTheNearestExistingDirectory() throws IOException {
    Path deep = fs.getPath("/new/a/b/credentials");
    assertTrue(AtomicFile.at(deep).canWrite());
    Files.createDirectories(fs.getPath("/blocked"));
    Files.write(fs.getPath("/blocked/file"), bytes("x"));
    assertFalse(AtomicFile.at(fs.getPath("/blocked/file/credentials")).canWrite(),
        "a regular file is no directory to write in");
  }
}

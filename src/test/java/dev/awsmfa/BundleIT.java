package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.sts.StsStandIn;
import dev.awsmfa.sts.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The self-contained bundle that {@code mvn package} builds where a JDK 24 or later is present,
 * unpacked and run where no Java can be found: in a private mount namespace that hides every JDK
 * under /usr/lib/jvm and gives /tmp a fresh, empty file system, with no JAVA_HOME.
 */
class BundleIT {
  private static final Path BUNDLES = Path.of(System.getProperty("awsmfa.bundle",
      "target/bundle")).getParent();

  /** The tarball the build made, if it made one. */
  private static Path tarball() throws IOException {
    try (Stream<Path> files = Files.list(BUNDLES)) {
      return files.filter(f -> f.getFileName().toString().matches("awsmfa-.*\\.tar\\.gz"))
          .findFirst().orElse(null);
    }
  }

  private static boolean namespacesWork() throws Exception {
    Process p = new ProcessBuilder("unshare", "--mount", "true").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void runsWhereNoJavaIsInstalledAndLeavesNothingBehind() throws Exception {
    Path tarball = tarball();
    assumeTrue(tarball != null, "no bundle was built: the build found no JDK 24 or later");
    assumeTrue(namespacesWork(), "no private mount namespace here (unshare needs root)");
    assumeTrue(Files.isDirectory(Path.of("/mnt")), "no /mnt to see the bundle at");
    // Under target/, not /tmp, which the namespace replaces.
    Path dir = Files.createTempDirectory(BUNDLES, "bundle-it");
    TestCa ca = TestCa.shared("main");
    Files.copy(ca.caPem(), Files.createDirectories(dir.resolve("ca")).resolve("ca.pem"));
    try (StsStandIn sts = StsStandIn.startHttps(Clock.systemUTC(), ca)) {
      StsStandIn.User alice = sts.addUser("alice");
      Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
      assertEquals(0, new ProcessBuilder("tar", "-C", unpacked.toString(), "-xzf",
          tarball.toString()).inheritIO().start().waitFor());
      Path launcher;
      try (Stream<Path> top = Files.list(unpacked)) {
        launcher = top.findFirst().orElseThrow().resolve("bin/awsmfa");
      }
      Path home = Files.createDirectories(dir.resolve("home"));
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
      Path aws = Files.createDirectories(home.resolve(".aws"));
      Files.writeString(aws.resolve("credentials"), "[default]\naws_access_key_id = "
          + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
      Files.setPosixFilePermissions(aws.resolve("credentials"),
          PosixFilePermissions.fromString("rw-------"));
      Map<Path, String> before = snapshot(dir);

      // The work directory is seen at /mnt, so that /tmp can be replaced even where the build
      // itself lies under /tmp.
      String script = "mount --bind \"$1\" /mnt && mount -t tmpfs awsmfa-no-jdk /usr/lib/jvm"
          + " && mount -t tmpfs awsmfa-tmp /tmp || exit 90\n"
          + "if command -v java >/dev/null && java -version 2>/dev/null; then exit 91; fi\n"
          + "export HOME=/mnt/home AWS_CA_BUNDLE=/mnt/ca/ca.pem\n"
          + "awsmfa=/mnt/unpacked/$2/bin/awsmfa\n"
          + "\"$awsmfa\" --version && \"$awsmfa\" \"$3\" --serial-number \"$4\" --endpoint-url"
          + " \"$5\" && \"$awsmfa\" status || exit\n"
          + "[ -z \"$(ls -A /tmp)\" ] || { ls -lA /tmp; exit 92; }\n";
      List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation",
          "private", "sh", "-c", script, "sh", dir.toString(),
          launcher.getParent().getParent().getFileName().toString(), sts.currentCode(alice),
          alice.serial(), sts.endpoint().toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA")
          || k.startsWith("JDK_") || k.startsWith("_JAVA") || k.equals("AWSMFA_CACHE"));
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
      assertEquals(0, process.exitValue(), "90: no namespace, 91: a Java was found, 92: /tmp"
          + " was written: " + output);
      assertTrue(output.matches("(?s)awsmfa \\S+\nmfa: session valid until .*\n"
          + "mfa: valid until .*"), output);
      assertEquals(1, sts.requests().size(), "one call to STS, over TLS");

      Map<Path, String> after = snapshot(dir);
      after.keySet().removeIf(p -> p.startsWith(aws));
      before.keySet().removeIf(p -> p.startsWith(aws));
      assertEquals(before, after, "nothing is written outside ~/.aws");
      assertEquals(List.of(), running(unpacked.toString()), "nothing is left running");
      assertEquals(List.of(), running("/mnt/unpacked/"), "nothing is left running");
    } finally {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
  }

  /** Every file and directory under {@code dir}, with its size, mode and time stamp. */
  private static Map<Path, String> snapshot(Path dir) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        files.put(p, Files.size(p) + " " + PosixFilePermissions.toString(
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) + " "
            + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return files;
  }

  /** The command lines of the processes that run anything from {@code dir}. */
  private static List<String> running(String dir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        try {
          String line = new String(Files.readAllBytes(p.resolve("cmdline")),
              StandardCharsets.UTF_8).replace('\0', ' ');
          if (line.contains(dir)) {
            found.add(line);
          }
        } catch (IOException gone) {
          // not a process, or one that ended meanwhile
        }
      }
    }
    return found;
  }
}

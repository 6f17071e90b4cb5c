package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /** Unpacks the bundle into {@code unpacked}, and returns its launcher. */
  private static Path unpack(Path tarball, Path unpacked) throws Exception {
    Files.createDirectories(unpacked);
    assertEquals(0, new ProcessBuilder("tar", "-C", unpacked.toString(), "-xzf",
        tarball.toString()).inheritIO().start().waitFor());
    try (Stream<Path> top = Files.list(unpacked)) {
      return top.findFirst().orElseThrow().resolve("bin/awsmfa");
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
      Path unpacked = dir.resolve("unpacked");
      Path launcher = unpack(tarball, unpacked);
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
      // Beside the work directory, whose files are compared before and after.
      Path outputFile = Files.createTempFile(BUNDLES, "bundle-it", ".out");
      Process process = builder.redirectOutput(outputFile.toFile()).start();
      boolean finished = process.waitFor(120, TimeUnit.SECONDS);
      process.destroyForcibly();
      String output = Files.readString(outputFile);
      Files.delete(outputFile);
      assertTrue(finished, output);
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

  /**
   * A refresh's first TLS handshake offers X25519 alone, so that the client makes no secp256r1
   * key, whose first one is the costliest step of a cold handshake. A server that takes
   * secp256r1 alone refuses that handshake, and the same request goes again over a connection
   * that offers every group, even where the SDK may not retry ({@code AWS_MAX_ATTEMPTS=1}). The
   * JVM's log of the classes it initialises shows whether a secp256r1 key was made. Each server
   * is the stand-in in a JVM of its own, as the groups a JDK's server takes are set for the
   * whole JVM.
   */
  @Test
  void offersX25519AloneFirstAndEveryGroupToAServerThatRefusesIt() throws Exception {
    Path tarball = tarball();
    assumeTrue(tarball != null, "no bundle was built: the build found no JDK 24 or later");
    Path dir = Files.createTempDirectory(BUNDLES, "key-share-it");
    try {
      Path launcher = unpack(tarball, dir.resolve("unpacked"));
      Path home = Files.createDirectories(dir.resolve("home"));
      Path aws = Files.createDirectories(home.resolve(".aws"));
      Files.writeString(aws.resolve("credentials"), "[default]\naws_access_key_id = "
          + StsStandIn.DEMO_KEY_ID + "\naws_secret_access_key = " + StsStandIn.DEMO_SECRET
          + "\n");
      Files.setPosixFilePermissions(aws.resolve("credentials"),
          PosixFilePermissions.fromString("rw-------"));
      TestCa ca = TestCa.shared("main");

      Path everyGroup = refreshAgainst(launcher, home, ca, dir.resolve("every-group"), Map.of());
      assertFalse(secp256r1KeyMade(everyGroup), "a secp256r1 key was made for a server that"
          + " takes X25519");
      Path p256Alone = refreshAgainst(launcher, home, ca, dir.resolve("secp256r1"),
          Map.of("AWS_MAX_ATTEMPTS", "1"), "-Djdk.tls.namedGroups=secp256r1");
      assertTrue(secp256r1KeyMade(p256Alone), "no secp256r1 key for a server that takes no"
          + " other group");
    } finally {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
  }

  /**
   * Refreshes through {@code launcher}, with {@code env} added, against a stand-in started with
   * {@code serverOptions}, and returns the JVM's log of class initialisation for the refresh.
   */
  private static Path refreshAgainst(Path launcher, Path home, TestCa ca, Path work,
      Map<String, String> env, String... serverOptions) throws Exception {
    Files.createDirectories(work);
    Path endpointFile = work.resolve("endpoint");
    List<String> server = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    server.addAll(List.of(serverOptions));
    server.addAll(List.of("-cp", System.getProperty("java.class.path"),
        StsStandIn.class.getName(), "serve-https", ca.caPem().getParent().toString(),
        endpointFile.toString()));
    Process sts = new ProcessBuilder(server).redirectErrorStream(true)
        .redirectOutput(work.resolve("server.log").toFile()).start();
    try {
      for (int i = 0; i < 300 && !Files.isRegularFile(endpointFile); i++) {
        assertTrue(sts.isAlive(), "the stand-in did not start: "
            + Files.readString(work.resolve("server.log")));
        Thread.sleep(100);
      }
      String endpoint = Files.readString(endpointFile).strip();
      Path log = work.resolve("class-init.log");
      Path output = work.resolve("output");
      ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "123456", "--force",
          "--quiet", "--serial-number", StsStandIn.DEMO_SERIAL, "--endpoint-url", endpoint)
          .redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA")
          || k.startsWith("JDK_") || k.startsWith("_JAVA") || k.equals("AWSMFA_CACHE"));
      builder.environment().putAll(Map.of("HOME", home.toString(), "AWS_CA_BUNDLE",
          ca.caPem().toString(), "JDK_JAVA_OPTIONS", "-Xlog:class+init=info:file=" + log));
      builder.environment().putAll(env);
      Process refresh = builder.start();
      boolean finished = refresh.waitFor(60, TimeUnit.SECONDS);
      refresh.destroyForcibly();
      assertTrue(finished, "the refresh did not finish: " + Files.readString(output));
      assertEquals(0, refresh.exitValue(), Files.readString(output));
      return log;
    } finally {
      sts.destroy();
      sts.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Whether the JDK's table for secp256r1 keys was built, which its first such key does. */
  private static boolean secp256r1KeyMade(Path classInitLog) throws IOException {
    try (Stream<String> lines = Files.lines(classInitLog)) {
      return lines.anyMatch(
          l -> l.contains("Initializing 'sun/security/ec/ECOperations$Secp256R1"));
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

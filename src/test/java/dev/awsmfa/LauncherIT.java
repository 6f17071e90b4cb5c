package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.sts.StsStandIn;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Runs the built jar through {@code dist/awsmfa}, as a user does, in a child process whose HOME
 * is a temporary directory: the home the SDK would read its own profile files from.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of(System.getProperty("awsmfa.launcher",
      "dist/awsmfa"));

  @TempDir Path home;
  private StsStandIn sts;
  private StsStandIn.User alice;

  private record Result(int status, String stdout, String stderr) {}

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    Files.createDirectories(home.resolve(".aws"));
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private Result run(Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("AWSMFA_CACHE", "off");
    builder.environment().putAll(extraEnv);
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "awsmfa did not finish");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Result refresh(Map<String, String> env, String... extra)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(sts.currentCode(alice), "--serial-number",
        alice.serial(), "--endpoint-url", sts.endpoint().toString()));
    args.addAll(List.of(extra));
    return run(env, args.toArray(String[]::new));
  }

  @Test
  void refreshesWithFilesTheSdkCannotParseAndPrintsOnlyTheResult() throws Exception {
    String credentials = "[default]\naws_access_key_id: " + alice.accessKeyId()
        + "\naws_secret_access_key: " + alice.secret() + "\n";
    String config = "\u00ef\u00bb\u00bf[default]\nregion: eu-west-1\n";
    Files.writeString(home.resolve(".aws/credentials"), credentials, StandardCharsets.ISO_8859_1);
    Files.setPosixFilePermissions(home.resolve(".aws/credentials"),
        PosixFilePermissions.fromString("rw-------"));
    Files.writeString(home.resolve(".aws/config"), config, StandardCharsets.ISO_8859_1);
    assertTrue(sdkRejects(home.resolve(".aws/config")), "the SDK must reject this file");

    Result result = refresh(Map.of(), "--mfa-profile-name", "team mfa");

    assertEquals(0, result.status(), result.stderr());
    assertEquals("", result.stdout());
    List<String> lines = result.stderr().lines().toList();
    assertEquals(2, lines.size(), result.stderr());
    assertTrue(lines.get(0).startsWith("awsmfa: warning: ~/.aws/config line 1 starts with a UTF-8"
        + " byte order mark"), lines.get(0));
    assertTrue(lines.get(1).matches("team mfa: session valid until .* \\(12h\\)"), lines.get(1));
    IniDocument after = IniDocument.parse(Files.readAllBytes(home.resolve(".aws/credentials")));
    assertEquals(1, after.sections("team mfa").size(), "the name with a space arrives whole");
    assertTrue(Files.readString(home.resolve(".aws/config"), StandardCharsets.ISO_8859_1)
        .startsWith(config));
  }

  private static boolean sdkRejects(Path file) {
    try {
      ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build().profiles();
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  @Test
  void runsOnEveryInstalledJdk() throws Exception {
    List<Path> jdks;
    try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      jdks = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
          .filter(d -> !Files.isSymbolicLink(d)).toList();
    } catch (IOException e) {
      jdks = List.of();
    }
    assumeTrue(!jdks.isEmpty(), "no JDKs under /usr/lib/jvm to try");
    // One user per JDK: a one-time code works once, and the next one comes only in 30 seconds.
    StringBuilder credentials = new StringBuilder();
    List<StsStandIn.User> users = new ArrayList<>();
    for (Path jdk : jdks) {
      StsStandIn.User user = sts.addUser("user-" + users.size());
      credentials.append("[").append(jdk.getFileName()).append("]\naws_access_key_id = ")
          .append(user.accessKeyId()).append("\naws_secret_access_key = ").append(user.secret())
          .append("\n");
      users.add(user);
    }
    Files.writeString(home.resolve(".aws/credentials"), credentials);
    for (int i = 0; i < jdks.size(); i++) {
      String name = jdks.get(i).getFileName().toString();
      Result result = run(Map.of("JAVA_HOME", jdks.get(i).toString()), "--profile", name,
          "--mfa-profile-name", name + "-mfa", "--serial-number", users.get(i).serial(),
          sts.currentCode(users.get(i)), "--endpoint-url", sts.endpoint().toString());
      assertEquals(0, result.status(), name + ": " + result.stderr());
    }
  }

  @Test
  void findsTheJarWhenRunByARelativePathWithCdpathSet() throws Exception {
    Files.createDirectories(home.resolve("dist"));
    Path root = LAUNCHER.toAbsolutePath().getParent().getParent();
    ProcessBuilder builder = new ProcessBuilder("dist/awsmfa", "--version").directory(root.toFile());
    builder.environment().put("CDPATH", home.toString());
    builder.environment().put("AWSMFA_CACHE", "off");
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.matches("awsmfa \\S+\n"), output);
  }

  /**
   * Root may write anywhere, so this runs awsmfa as the user nobody, for whom a read-only
   * directory really is read-only.
   */
  @Test
  void refusesAReadOnlyDirectoryBeforeSpendingTheCode() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/setpriv")),
        "needs root and setpriv to run awsmfa as another user");
    UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
    Path nobodyHome = Files.createTempDirectory("awsmfa-readonly");
    try {
      Path aws = Files.createDirectories(nobodyHome.resolve(".aws"));
      Path file = aws.resolve("credentials");
      Files.writeString(file, "[default]\naws_access_key_id = " + alice.accessKeyId()
          + "\naws_secret_access_key = " + alice.secret() + "\n");
      for (Path p : List.of(nobodyHome, aws, file)) {
        Files.setOwner(p, users.lookupPrincipalByName("nobody"));
      }
      Files.setPosixFilePermissions(nobodyHome, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("r-x------"));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      byte[] before = Files.readAllBytes(file);

      List<String> command = List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
          "--clear-groups", LAUNCHER.toAbsolutePath().toString(), "--serial-number",
          alice.serial(), sts.currentCode(alice), "--endpoint-url", sts.endpoint().toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
      builder.environment().put("HOME", nobodyHome.toString());
      builder.environment().put("AWSMFA_CACHE", "off");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));

      assertEquals(3, process.exitValue(), output);
      assertEquals("awsmfa: cannot write ~/.aws/credentials: it or its directory is not"
          + " writable; fix the permissions, then run awsmfa again\n", output);
      assertTrue(sts.requests().isEmpty(), "the code must not be spent");
      assertArrayEquals(before, Files.readAllBytes(file));
    } finally {
      Files.setPosixFilePermissions(nobodyHome.resolve(".aws"),
          PosixFilePermissions.fromString("rwx------"));
      try (Stream<Path> files = Files.walk(nobodyHome)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * The prompt goes to the terminal even when stdout is redirected for eval: here a
   * pseudo-terminal from script(1), with stdout sent to a file inside it.
   */
  @Test
  void asksOnTheTerminalAndKeepsStdoutForTheSession() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
        "script(1) is not installed: no pseudo-terminal to test the prompt with");
    Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = "
        + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
    Path exports = home.resolve("session.env");
    String command = LAUNCHER.toAbsolutePath() + " --serial-number " + alice.serial()
        + " --endpoint-url " + sts.endpoint() + " --output env > " + exports;
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("AWSMFA_CACHE", "off");
    Process process = builder.start();
    StringBuilder screen = new StringBuilder();
    java.io.InputStream in = process.getInputStream();
    // Answer only once the prompt is on the screen, as a person would.
    while (!screen.toString().contains("MFA code for " + alice.serial() + ": ")) {
      int b = in.read();
      assertTrue(b >= 0, "awsmfa ended without asking: " + screen);
      screen.append((char) b);
    }
    process.getOutputStream().write((sts.currentCode(alice) + "\n").getBytes(
        StandardCharsets.UTF_8));
    process.getOutputStream().flush();
    screen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), screen.toString());

    String session = Files.readString(exports);
    assertTrue(session.startsWith("export AWS_ACCESS_KEY_ID='ASIA"), session);
    assertFalse(session.contains("MFA code"), "the prompt never goes to stdout: " + session);
    assertTrue(screen.toString().contains("mfa: session valid until"), screen.toString());
  }

  /**
   * The start-up caches are made after a first run, in the background. A missing, corrupt or
   * truncated one only costs time: the output is the same, nothing more is printed, and a later
   * run makes it anew.
   */
  @Test
  void aMissingCorruptOrTruncatedStartUpCacheNeverBreaksARunAndIsMadeAnew() throws Exception {
    Path cacheHome = home.resolve("cache");
    List<Path> jdks = new ArrayList<>();
    for (String name : List.of("java-17-openjdk-amd64", "temurin-25-jdk-amd64")) {
      Path jdk = Path.of("/usr/lib/jvm", name);
      if (Files.isExecutable(jdk.resolve("bin/java"))) {
        jdks.add(jdk);
      }
    }
    assumeTrue(!jdks.isEmpty(), "neither JDK 17 nor JDK 25 is installed where expected");
    Path dir = cacheHome.resolve("awsmfa");
    for (Path jdk : jdks) {
      Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME",
          cacheHome.toString(), "AWSMFA_CACHE", "on");
      Result first = runWithCache(env);
      assertEquals(new Result(0, first.stdout(), ""), first, jdk.toString());
      for (String kind : List.of("refresh", "skip", "status")) {
        waitForCache(dir, jdk, kind, 1);
      }
      Path help = waitForCache(dir, jdk, "help", 1);
      assertEquals(first, runWithCache(env), "with the cache: the same output");
      long size = Files.size(help);

      // Bytes the JVM rejects. JDK 25 logs why, so even under the old time stamp it is made anew;
      // JDK 17 says nothing, and is caught by the time stamp alone.
      FileTime stamp = Files.getLastModifiedTime(help);
      help.toFile().setWritable(true);
      Files.write(help, "not a cache".getBytes(StandardCharsets.UTF_8));
      if (jdk.toString().contains("25")) {
        Files.setLastModifiedTime(help, stamp);
      }
      assertEquals(first, runWithCache(env), "with a corrupt cache: the same output, no noise");
      assertEquals(first, runWithCache(env), "the next run goes without it, and makes it anew");
      waitForCache(dir, jdk, "help", size / 2);

      // Truncated, as by a full disk: mapping it would crash JDK 17 before main.
      help.toFile().setWritable(true);
      try (FileChannel channel = FileChannel.open(help, StandardOpenOption.WRITE)) {
        channel.truncate(size / 2);
      }
      assertEquals(first, runWithCache(env), "with a truncated cache: the same output");
      waitForCache(dir, jdk, "help", size / 2 + 1);
      assertEquals(first, runWithCache(env), "with the new cache: the same output");
    }
  }

  /** No cache, and no training, where XDG says not to or where the JVM's flags cannot go. */
  @Test
  void keepsNoCacheInARelativePathOrOneWithAColon() throws Exception {
    for (String dir : List.of("relative/cache", home.resolve("a:b").toString())) {
      Result result = runWithCache(Map.of("XDG_CACHE_HOME", dir, "AWSMFA_CACHE", "on"));
      assertEquals(0, result.status(), result.stderr());
      assertEquals("", result.stderr());
      Thread.sleep(1000);
      assertFalse(Files.exists(Path.of(dir).resolve("awsmfa")), dir);
      assertFalse(Files.exists(home.resolve("a:b/awsmfa")), dir);
    }
  }

  /**
   * A JVM that cannot make caches costs one training a day, not one on every run. (Options in
   * _JAVA_OPTIONS come after the command line's: every archive goes to a missing directory.)
   */
  @Test
  void aTrainingThatFailsIsNotRepeatedOnEveryRun() throws Exception {
    Path cacheHome = home.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cacheHome.toString(), "AWSMFA_CACHE",
        "on", "_JAVA_OPTIONS", "-XX:SharedArchiveFile=" + home.resolve("missing/awsmfa.jsa"));
    assertEquals(0, runWithCache(env).status());
    Path dir = cacheHome.resolve("awsmfa");
    Path failed = null;
    for (int i = 0; i < 900 && failed == null; i++) {
      Thread.sleep(100);
      try (Stream<Path> files = Files.list(dir)) {
        failed = files.filter(p -> p.toString().endsWith(".failed")).findFirst().orElse(null);
      } catch (IOException notYet) {
        // the directory comes with the training
      }
    }
    assertTrue(failed != null, "the failed training is recorded");
    FileTime stamp = Files.getLastModifiedTime(failed);
    assertEquals(0, runWithCache(env).status());
    Thread.sleep(1000);
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.endsWith(".training")), "no new training: "
          + names);
      assertTrue(names.stream().noneMatch(n -> n.matches(".*\\.(jsa|aot)")), names.toString());
    }
    assertEquals(stamp, Files.getLastModifiedTime(failed));
  }

  /**
   * On JDK 20 and later the first TLS handshake offers X25519 alone (see X25519First); a server
   * that does not take it gets a second handshake with every group, and the refresh succeeds even
   * when the SDK may not retry.
   */
  @Test
  void aServerWithoutX25519GetsASecondHandshakeWithEveryGroup() throws Exception {
    Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")), "no JDK 25 where expected");
    Path dir = Files.createDirectories(home.resolve("tls"));
    Path endpoint = dir.resolve("endpoint");
    Process server = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djdk.tls.namedGroups=secp256r1", "-cp", Path.of("target/test-classes").toString(),
        StsStandIn.class.getName(), "serve-https", dir.toString(), endpoint.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      for (int i = 0; i < 600 && !Files.exists(endpoint); i++) {
        Thread.sleep(100);
      }
      Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = "
          + StsStandIn.DEMO_KEY_ID + "\naws_secret_access_key = " + StsStandIn.DEMO_SECRET + "\n");
      Result result = run(Map.of("JAVA_HOME", jdk25.toString(), "AWS_MAX_ATTEMPTS", "1",
          "AWS_CA_BUNDLE", dir.resolve("ca.pem").toString(),
          "JAVA_TOOL_OPTIONS", "-Djavax.net.debug=ssl:handshake"), "123456", "--serial-number",
          StsStandIn.DEMO_SERIAL, "--endpoint-url", Files.readString(endpoint).strip(), "--quiet");
      String log = result.stdout() + result.stderr();
      assertEquals(0, result.status(), log);
      assertTrue(log.contains("\"named groups\": [x25519]"), "first X25519 alone");
      assertTrue(log.contains("\"named groups\": [x25519, secp256r1"), "then every group");
      assertTrue(IniDocument.parse(Files.readAllBytes(home.resolve(".aws/credentials")))
          .sections("mfa").size() == 1, "the session is written");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Result runWithCache(Map<String, String> env) throws Exception {
    return runWithCache(LAUNCHER.toAbsolutePath(), env);
  }

  private Result runWithCache(Path launcher, Map<String, String> env) throws Exception {
    List<String> command = List.of(launcher.toString(), "--version");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** The {@code kind} cache for {@code jdk}, once a training run has made it this big. */
  private static Path waitForCache(Path dir, Path jdk, String kind, long minimumSize)
      throws Exception {
    String release = Files.readString(jdk.resolve("release"));
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("JAVA_VERSION=\"([0-9.]+)").matcher(release);
    assertTrue(m.find());
    String prefix = "awsmfa-" + m.group(1) + "-";
    for (int i = 0; i < 900; i++) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          Optional<Path> cache = files.filter(p -> p.getFileName().toString().startsWith(prefix))
              .filter(p -> p.toString().matches(".*-" + kind + "\\.(jsa|aot)"))
              .filter(p -> p.toFile().length() >= minimumSize).findFirst();
          if (cache.isPresent()) {
            return cache.get();
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + kind + " start-up cache for " + jdk + " after 90 seconds");
  }

  @Test
  void installsForTheUserWithAStartUpCache() throws Exception {
    Path prefix = home.resolve("prefix");
    ProcessBuilder builder = new ProcessBuilder("sh",
        LAUNCHER.toAbsolutePath().resolveSibling("install.sh").toString())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PREFIX", prefix.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    for (String file : List.of("bin/awsmfa", "lib/awsmfa/awsmfa.jar", "share/man/man1/awsmfa.1",
        "share/bash-completion/completions/awsmfa", "share/zsh/site-functions/_awsmfa",
        "lib/awsmfa/reminders/awsmfa-reminder.sh")) {
      assertTrue(Files.exists(prefix.resolve(file)), file);
    }
    assertTrue(Files.isSymbolicLink(prefix.resolve("bin/awsmfa")));
    try (Stream<Path> caches = Files.list(home.resolve("cache/awsmfa"))) {
      assertEquals(4, caches.filter(p -> p.toString().matches(
          ".*-(refresh|skip|status|help)\\.(jsa|aot)")).count(),
          "the four start-up caches are made at install: " + output);
    }
    Process installed = new ProcessBuilder(prefix.resolve("bin/awsmfa").toString(), "--version")
        .redirectErrorStream(true).start();
    assertTrue(new String(installed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .startsWith("awsmfa "));
    assertEquals(0, installed.waitFor());

    // The jar's checksums are kept beside it, stamped like it. The same jar with a new time
    // stamp, as after a rebuild, gets new caches: the JVM would refuse the old ones.
    Path jar = prefix.resolve("lib/awsmfa/awsmfa.jar");
    Path sums = prefix.resolve("lib/awsmfa/awsmfa.jar.cksum");
    assertEquals(Files.getLastModifiedTime(jar), Files.getLastModifiedTime(sums));
    Path help;
    try (Stream<Path> caches = Files.list(home.resolve("cache/awsmfa"))) {
      help = caches.filter(p -> p.toString().matches(".*-help\\.(jsa|aot)")).findFirst()
          .orElseThrow();
    }
    FileTime made = Files.getLastModifiedTime(help);
    FileTime restamped = FileTime.fromMillis(made.toMillis() + 2000);
    Files.setLastModifiedTime(jar, restamped);
    assertEquals(0, runWithCache(prefix.resolve("bin/awsmfa"),
        Map.of("XDG_CACHE_HOME", home.resolve("cache").toString())).status());
    assertEquals(restamped, Files.getLastModifiedTime(sums));
    for (int i = 0; i < 900 && !(Files.exists(help)
        && Files.getLastModifiedTime(help).compareTo(made) > 0); i++) {
      Thread.sleep(100);
    }
    assertTrue(Files.getLastModifiedTime(help).compareTo(made) > 0, "the help cache is new");
  }

  @Test
  void explainsAMissingJava() throws Exception {
    Result result = run(Map.of("JAVA_HOME", home.resolve("no-jdk").toString()), "--version");
    assertEquals(3, result.status());
    assertTrue(result.stderr().startsWith("awsmfa: JAVA_HOME is "), result.stderr());
  }

  @Test
  void passesArgumentsThroughUntouched() throws Exception {
    Result result = run(Map.of(), "--profile", "a b  c", "--serial-number",
        "arn:aws:iam::123456789012:mfa/alice", "123456", "--endpoint-url", "http://*");
    assertEquals(2, result.status());
    assertTrue(result.stderr().contains("'http://*'"), result.stderr());
    assertFalse(result.stderr().contains("SLF4J"), result.stderr());
  }

  /**
   * Under cron the locale is C, in which Java names files in ASCII; a home directory named in
   * UTF-8 still works. The directory is made and read by the shell, as this JVM may itself run
   * under such a locale.
   */
  @Test
  void aNonAsciiHomeWorksUnderTheCLocaleAsUnderCron() throws Exception {
    Path keys = home.resolve("keys");
    Files.writeString(keys, "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n");
    String script = "h=\"$1/h$(printf '\\303\\266')me\" && mkdir -p \"$h/.aws\""
        + " && cp \"$2\" \"$h/.aws/credentials\" && chmod 600 \"$h/.aws/credentials\""
        + " && HOME=$h \"$3\" \"$4\" --serial-number \"$5\" --endpoint-url \"$6\""
        + " && HOME=$h \"$3\" status && grep -c '^\\[mfa\\]' \"$h/.aws/credentials\"";
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script, "sh", home.toString(),
        keys.toString(), LAUNCHER.toAbsolutePath().toString(), sts.currentCode(alice),
        alice.serial(), sts.endpoint().toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("LC_")
        || k.equals("LANG"));
    builder.environment().put("LC_ALL", "C");
    builder.environment().put("AWSMFA_CACHE", "off");
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.matches("(?s)mfa: session valid until .*\nmfa: valid until .*\n1\n"),
        output);
  }

  /**
   * After a git pull the jar in target/ is older than the sources: install.sh builds it again
   * instead of installing the old one, and says what it does. A stand-in for mvn records the call.
   */
  @Test
  void installBuildsTheJarAgainWhenTheSourcesAreNewer() throws Exception {
    Path dist = LAUNCHER.toAbsolutePath().getParent();
    Path root = home.resolve("checkout");
    Files.createDirectories(root.resolve("dist"));
    Files.copy(dist.resolve("install.sh"), root.resolve("dist/install.sh"));
    Files.copy(dist.resolve("awsmfa"), root.resolve("dist/awsmfa"));
    for (String linked : List.of("dist/reminders", "dist/completion", "man")) {
      Files.createSymbolicLink(root.resolve(linked), dist.getParent().resolve(linked));
    }
    Path source = Files.createDirectories(root.resolve("src/main/java")).resolve("Main.java");
    Files.writeString(source, "// changed by a pull\n");
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Path jar = Files.createDirectories(root.resolve("target")).resolve("awsmfa.jar");
    Files.copy(dist.getParent().resolve("target/awsmfa.jar"), jar);
    Path bin = Files.createDirectories(home.resolve("fake-bin"));
    Path log = home.resolve("mvn.log");
    Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> '" + log + "'\n"
        + "touch target/awsmfa.jar\n");
    Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));

    FileTime now = FileTime.fromMillis(System.currentTimeMillis());
    Files.setLastModifiedTime(source, FileTime.fromMillis(now.toMillis() - 60_000));
    Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(now.toMillis() - 60_000));
    String output = install(root, bin);
    assertFalse(Files.exists(log), "an up-to-date jar is not built again: " + output);
    assertTrue(output.contains("install.sh: installing " + jar + " into "), output);
    assertTrue(output.contains("install.sh: installed awsmfa "), output);

    Files.setLastModifiedTime(source, FileTime.fromMillis(now.toMillis() + 60_000));
    output = install(root, bin);
    assertEquals(List.of("-q -B package -DskipTests"), Files.readAllLines(log));
    assertTrue(output.startsWith("install.sh: building " + jar + " (mvn package), as " + source
        + " is newer\n"), output);
  }

  private String install(Path root, Path bin) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", root.resolve("dist/install.sh").toString())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PREFIX", home.resolve("prefix").toString());
    builder.environment().put("AWSMFA_CACHE", "off");
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  /** The SDK reads these itself; a bad value is the user's to fix, not a bug, and no code is sent. */
  @Test
  void aBadSdkSettingInTheEnvironmentIsTheUsersToFix() throws Exception {
    Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = "
        + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(home.resolve(".aws/credentials"),
        PosixFilePermissions.fromString("rw-------"));
    for (Map.Entry<String, String> bad : List.of(Map.entry("AWS_RETRY_MODE", "bogus"),
        Map.entry("AWS_MAX_ATTEMPTS", "many"), Map.entry("AWS_MAX_ATTEMPTS", "0"),
        Map.entry("AWS_DEFAULTS_MODE", "bogus"),
        Map.entry("AWS_USE_DUALSTACK_ENDPOINT", "maybe"))) {
      Result result = refresh(Map.ofEntries(bad));
      assertEquals(2, result.status(), bad + ": " + result.stderr());
      assertTrue(result.stderr().startsWith("awsmfa: " + bad.getKey() + " is '"
          + bad.getValue() + "', which the AWS SDK refuses: set it to "), result.stderr());
      assertEquals(1, result.stderr().lines().count(), result.stderr());
    }
    assertTrue(sts.requests().isEmpty(), "no code was sent");
  }

  /** awsmfa - takes its line and leaves the rest of stdin to the script that reads it next. */
  @Test
  void readsOnlyItsOwnLineFromStdin() throws Exception {
    Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = "
        + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(home.resolve(".aws/credentials"),
        PosixFilePermissions.fromString("rw-------"));
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "printf '%s\\nnext line\\n' \"$1\""
        + " | { \"$2\" - --serial-number \"$3\" --endpoint-url \"$4\" --quiet && read -r x"
        + " && echo \"left: $x\"; }", "sh", sts.currentCode(alice),
        LAUNCHER.toAbsolutePath().toString(), alice.serial(), sts.endpoint().toString());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("AWSMFA_CACHE", "off");
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals("left: next line\n", output);
  }

  /**
   * Root with another user's HOME uses no start-up cache from there: that user's cache would
   * run their code as root, and their links would steer the training's writes.
   */
  @Test
  void rootUsesNoCacheInAnotherUsersHome() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give files away");
    Path rootOnly = Files.createDirectories(home.resolveSibling(home.getFileName() + "-root"));
    Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(home.resolve(".cache"));
    Path link = Files.createSymbolicLink(home.resolve(".cache/awsmfa"), rootOnly);
    java.nio.file.attribute.UserPrincipal nobody = home.getFileSystem()
        .getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    for (Path p : List.of(home, home.resolve(".cache"), link)) {
      Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class,
          java.nio.file.LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
    }
    Result result = runWithCache(Map.of());
    assertEquals(0, result.status(), result.stderr());
    Thread.sleep(2000); // time enough for a training run to have started, were there one
    try (Stream<Path> made = Files.list(rootOnly)) {
      assertEquals(List.of(), made.toList(), "nothing is written through the link");
    }
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(rootOnly)), "its mode stays");
  }

  /**
   * A user id with no entry in the password database, as in a container run with --user: the
   * JDK's UnixSystem says 0 for it, which must not make awsmfa take it for root and refuse its
   * own files.
   */
  @Test
  void aUserWithoutAPasswordEntryIsNotTakenForRoot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch users");
    assumeTrue(new ProcessBuilder("sh", "-c", "command -v setpriv").start().waitFor() == 0,
        "setpriv (util-linux) is not installed");
    Path own = Files.createTempDirectory("awsmfa-uid");
    try {
      Path aws = Files.createDirectories(own.resolve(".aws"));
      Files.writeString(aws.resolve("credentials"), "[default]\naws_access_key_id = "
          + alice.accessKeyId() + "\naws_secret_access_key = " + alice.secret() + "\n");
      Files.setPosixFilePermissions(aws.resolve("credentials"),
          PosixFilePermissions.fromString("rw-------"));
      // A copy of the launcher and the jar that this user can reach, wherever the build is.
      Path bin = Files.createDirectories(own.resolve("bin"));
      Files.copy(LAUNCHER.toAbsolutePath(), bin.resolve("awsmfa"));
      Files.copy(LAUNCHER.toAbsolutePath().getParent().resolveSibling("target/awsmfa.jar"),
          bin.resolve("awsmfa.jar"));
      assertEquals(0, new ProcessBuilder("chown", "-R", "54321:54321", own.toString()).start()
          .waitFor());
      Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
      ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=54321", "--regid=54321",
          "--clear-groups", bin.resolve("awsmfa").toString(), sts.currentCode(alice),
          "--serial-number", alice.serial(), "--endpoint-url", sts.endpoint().toString());
      builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
      builder.environment().put("HOME", own.toString());
      builder.environment().put("AWSMFA_CACHE", "off");
      Process process = builder.redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.startsWith("mfa: session valid until"), output);
    } finally {
      new ProcessBuilder("rm", "-rf", own.toString()).start().waitFor();
    }
  }
}

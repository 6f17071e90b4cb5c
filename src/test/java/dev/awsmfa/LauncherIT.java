package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.sts.StsStandIn;
import dev.awsmfa.sts.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    return runLauncher(LAUNCHER.toAbsolutePath(), extraEnv, args);
  }

  /** Runs {@code launcher} with no start-up cache, unless {@code extraEnv} says otherwise. */
  private Result runLauncher(Path launcher, Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
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

  /** A copy of the launcher and the jar laid out as install.sh lays them out, under {@code base}. */
  private static Path installCopy(Path base) throws IOException {
    Path launcher = Files.createDirectories(base.resolve("bin")).resolve("awsmfa");
    Files.copy(LAUNCHER.toAbsolutePath(), launcher);
    Files.copy(LAUNCHER.toAbsolutePath().getParent().resolveSibling("target/awsmfa.jar"),
        Files.createDirectories(base.resolve("lib")).resolve("awsmfa.jar"),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    return launcher;
  }

  /**
   * install.sh puts the jar and the caches it made for this Java in the install directory. The
   * launcher uses a cache only if it is a regular file of the jar's owner that nobody else may
   * write: a cache is code the JVM runs.
   */
  @Test
  void usesOnlyCachesThatAreTheJarOwnersAndWritableByNobodyElse() throws Exception {
    Path prefix = home.resolve("prefix");
    ProcessBuilder builder = new ProcessBuilder("sh",
        LAUNCHER.toAbsolutePath().resolveSibling("install.sh").toString(), "--jar")
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("AWSMFA_CACHE"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    builder.environment().put("PREFIX", prefix.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("STANDIN_CA", TestCa.shared("main").caPem().getParent().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(180, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("install.sh: making the start-up caches for the Java in "), output);
    for (String file : List.of("bin/awsmfa", "lib/awsmfa/lib/awsmfa.jar", "lib/awsmfa/bin/awsmfa",
        "share/man/man1/awsmfa.1", "share/bash-completion/completions/awsmfa",
        "share/zsh/site-functions/_awsmfa", "lib/awsmfa/reminders/awsmfa-reminder.sh")) {
      assertTrue(Files.exists(prefix.resolve(file)), file);
    }
    Path lib = prefix.resolve("lib/awsmfa/lib");
    List<Path> caches;
    try (Stream<Path> files = Files.list(lib)) {
      caches = files.filter(f -> f.toString().matches(".*-(refresh|skip|status|help)\\.(jsa|aot)"))
          .toList();
    }
    assertEquals(4, caches.size(), "the four start-up caches: " + output);
    Path status = caches.stream().filter(f -> f.toString().contains("-status.")).findFirst()
        .orElseThrow();
    Path launcher = prefix.resolve("bin/awsmfa");
    assertTrue(fromCache(launcher), "a cache of the jar's owner that only it may write is used");

    Path kept = home.resolve("kept");
    Files.copy(status, kept, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    for (String mode : List.of("rw-rw-r--", "rw-r--rw-")) {
      Files.setPosixFilePermissions(status, PosixFilePermissions.fromString(mode));
      assertFalse(fromCache(launcher), "a cache that others may write is not used: " + mode);
    }
    Files.delete(status);
    Files.createSymbolicLink(status, kept);
    assertFalse(fromCache(launcher), "a link is not followed, even to a good cache");
    Files.delete(status);
    Files.copy(kept, status, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    assertTrue(fromCache(launcher), "the cache put back is used again");
    if ("root".equals(System.getProperty("user.name"))) {
      Files.setOwner(status, home.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("nobody"));
      assertFalse(fromCache(launcher), "a cache that another user owns is not used");
    }
  }

  /**
   * Whether {@code awsmfa status} through {@code launcher} loaded awsmfa's main class from a
   * start-up cache, as the JVM's class log tells; its output is the same either way.
   */
  private boolean fromCache(Path launcher) throws Exception {
    Path log = home.resolve("classes.log");
    Files.deleteIfExists(log);
    Result result = runWithCache(launcher, "status",
        Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log));
    assertEquals(new Result(11, "mfa: no session in ~/.aws/credentials: run awsmfa with a code\n",
        ""), result, "the same output, with a cache or without");
    return Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(" dev.awsmfa.Main source: shared objects file"));
  }

  private Result runWithCache(Path launcher, String arg, Map<String, String> env)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(launcher.toString(), arg);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("AWSMFA_CACHE")
        || k.equals("JAVA_HOME"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String stderr = Files.readString(err).replaceAll("(?m)^NOTE: Picked up JDK_JAVA_OPTIONS.*\n",
        "");
    return new Result(process.exitValue(), Files.readString(out), stderr);
  }

  @Test
  void explainsAMissingJava() throws Exception {
    Result result = run(Map.of("JAVA_HOME", home.resolve("no-jdk").toString()), "--version");
    assertEquals(3, result.status());
    assertTrue(result.stderr().startsWith("awsmfa: JAVA_HOME is "), result.stderr());
  }

  /**
   * The JVM's options follow the runtime and the machine: the serial collector, but G1 where a
   * CDS archive needs it (17 to 23), huge pages for the heap exactly where Linux gives them on
   * request, with a young generation small enough to keep the peak RSS where it was, and on 25
   * alone, whose AOT caches hold profiles for the second compiler, no replay of them (a later
   * Java might not know the option, and would not start). A stand-in java prints what it was
   * given.
   */
  @Test
  void choosesTheJvmsOptionsForTheRuntimeAndTheMachine() throws Exception {
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean hugePages = Files.isReadable(thp) && !Files.readString(thp).contains("[never]");
    Path launcher = installCopy(home.resolve("installed"));
    Path lib = launcher.getParent().resolveSibling("lib");
    Map<String, String> caches = Map.of("17.0.15", "-XX:SharedArchiveFile=",
        "24.0.2", "-XX:AOTCache=", "25.0.3", "-XX:AOTCache=", "26.0.1", "-XX:AOTCache=");
    for (String version : List.of("17.0.15", "24.0.2", "25.0.3", "26.0.1")) {
      Path jdk = home.resolve("jdk-" + version);
      Files.createDirectories(jdk.resolve("bin"));
      Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
      Path java = jdk.resolve("bin/java");
      Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

      Path cache = lib.resolve("awsmfa-" + version + "-help"
          + (version.startsWith("17") ? ".jsa" : ".aot"));
      Files.writeString(cache, "a stand-in cache");
      Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-r--r--"));

      for (boolean cached : List.of(true, false)) {
        Map<String, String> env =
            Map.of("JAVA_HOME", jdk.toString(), "AWSMFA_CACHE", cached ? "on" : "off");
        Result result = runLauncher(launcher, env, "--version");
        List<String> options =
            result.stdout().lines().takeWhile(o -> !o.equals("-cp")).toList();
        assertEquals(List.of(version.startsWith("17") ? "-XX:+UseG1GC" : "-XX:+UseSerialGC"),
            options.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList(),
            version + ": " + options);
        assertEquals(hugePages, options.contains("-XX:+UseTransparentHugePages"),
            thp + ": " + options);
        assertEquals(hugePages, options.contains("-Xmn6m"), options.toString());
        assertTrue(options.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData")),
            options.toString());
        assertEquals(cached ? List.of(caches.get(version) + cache) : List.of(),
            options.stream().filter(o -> o.startsWith(caches.get(version))).toList(),
            version + ": " + options);
        assertEquals(cached && version.startsWith("25"),
            options.contains("-XX:-AOTReplayTraining"), version + ": " + options);
        assertEquals(options.contains("-XX:-AOTReplayTraining"),
            options.contains("-XX:+UnlockDiagnosticVMOptions"), version + ": " + options);
      }
    }
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
    assertTrue(output.startsWith("install.sh: building with 'mvn package', as " + source
        + " is newer than the jar\n"), output);
  }

  private String install(Path root, Path bin) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", root.resolve("dist/install.sh").toString())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PREFIX", home.resolve("prefix").toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
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
      Path launcher = installCopy(own.resolve("awsmfa"));
      assertEquals(0, new ProcessBuilder("chown", "-R", "54321:54321", own.toString()).start()
          .waitFor());
      Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
      ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=54321", "--regid=54321",
          "--clear-groups", launcher.toString(), sts.currentCode(alice),
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

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.ini.IniLine;
import dev.awsmfa.ini.IniSection;
import dev.awsmfa.sts.StsStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real awsmfa processes run side by side and killed mid-run: the credentials file must never
 * lose a change and never be seen half-written. They run from the bundle the build staged, whose
 * start-up caches make each run cheap, or else from the jar through {@code dist/awsmfa}.
 */
class ConcurrencyIT {
  private static final Path LAUNCHER = launcher();
  private static final Set<String> OWNED = Set.of("aws_access_key_id", "aws_secret_access_key",
      "aws_session_token", "aws_security_token", "aws_credential_expiration");

  @TempDir Path home;
  private StsStandIn sts;
  private Path credentials;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", sts.endpoint().toString(), "--quiet"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    builder.environment().put("HOME", home.toString());
    return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /**
   * The staged bundle's launcher if the build made one of the jar just built (a build with
   * {@code -Dbundle.skip} leaves an older one), else the jar's.
   */
  private static Path launcher() {
    Path staged = Path.of(System.getProperty("awsmfa.bundle", "target/bundle"));
    Path jar = Path.of(System.getProperty("awsmfa.jar", "target/awsmfa.jar"));
    try (Stream<Path> bundles = Files.list(staged)) {
      for (Path bundle : bundles.toList()) {
        Path launcher = bundle.resolve("bin/awsmfa");
        if (Files.isExecutable(launcher)
            && Files.mismatch(bundle.resolve("lib/awsmfa.jar"), jar) == -1) {
          return launcher.toAbsolutePath();
        }
      }
    } catch (IOException e) {
      // no bundle: the jar
    }
    return Path.of(System.getProperty("awsmfa.launcher", "dist/awsmfa")).toAbsolutePath();
  }

  private void writePrivate(String content) throws IOException {
    Files.writeString(credentials, content, StandardCharsets.ISO_8859_1);
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void sixteenRefreshesAtOnceLoseNothing() throws Exception {
    int n = 16;
    StringBuilder original = new StringBuilder("# sixteen sources, one file\n");
    List<StsStandIn.User> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StsStandIn.User user = sts.addUser("user" + i);
      users.add(user);
      original.append("[src").append(i).append("]\naws_access_key_id = ")
          .append(user.accessKeyId()).append("\naws_secret_access_key = ").append(user.secret())
          .append("\n; note ").append(i).append('\n');
    }
    writePrivate(original.toString());

    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      processes.add(start("--profile", "src" + i, "--mfa-profile-name", "mfa" + i,
          "--serial-number", users.get(i).serial(), sts.currentCode(users.get(i))));
    }
    for (Process process : processes) {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue());
    }

    String after = Files.readString(credentials, StandardCharsets.ISO_8859_1);
    assertTrue(after.startsWith(original.toString()), "every byte before is kept");
    IniDocument doc = IniDocument.parse(after);
    assertTrue(doc.problems().isEmpty(), doc.problems().toString());
    for (int i = 0; i < n; i++) {
      assertCompleteSession(doc, "mfa" + i);
    }
    String config = Files.readString(home.resolve(".aws/config"));
    for (int i = 0; i < n; i++) {
      assertTrue(config.contains("[profile mfa" + i + "]\n"), config);
    }
  }

  @Test
  void aKilledRunLeavesTheOldFileOrTheNewOneNeverAMix() throws Exception {
    StsStandIn.User alice = sts.addUser("alice");
    sts.allowCodeReuse();
    writePrivate("# keys\n[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n\n[mfa]\n; session\n"
        + "aws_access_key_id = ASIAFIRST\naws_secret_access_key = first\n"
        + "aws_session_token = first==\naws_credential_expiration = 2026-01-01T00:00:00Z\n"
        + "\n[after]\nregion = eu-west-1\n");
    // Each kill comes at a random moment in the second half of the time one run takes, measured
    // here, or just after: where the files are written.
    long started = System.nanoTime();
    Process timed = start("--serial-number", alice.serial(), sts.currentCode(alice));
    assertTrue(timed.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, timed.exitValue());
    int runMillis = (int) Math.max(100, (System.nanoTime() - started) / 1_000_000);
    Random random = new Random(2026);
    int unchanged = 0;
    int replaced = 0;
    for (int round = 0; round < 25; round++) {
      byte[] before = Files.readAllBytes(credentials);
      Process process = start("--serial-number", alice.serial(), sts.currentCode(alice));
      process.waitFor(runMillis / 2 + random.nextInt(runMillis * 3 / 5), TimeUnit.MILLISECONDS);
      process.destroyForcibly(); // SIGKILL
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));

      byte[] after = Files.readAllBytes(credentials);
      IniDocument doc = IniDocument.parse(after);
      assertTrue(doc.problems().isEmpty(), "round " + round + ": " + doc.problems());
      assertEquals(withoutOwnedLines(IniDocument.parse(before)), withoutOwnedLines(doc),
          "round " + round + ": only owned lines may change");
      assertCompleteSession(doc, "mfa");
      if (java.util.Arrays.equals(before, after)) {
        unchanged++;
      } else {
        replaced++;
      }
    }
    System.out.printf("kill loop: %d rounds left the old file, %d the new one%n", unchanged,
        replaced);

    Process last = start("--serial-number", alice.serial(), sts.currentCode(alice));
    assertTrue(last.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, last.exitValue());
    try (Stream<Path> files = Files.list(credentials.getParent())) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".awsmfa.tmp")),
          "a complete run removes what killed runs left behind");
    }
  }

  private static void assertCompleteSession(IniDocument doc, String profile) {
    List<IniSection> sections = doc.sections(profile);
    assertEquals(1, sections.size(), profile);
    for (String key : List.of("aws_access_key_id", "aws_secret_access_key", "aws_session_token",
        "aws_credential_expiration")) {
      assertFalse(doc.value(sections.get(0), key).orElse("").isEmpty(), profile + " " + key);
    }
    assertTrue(doc.value(sections.get(0), "aws_access_key_id").orElseThrow().startsWith("ASIA"));
  }

  /** Every line but the owned keys of [mfa], one character per byte. */
  private static String withoutOwnedLines(IniDocument doc) {
    StringBuilder kept = new StringBuilder();
    String section = "";
    for (IniLine line : doc.lines()) {
      if (line.kind() == IniLine.Kind.SECTION) {
        section = line.name();
      }
      if (!(section.equals("mfa") && line.kind() == IniLine.Kind.KEY
          && OWNED.contains(line.name()))) {
        kept.append(line.text()).append(line.eol());
      }
    }
    return kept.toString();
  }

  @Test
  void withoutOwnedLinesIgnoresOnlyOwnedKeysOfTheTarget() {
    assertEquals("[mfa]\nregion = x\n[b]\naws_session_token = t\n", withoutOwnedLines(
        IniDocument.parse(
            "[mfa]\naws_session_token = s\nregion = x\n[b]\naws_session_token = t\n")));
  }
}

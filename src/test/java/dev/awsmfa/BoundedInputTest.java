package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input of any size or kind ends in one clear line and an exit status other than 1: huge shared
 * files and CA bundles, a pipe or a device where a file should be, endless stdin, no HOME.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang is a failure, not a stuck build
class BoundedInputTest {
  @TempDir Path home;
  private StsStandIn sts;
  private StsStandIn.User alice;
  private Path credentials;
  private final Map<String, String> env = new HashMap<>();
  private String stderr;

  @BeforeEach
  void start() throws IOException {
    sts = StsStandIn.start(Clock.systemUTC());
    alice = sts.addUser("alice");
    credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n");
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    env.put("HOME", home.toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
  }

  @AfterEach
  void stop() {
    sts.close();
  }

  private int run(InputStream stdin, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new Environment(env, ""), FileSystems.getDefault(),
        Clock.systemUTC(), SdkSessionTokenSource::new,
        new TokenCodes(stdin, Terminal.none()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private int refresh(String... extra) {
    List<String> args = new ArrayList<>(List.of("--serial-number", alice.serial(),
        sts.currentCode(alice)));
    args.addAll(List.of(extra));
    return run(InputStream.nullInputStream(), args.toArray(String[]::new));
  }

  private static void sparse(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  @Test
  void aSharedFileOver16MibIsRefusedBeforeItIsRead() throws IOException {
    Path config = home.resolve(".aws/config");
    sparse(config, 3L << 30);
    assertEquals(3, refresh(), stderr);
    assertEquals("awsmfa: ~/.aws/config is 3,221,225,472 bytes, over the 16 MiB (16,777,216"
        + " bytes) that awsmfa reads, and 10,000 profiles take about 1 MiB: check what filled it,"
        + " then run awsmfa again\n", stderr);
    assertTrue(sts.requests().isEmpty());
    Files.delete(config);

    byte[] keys = Files.readAllBytes(credentials);
    Files.write(credentials, new byte[(16 << 20) + 1], java.nio.file.StandardOpenOption.APPEND);
    assertEquals(3, run(InputStream.nullInputStream(), "status"), stderr);
    assertTrue(stderr.matches("awsmfa: ~/\\.aws/credentials is 16,777,\\d{3} bytes, over the"
        + " 16 MiB .*\n"), stderr);
    Files.write(credentials, keys);
    assertEquals(0, refresh(), "16 MiB is the limit, not less: " + stderr);
  }

  @Test
  void stdinIsReadForOneShortLineOnly() {
    long[] read = {0};
    InputStream zeros = new InputStream() {
      @Override
      public int read() {
        read[0]++;
        return 0;
      }
    };
    assertEquals(2, run(zeros, "--serial-number", alice.serial(), "-"), stderr);
    assertEquals("awsmfa: the MFA code was to come from stdin ('-'), but its first line is longer"
        + " than 1 KiB: give one line with the 6-digit code\n", stderr);
    assertTrue(read[0] <= 1025, "read " + read[0] + " bytes");
    assertTrue(sts.requests().isEmpty());

    InputStream line = new java.io.ByteArrayInputStream(
        (sts.currentCode(alice) + "\r\nmore that is never read").getBytes(StandardCharsets.UTF_8));
    assertEquals(0, run(line, "--serial-number", alice.serial(), "-"), stderr);
  }

  @Test
  void aCaBundleThatIsNoRegularFileIsRefusedAtOnce() throws Exception {
    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    Path fifo = home.resolve("bundle.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path big = home.resolve("big.pem");
    sparse(big, 20L << 20);
    for (String bundle : List.of(fifo.toString(), "/dev/zero", home.toString())) {
      env.put("AWS_CA_BUNDLE", bundle);
      assertEquals(3, refresh(), stderr);
      assertEquals("awsmfa: cannot use the CA bundle " + bundle + " (not a regular file): point"
          + " AWS_CA_BUNDLE or ca_bundle at a PEM file of certificates\n", stderr);
    }
    env.put("AWS_CA_BUNDLE", big.toString());
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.contains("(20,971,520 bytes, over the 16 MiB (16,777,216 bytes) that"
        + " awsmfa reads)"), stderr);
    env.put("AWS_CA_BUNDLE", "/nul\u0000byte");
    assertEquals(3, refresh(), stderr);
    assertTrue(sts.requests().isEmpty());
  }

  /** As in the AWS CLI, which opens the bundle only to speak TLS. */
  @Test
  void aCaBundleIsCheckedOnlyWhereTlsUsesIt() throws IOException {
    Files.writeString(home.resolve(".aws/config"), "[default]\nca_bundle = "
        + home.resolve("missing.pem") + "\n");
    byte[] before = Files.readAllBytes(credentials);
    assertEquals(0, refresh(), "over http:// the bundle is not used: " + stderr);
    assertEquals(1, sts.requests().size());

    env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    Files.write(credentials, before);
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: cannot use the CA bundle " + home.resolve("missing.pem")
        + " (no such file or directory)"), stderr);
    assertArrayEquals(before, Files.readAllBytes(credentials));
  }

  @Test
  void noHomeIsAFileProblemNotABug() {
    env.remove("HOME");
    assertEquals(3, run(InputStream.nullInputStream(), "status"), stderr);
    assertEquals("awsmfa: HOME is not set: set HOME to your home directory\n", stderr);
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", "/nul\u0000byte");
    assertEquals(3, refresh(), stderr);
    assertTrue(stderr.startsWith("awsmfa: AWS_CONFIG_FILE (/nul\\x00byte) cannot be a path here"),
        stderr);
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  @TempDir Path dir;
  private StandInHome home;

  @BeforeEach
  void start() throws IOException {
    home = StandInHome.create(dir);
    home.javaUserHome = "";
  }

  @AfterEach
  void stop() {
    home.close();
  }

  private static void sparse(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  @Test
  void aSharedFileOver16MibIsRefusedBeforeItIsRead() throws IOException {
    Path config = dir.resolve(".aws/config");
    sparse(config, 3L << 30);
    assertEquals(3, home.refresh(), home.stderr);
    assertEquals("awsmfa: ~/.aws/config is 3,221,225,472 bytes, over the 16 MiB (16,777,216"
        + " bytes) that awsmfa reads, and 10,000 profiles take about 1 MiB: check what filled it,"
        + " then run awsmfa again\n", home.stderr);
    assertTrue(home.sts.requests().isEmpty());
    Files.delete(config);

    byte[] keys = Files.readAllBytes(home.credentials);
    Files.write(home.credentials, new byte[(16 << 20) + 1],
        java.nio.file.StandardOpenOption.APPEND);
    assertEquals(3, home.run(InputStream.nullInputStream(), "status"), home.stderr);
    assertTrue(home.stderr.matches("awsmfa: ~/\\.aws/credentials is 16,777,\\d{3} bytes, over"
        + " the 16 MiB .*\n"), home.stderr);
    Files.write(home.credentials, keys);
    assertEquals(0, home.refresh(), "16 MiB is the limit, not less: " + home.stderr);
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
    assertEquals(2, home.run(zeros, "--serial-number", home.alice.serial(), "-"), home.stderr);
    assertEquals("awsmfa: the MFA code was to come from stdin ('-'), but its first line is longer"
        + " than 1 KiB: give one line with the 6-digit code\n", home.stderr);
    assertTrue(read[0] <= 1025, "read " + read[0] + " bytes");
    assertTrue(home.sts.requests().isEmpty());

    InputStream line = new java.io.ByteArrayInputStream(
        (home.sts.currentCode(home.alice) + "\r\nmore that is never read")
            .getBytes(StandardCharsets.UTF_8));
    assertEquals(0, home.run(line, "--serial-number", home.alice.serial(), "-"), home.stderr);
  }

  @Test
  void aCaBundleThatIsNoRegularFileIsRefusedAtOnce() throws Exception {
    home.env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    Path fifo = dir.resolve("bundle.fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path big = dir.resolve("big.pem");
    sparse(big, 20L << 20);
    for (String bundle : List.of(fifo.toString(), "/dev/zero", dir.toString())) {
      home.env.put("AWS_CA_BUNDLE", bundle);
      assertEquals(3, home.refresh(), home.stderr);
      assertEquals("awsmfa: cannot use the CA bundle " + bundle + " (not a regular file): point"
          + " AWS_CA_BUNDLE or ca_bundle at a PEM file of certificates\n", home.stderr);
    }
    home.env.put("AWS_CA_BUNDLE", big.toString());
    assertEquals(3, home.refresh(), home.stderr);
    assertTrue(home.stderr.contains("(20,971,520 bytes, over the 16 MiB (16,777,216 bytes) that"
        + " awsmfa reads)"), home.stderr);
    home.env.put("AWS_CA_BUNDLE", "/nul\u0000byte");
    assertEquals(3, home.refresh(), home.stderr);
    assertTrue(home.sts.requests().isEmpty());
  }

  /** As in the AWS CLI, which opens the bundle only to speak TLS. */
  @Test
  void aCaBundleIsCheckedOnlyWhereTlsUsesIt() throws IOException {
    Files.writeString(dir.resolve(".aws/config"), "[default]\nca_bundle = "
        + dir.resolve("missing.pem") + "\n");
    byte[] before = Files.readAllBytes(home.credentials);
    assertEquals(0, home.refresh(), "over http:// the bundle is not used: " + home.stderr);
    assertEquals(1, home.sts.requests().size());

    home.env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:1");
    Files.write(home.credentials, before);
    assertEquals(3, home.refresh(), home.stderr);
    assertTrue(home.stderr.startsWith("awsmfa: cannot use the CA bundle "
        + dir.resolve("missing.pem") + " (no such file or directory)"), home.stderr);
    assertArrayEquals(before, Files.readAllBytes(home.credentials));
  }

  @Test
  void noHomeIsAFileProblemNotABug() {
    home.env.remove("HOME");
    assertEquals(3, home.run(InputStream.nullInputStream(), "status"), home.stderr);
    assertEquals("awsmfa: HOME is not set: set HOME to your home directory\n", home.stderr);
    home.env.put("HOME", dir.toString());
    home.env.put("AWS_CONFIG_FILE", "/nul\u0000byte");
    assertEquals(3, home.refresh(), home.stderr);
    assertTrue(home.stderr.startsWith("awsmfa: AWS_CONFIG_FILE (/nul\\x00byte) cannot be a path"
        + " here"), home.stderr);
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.sts.SessionTokenRequest;
import dev.awsmfa.sts.SessionTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole refresh on an in-memory file system with a fixed clock and a recording STS: the
 * wiring of injected parts, and what a full disk does after the code is spent.
 */
class RefreshInMemoryTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final String KEYS = "[default]\naws_access_key_id = AKIAEXAMPLE\n"
      + "aws_secret_access_key = secret\n";

  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  private final List<SessionTokenRequest> calls = new ArrayList<>();
  private String stderr;

  private int run(FileSystem fs, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new Environment(Map.of("HOME", "/home/alice"), "/root",
            dev.awsmfa.files.Caller.of("user", "root")), fs,
        Clock.fixed(NOW, ZoneOffset.ofHours(9)), () -> request -> {
          calls.add(request);
          return new SessionTokens("ASIANEW", "new-secret", "token==",
              NOW.plusSeconds(request.durationSeconds()));
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private static FileSystem unix(long maxSize) {
    return Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix")
        .setBlockSize(512).setMaxSize(maxSize).build());
  }

  @Test
  void refreshesWithInjectedFilesClockAndSts() throws IOException {
    try (FileSystem fs = unix(1 << 20)) {
      Path credentials = fs.getPath("/home/alice/.aws/credentials");
      Files.createDirectories(credentials.getParent());
      Files.writeString(credentials, KEYS);
      Files.setPosixFilePermissions(credentials, PRIVATE);

      assertEquals(0, run(fs, "--serial-number", "GAHT12345678", "--duration-seconds", "7200",
          "--region", "eu-west-1", "654321"));

      assertEquals("mfa: session valid until 2026-11-22 23:00 +09:00 (2h)\n", stderr);
      assertEquals(KEYS + "\n[mfa]\naws_access_key_id = ASIANEW\n"
          + "aws_secret_access_key = new-secret\naws_session_token = token==\n"
          + "aws_credential_expiration = 2026-11-22T14:00:00Z\n", Files.readString(credentials));
      assertEquals("[profile mfa]\nawsmfa_source_profile = default\n"
          + "awsmfa_serial_number = GAHT12345678\n",
          Files.readString(fs.getPath("/home/alice/.aws/config")));
      SessionTokenRequest call = calls.get(0);
      assertEquals("GAHT12345678", call.serialNumber());
      assertEquals("654321", call.tokenCode());
      assertEquals("eu-west-1", call.region());
      assertEquals("AKIAEXAMPLE", call.keys().accessKeyId());
    }
  }

  @Test
  void aFullDiskAfterTheCallLeavesBothFilesAsTheyWere() throws IOException {
    // Room for the two small files and little more: the new credentials file cannot be staged.
    try (FileSystem fs = unix(3 * 512)) {
      Path credentials = fs.getPath("/home/alice/.aws/credentials");
      Path config = fs.getPath("/home/alice/.aws/config");
      Files.createDirectories(credentials.getParent());
      Files.writeString(credentials, KEYS);
      Files.setPosixFilePermissions(credentials, PRIVATE);
      Files.writeString(config, "[default]\nregion = eu-west-1\n");

      assertEquals(3, run(fs, "--serial-number", "GAHT12345678", "654321"));

      assertEquals(1, calls.size());
      assertTrue(stderr.startsWith("awsmfa: could not write ~/.aws/"), stderr);
      assertTrue(stderr.endsWith("so both files are as they were: fix that, then run awsmfa"
          + " again with the next code\n"), stderr);
      assertEquals(KEYS, Files.readString(credentials));
      assertArrayEquals("[default]\nregion = eu-west-1\n".getBytes(StandardCharsets.UTF_8),
          Files.readAllBytes(config));
      try (Stream<Path> files = Files.list(credentials.getParent())) {
        assertEquals(List.of(config, config.resolveSibling("config.lock"), credentials,
            credentials.resolveSibling("credentials.lock")), files.sorted().toList());
      }
    }
  }
}

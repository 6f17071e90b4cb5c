package dev.awsmfa;

import dev.awsmfa.profiles.Environment;
import dev.awsmfa.refresh.Terminal;
import dev.awsmfa.refresh.TokenCodes;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.StsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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

/**
 * A home directory whose private {@code ~/.aws/credentials} holds alice's long-term keys, and the
 * STS and IAM stand-in on loopback that knows her and her MFA device, for tests that run awsmfa's
 * real command path with the real SDK client. {@link #env} starts with HOME and the stand-in's
 * endpoint for STS and IAM; each run leaves what it printed in {@link #stdout} and {@link #stderr}.
 */
final class StandInHome implements AutoCloseable {
  final Path home;
  final Path credentials;
  final Map<String, String> env = new HashMap<>();
  StsStandIn sts;
  StsStandIn.User alice;
  String stdout = "";
  String stderr = "";
  /** Java's {@code user.home}, which awsmfa takes for {@code ~} only without HOME. */
  String javaUserHome = "/nonexistent";

  private StandInHome(Path home, StsStandIn sts) throws IOException {
    this.home = home;
    this.sts = sts;
    this.alice = sts.addUser("alice");
    this.credentials = home.resolve(".aws/credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, keys());
    Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    env.put("HOME", home.toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
  }

  /** Alice's home at {@code home}, with a stand-in over plain HTTP. */
  static StandInHome create(Path home) throws IOException {
    return new StandInHome(home, StsStandIn.start(Clock.systemUTC()));
  }

  /** Alice's {@code [default]} section with her keys. */
  String keys() {
    return "[default]\naws_access_key_id = " + alice.accessKeyId()
        + "\naws_secret_access_key = " + alice.secret() + "\n";
  }

  /** Serves alice from {@code other} instead, as for HTTPS. */
  void switchTo(StsStandIn other) {
    sts.close();
    sts = other;
    alice = sts.addUser(alice);
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_IAM", sts.endpoint().toString());
  }

  /** Runs awsmfa with {@code args}, its code read from {@code stdin} where asked for. */
  int run(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new Environment(env, javaUserHome), FileSystems.getDefault(),
        Clock.systemUTC(), SdkSessionTokenSource::new, new TokenCodes(stdin, Terminal.none()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  /** Runs awsmfa with {@code args} and nothing on stdin. */
  int run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  /** A refresh with alice's device and its current code, then {@code extra}. */
  int refresh(String... extra) {
    List<String> args = new ArrayList<>(List.of("--serial-number", alice.serial(),
        sts.currentCode(alice)));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Override
  public void close() {
    sts.close();
  }
}

package dev.awsmfa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.awsmfa.sts.SdkSessionTokenSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The training runs behind the launcher's start-up caches: they run what a user runs, so that the
 * JVM records the classes those paths need. There are two, as the launcher keeps two caches:
 *
 * <ul>
 *   <li>{@code refresh}: a refresh over HTTPS, TLS handshake included, against a throwaway STS on
 *       loopback, then a refresh that STS refuses;
 *   <li>{@code lean}: a refresh skipped by {@code --min-remaining}, {@code status}, {@code --help},
 *       {@code --version} and a usage error, which load no SDK, TLS or HTTP class, and so should
 *       not pay for mapping them.
 * </ul>
 *
 * <p>Everything happens in a temporary home that is deleted afterwards: no real file, key or
 * network is touched, and no code is spent. The loopback STS uses a self-signed certificate made
 * with the JDK's own {@code keytool} and trusted only through this run's {@code AWS_CA_BUNDLE}.
 * Where keytool is missing, it falls back to plain HTTP, which still trains everything but the
 * handshake.
 */
public final class StartupTraining {
  private static final String PASSWORD = "awsmfa-training";
  private static final String SERIAL = "arn:aws:iam::123456789012:mfa/training";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzEAwaDawsmfatraining".repeat(12);

  private StartupTraining() {}

  /**
   * Trains, then exits; the JVM writes the cache as it exits.
   *
   * @param args {@code refresh} or {@code lean}
   */
  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        Runtime.getRuntime().halt(1); // never linger in the background
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "training-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    Path home = Files.createTempDirectory("awsmfa-training");
    try {
      boolean lean = args.length > 0 && "lean".equals(args[0]);
      train(home, lean);
    } finally {
      delete(home);
    }
  }

  private static void train(Path home, boolean lean) throws IOException, InterruptedException {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    String expiration = Instant.now().plus(12, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
        .toString();
    Files.writeString(aws.resolve("credentials"), "[default]\n"
        + "aws_access_key_id = AKIAAWSMFATRAINING00\n"
        + "aws_secret_access_key = awsmfa/training/secret/key/0123456789ab\n"
        + (lean ? "\n[mfa]\n"
            + "aws_access_key_id = ASIAAWSMFATRAINING00\n"
            + "aws_secret_access_key = awsmfa/training/session/key/0123456789\n"
            + "aws_session_token = " + SESSION_TOKEN + "\n"
            + "aws_credential_expiration = " + expiration + "\n" : ""));
    Files.writeString(aws.resolve("config"), "[default]\nregion = us-east-1\n"
        + "mfa_serial = " + SERIAL + "\n");
    Map<String, String> variables = new HashMap<>(Map.of("HOME", home.toString()));
    if (lean) {
      run(variables, home, new String[][] {
          {"--min-remaining", "1h"},
          {"--min-remaining", "1h", "--output", "env"},
          {"status"},
          {"status", "--all", "--output", "json"},
          {"--help"},
          {"--version"},
          {"12"},
      });
      return;
    }
    HttpServer server = server(home, variables);
    try {
      variables.put("AWS_ENDPOINT_URL_STS", endpoint(server));
      run(variables, home, new String[][] {
          {"123456", "--cli-connect-timeout", "2", "--cli-read-timeout", "5"},
          {"654321", "--force", "--cli-connect-timeout", "2", "--cli-read-timeout", "5"},
      });
    } finally {
      server.stop(0);
    }
  }

  private static void run(Map<String, String> variables, Path home, String[][] runs) {
    Environment env = new Environment(variables, home.toString());
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);
    for (String[] run : runs) {
      Main.run(run, env, FileSystems.getDefault(), Clock.systemDefaultZone(),
          () -> new SdkSessionTokenSource(), sink, sink);
    }
  }

  /** An HTTPS server if keytool can make a certificate, else a plain one. */
  private static HttpServer server(Path home, Map<String, String> variables)
      throws IOException, InterruptedException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server;
    try {
      SSLContext tls = tls(home);
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      variables.put("AWS_CA_BUNDLE", home.resolve("training.pem").toString());
      server = https;
    } catch (IOException | GeneralSecurityException e) {
      server = HttpServer.create(loopback, 0);
    }
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/", exchange -> answer(exchange, calls.incrementAndGet()));
    server.start();
    return server;
  }

  private static String endpoint(HttpServer server) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The first call gets a session, the second the answer to a code that was already used. */
  private static void answer(HttpExchange exchange, int call) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String id = "00000000-0000-0000-0000-00000000000" + call;
      String xml = call == 1
          ? "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
              + "<GetSessionTokenResult><Credentials>"
              + "<AccessKeyId>ASIAAWSMFATRAINING00</AccessKeyId>"
              + "<SecretAccessKey>awsmfa/training/session/key/0123456789</SecretAccessKey>"
              + "<SessionToken>" + SESSION_TOKEN + "</SessionToken>"
              + "<Expiration>" + Instant.now().plus(12, ChronoUnit.HOURS)
                  .truncatedTo(ChronoUnit.SECONDS) + "</Expiration>"
              + "</Credentials></GetSessionTokenResult>"
              + "<ResponseMetadata><RequestId>" + id + "</RequestId></ResponseMetadata>"
              + "</GetSessionTokenResponse>"
          : "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
              + "<Type>Sender</Type><Code>AccessDenied</Code><Message>MultiFactorAuthentication"
              + " failed with invalid MFA one time pass code. </Message></Error>"
              + "<RequestId>" + id + "</RequestId></ErrorResponse>";
      byte[] body = xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.getResponseHeaders().set("x-amzn-RequestId", id);
      exchange.sendResponseHeaders(call == 1 ? 200 : 403, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** A self-signed certificate for 127.0.0.1, made by keytool, and the server's TLS context. */
  private static SSLContext tls(Path home)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path store = home.resolve("training.p12");
    keytool("-genkeypair", "-alias", "training", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "1",
        "-keystore", store.toString());
    keytool("-exportcert", "-rfc", "-alias", "training", "-keystore", store.toString(),
        "-file", home.resolve("training.pem").toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    return tls;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool failed");
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

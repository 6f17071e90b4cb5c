package dev.awsmfa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway STS on loopback for the launcher's training run, the refresh that its start-up
 * cache is made from. The training run is a real {@code awsmfa CODE} in a throwaway home, so that
 * the cache holds just the classes a refresh loads, TLS handshake included; this server runs in
 * a JVM of its own for the same reason.
 *
 * <p>It answers one GetSessionToken with made-up credentials and stops, or stops a minute after
 * it starts listening. Its certificate and the throwaway authority that signed it are made with
 * the JDK's own {@code keytool}; the authority is trusted only through the training run's {@code
 * AWS_CA_BUNDLE}. Where keytool is missing, it serves plain HTTP, which still trains everything
 * but the handshake.
 */
public final class TrainingSts {
  private static final String PASSWORD = "awsmfa-training";

  private TrainingSts() {}

  /**
   * Serves until one call is answered or a minute has passed.
   *
   * @param args a directory: this writes the authority's certificate, {@code training.pem},
   *     there (when it serves HTTPS), then {@code endpoint}, the URL to call, once it listens
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    // 127.0.0.1 itself, which the endpoint names, even where Java prefers IPv6 addresses.
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    HttpServer server;
    try {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls(dir)));
      server = https;
    } catch (IOException | GeneralSecurityException e) {
      server = HttpServer.create(loopback, 0);
    }
    CountDownLatch answered = new CountDownLatch(1);
    server.createContext("/", exchange -> {
      answer(exchange);
      answered.countDown();
    });
    server.start();
    String scheme = server instanceof HttpsServer ? "https" : "http";
    Path endpoint = dir.resolve("endpoint");
    Path partial = dir.resolve("endpoint.partial");
    Files.writeString(partial, scheme + "://127.0.0.1:" + server.getAddress().getPort() + "\n");
    Files.move(partial, endpoint, StandardCopyOption.ATOMIC_MOVE);
    answered.await(1, TimeUnit.MINUTES);
    server.stop(0);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String xml = "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<GetSessionTokenResult><Credentials>"
          + "<AccessKeyId>ASIAAWSMFATRAINING00</AccessKeyId>"
          + "<SecretAccessKey>awsmfa/training/session/key/0123456789</SecretAccessKey>"
          + "<SessionToken>" + "FwoGZXIvYXdzEAwaDawsmfatraining".repeat(12) + "</SessionToken>"
          + "<Expiration>" + Instant.now().plus(12, ChronoUnit.HOURS)
              .truncatedTo(ChronoUnit.SECONDS) + "</Expiration>"
          + "</Credentials></GetSessionTokenResult>"
          + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>"
          + "</ResponseMetadata></GetSessionTokenResponse>";
      byte[] body = xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /**
   * A certificate for 127.0.0.1 signed by a throwaway authority, both made by keytool, and the
   * server's TLS context. A chain, not a self-signed certificate, so that the training run
   * validates a certificate path as a call to AWS does.
   */
  private static SSLContext tls(Path dir)
      throws IOException, InterruptedException, GeneralSecurityException {
    String ca = dir.resolve("training-ca.p12").toString();
    String server = dir.resolve("training.p12").toString();
    String request = dir.resolve("training.csr").toString();
    String certificate = dir.resolve("training-server.pem").toString();
    String authority = dir.resolve("training.pem").toString();
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=awsmfa training CA", "-ext", "bc:c", "-validity", "1", "-keystore", ca);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", authority);
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-validity", "1", "-keystore", server);
    keytool("-certreq", "-alias", "server", "-keystore", server, "-file", request);
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", request,
        "-outfile", certificate, "-ext", "san=ip:127.0.0.1", "-validity", "1");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", authority, "-keystore", server);
    keytool("-importcert", "-alias", "server", "-file", certificate, "-keystore", server);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(server))) {
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
}

package dev.awsmfa.sts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1 that it signed, made
 * with the JDK's keytool, so that tests can run STS over HTTPS that only {@code AWS_CA_BUNDLE}
 * makes trusted. Both keys are RSA 2048, as on AWS's own endpoints, so that the client does the
 * same work in the TLS handshake as against STS.
 *
 * @param caPem the authority's certificate, PEM
 * @param serverKeyStore the server's key and certificate chain, PKCS12
 * @param password the key store's password
 */
public record TestCa(Path caPem, Path serverKeyStore, char[] password) {
  private static final String PASSWORD = "awsmfa-test";
  private static final String SERVER = "server.p12";

  /**
   * An authority that every test of the day shares, called {@code name} ({@code main}, or
   * another for an authority that must differ from it): keytool takes seconds to make one, and
   * the build's stand-ins (see src/build/standin.sh) use the same directories. Certificates last
   * two days, so each UTC day has its own.
   */
  public static TestCa shared(String name) throws IOException, InterruptedException {
    long day = LocalDate.now(ZoneOffset.UTC).toEpochDay();
    return in(Path.of("target", "test-ca", day + "-" + name).toAbsolutePath());
  }

  /**
   * The authority in {@code dir}, made there first if it is not there yet. It is made whole in
   * a sibling directory and renamed into place, so that another process never sees half of one;
   * tests in this one wait for the first.
   */
  public static synchronized TestCa in(Path dir) throws IOException, InterruptedException {
    if (!Files.isRegularFile(dir.resolve(SERVER))) {
      Files.createDirectories(dir.getParent());
      Path temp = Files.createTempDirectory(dir.getParent(), ".making-");
      create(temp);
      try {
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isRegularFile(dir.resolve(SERVER))) {
          throw e;
        }
        try (Stream<Path> files = Files.list(temp)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
        Files.delete(temp); // another run made it first
      }
    }
    return new TestCa(dir.resolve("ca.pem"), dir.resolve(SERVER), PASSWORD.toCharArray());
  }

  /** Makes the authority and the server certificate in {@code dir}. */
  public static TestCa create(Path dir) throws IOException, InterruptedException {
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    Path server = dir.resolve(SERVER);
    Path csr = dir.resolve("server.csr");
    Path serverPem = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=awsmfa test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caPem);
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-validity", "2", "-keystore", server);
    keytool("-certreq", "-alias", "server", "-keystore", server, "-file", csr);
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", csr, "-outfile",
        serverPem, "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem, "-keystore", server);
    keytool("-importcert", "-alias", "server", "-file", serverPem, "-keystore", server);
    return new TestCa(caPem, server, PASSWORD.toCharArray());
  }

  private static void keytool(Object... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + command + "\n" + output);
    }
  }
}

package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.BoundedFiles;
import dev.awsmfa.files.Reasons;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust for {@code AWS_CA_BUNDLE} or a profile's {@code ca_bundle}: the certificate authorities of
 * a PEM file, trusted instead of the JDK's own, as the AWS CLI does (botocore hands the file to
 * urllib3 as its only authorities). Behind a TLS-inspecting proxy that file names the proxy's
 * authority; a bundle meant to reach AWS directly as well must hold AWS's authorities too.
 *
 * <p>The JDK's own authorities are not even read when a bundle is used: parsing its 140-odd
 * certificates is a noticeable part of a cold start.
 */
public final class CaBundle {
  private CaBundle() {}

  /**
   * Reads the bundle as {@link #trustManagers} will, so that a bad one is found before the code
   * is spent.
   */
  public static void check(Path bundle) throws IOException, GeneralSecurityException {
    certificates(bundle);
  }

  /** The failure to report for a bundle that {@link #check} or {@link #trustManagers} refused. */
  public static AwsmfaException unusable(Object bundle, Exception cause) {
    String why = cause instanceof IOException io ? Reasons.of(io) : cause.getMessage();
    return new AwsmfaException(ExitCode.FILE, "cannot use the CA bundle " + bundle + " ("
        + why + "): point AWS_CA_BUNDLE or ca_bundle at a PEM file of certificates", cause);
  }

  /** Trust managers that accept what the bundle's authorities vouch for, and nothing else. */
  static TrustManager[] trustManagers(Path bundle) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate certificate : certificates(bundle)) {
      store.setCertificateEntry("ca-bundle-" + i++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static Collection<? extends Certificate> certificates(Path bundle)
      throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(BoundedFiles.read(bundle)));
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate in " + bundle);
    }
    return certificates;
  }
}

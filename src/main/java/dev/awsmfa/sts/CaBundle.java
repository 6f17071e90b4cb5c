package dev.awsmfa.sts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for {@code AWS_CA_BUNDLE} or a profile's {@code ca_bundle}: the JDK's default
 * authorities plus those of a PEM file, as the AWS CLI does behind a TLS-inspecting proxy. The
 * Java SDK has no such setting, so this builds the trust managers it is given.
 */
public final class CaBundle {
  private CaBundle() {}

  /**
   * Reads the bundle as {@link #trustManagers} will, so that a bad one is found before the code
   * is spent.
   */
  public static void check(Path bundle) throws IOException, GeneralSecurityException {
    trustManagers(bundle);
  }

  /** Trust managers that accept what the default ones accept, or what the bundle vouches for. */
  static TrustManager[] trustManagers(Path bundle) throws IOException, GeneralSecurityException {
    X509TrustManager system = x509(null);
    KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
    extra.load(null, null);
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(bundle)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate in " + bundle);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      extra.setCertificateEntry("ca-bundle-" + i++, certificate);
    }
    X509TrustManager bundled = x509(extra);
    return new TrustManager[] {new EitherTrustManager(system, bundled)};
  }

  private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Trusts a server that either manager trusts; the first one's refusal is reported. */
  private record EitherTrustManager(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      first.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        try {
          second.checkServerTrusted(chain, authType);
        } catch (CertificateException alsoNot) {
          e.addSuppressed(alsoNot);
          throw e;
        }
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> issuers = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      issuers.addAll(List.of(second.getAcceptedIssuers()));
      return issuers.toArray(new X509Certificate[0]);
    }
  }
}

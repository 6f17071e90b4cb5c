package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaBundleTest {
  @TempDir Path dir;

  @Test
  void trustsTheBundlesAuthoritiesAndNoOthers() throws Exception {
    TestCa ca = TestCa.shared("main");
    TrustManager[] managers = CaBundle.trustManagers(ca.caPem());
    assertEquals(1, managers.length);
    X509Certificate[] issuers = ((X509TrustManager) managers[0]).getAcceptedIssuers();
    assertEquals(1, issuers.length, "only the bundle's authority, none of the JDK's");
    assertEquals("CN=awsmfa test CA", issuers[0].getSubjectX500Principal().getName());
  }

  @Test
  void aBundleWithoutCertificatesIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    CertificateException e = assertThrows(CertificateException.class, () -> CaBundle.check(empty));
    assertEquals("no certificate in " + empty, e.getMessage());
  }
}

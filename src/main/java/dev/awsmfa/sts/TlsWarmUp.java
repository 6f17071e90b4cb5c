package dev.awsmfa.sts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Gets the JDK's TLS layer ready, and looks up STS's address, on the other core while the main
 * thread reads and checks the files. It sends nothing to STS and touches no file.
 *
 * <p>In a cold JVM the TLS handshake is mostly start-up work: loading the TLS layer and the
 * trusted authorities, and the first key exchange on each curve the client offers (X25519 and
 * secp256r1), whose arithmetic runs interpreted until it is compiled and, for secp256r1, first
 * builds a table of precomputed points. A throwaway key agreement on each does that ahead of the
 * call. What it buys is measured in {@code docs/performance.md}.
 */
public final class TlsWarmUp {
  private TlsWarmUp() {}

  /**
   * Starts the key exchange's warm-up, the longest part, which needs nothing from the files.
   */
  public static void startKeyExchange() {
    daemon(TlsWarmUp::keyShares);
  }

  /**
   * Starts loading the TLS layer and, unless a CA bundle replaces them, the JDK's authorities.
   *
   * @param defaultTrust whether the call will use the JDK's own authorities, not a CA bundle's
   */
  public static void startContext(boolean defaultTrust) {
    daemon(() -> context(defaultTrust));
  }

  /**
   * Looks up the address of the host the call will connect to, the proxy or STS, so that the
   * call finds it in the JDK's address cache: a name server's round trip, not spent on the main
   * thread. Without an endpoint it looks up the regional one the SDK will choose; a wrong guess
   * (an unusual partition) only costs the lookup.
   */
  public static void lookUp(Optional<URI> endpoint, String region, NetworkSettings network) {
    String host = hostToLookUp(endpoint, region, network);
    if (host != null) {
      daemon(() -> {
        try {
          InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
          // The call reports it, if it is real.
        }
      });
    }
  }

  /** The proxy's host if the call goes through one, else the endpoint's. */
  static String hostToLookUp(Optional<URI> endpoint, String region, NetworkSettings network) {
    URI target = likelyEndpoint(endpoint, region, network.fips());
    Proxy proxy = network.proxyFor(target);
    return proxy.address() instanceof InetSocketAddress address ? address.getHostString()
        : target.getHost();
  }

  /**
   * The endpoint the SDK will call: the one given, else the region's (regional, FIPS where asked,
   * China's domain for its regions). A wrong guess, in a rarer partition, costs only the lookup.
   */
  private static URI likelyEndpoint(Optional<URI> endpoint, String region, boolean fips) {
    return endpoint.orElseGet(() -> URI.create("https://sts" + (fips ? "-fips." : ".") + region
        + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com")));
  }

  private static void daemon(Runnable work) {
    if ("off".equals(System.getProperty("awsmfa.warmUp"))) {
      return; // for measuring what the warm-up buys (docs/performance.md)
    }
    Thread thread = new Thread(work, "tls-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void context(boolean defaultTrust) {
    try {
      if (defaultTrust) {
        SSLContext.getDefault().createSSLEngine();
      } else {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[0], null);
        context.createSSLEngine();
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // Only a warm-up: the call itself reports any real problem.
    }
  }

  private static void keyShares() {
    try {
      agree("XDH", new NamedParameterSpec("X25519"));
      agree("EC", new ECGenParameterSpec("secp256r1"));
    } catch (GeneralSecurityException | RuntimeException e) {
      // As above.
    }
  }

  private static void agree(String algorithm, AlgorithmParameterSpec curve)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(curve);
    KeyPair pair = generator.generateKeyPair();
    KeyAgreement agreement = KeyAgreement.getInstance("EC".equals(algorithm) ? "ECDH" : algorithm);
    agreement.init(pair.getPrivate());
    agreement.doPhase(pair.getPublic(), true);
    agreement.generateSecret();
  }
}

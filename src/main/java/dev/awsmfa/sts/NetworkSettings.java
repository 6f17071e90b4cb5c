package dev.awsmfa.sts;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach STS from a network at work: timeouts, a proxy, extra certificate authorities,
 * FIPS endpoints. TLS verification itself is never switched off.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 * @param proxy the proxy to send requests through, if any
 * @param nonProxyHosts hosts reached directly, in the SDK's form ({@code *.example.com})
 * @param caBundle a PEM file of certificate authorities to trust instead of the default ones
 * @param fips use the FIPS endpoint of the region
 * @param callTimeout how long the whole call may take, every retry included; zero for no limit
 */
public record NetworkSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Optional<URI> proxy,
    Set<String> nonProxyHosts,
    Optional<Path> caBundle,
    boolean fips,
    Duration callTimeout) {

  /** How long a call to STS may take by default, retries included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** Short timeouts, so that a dead network fails in seconds; no proxy; default trust. */
  public static final NetworkSettings DEFAULT = new NetworkSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(10), Optional.empty(), Set.of(), Optional.empty(), false);

  public NetworkSettings {
    nonProxyHosts = Set.copyOf(nonProxyHosts);
  }

  /** Settings whose call may take as long as {@link #callTimeout(Duration, Duration)} allows. */
  public NetworkSettings(Duration connectTimeout, Duration readTimeout, Optional<URI> proxy,
      Set<String> nonProxyHosts, Optional<Path> caBundle, boolean fips) {
    this(connectTimeout, readTimeout, proxy, nonProxyHosts, caBundle, fips,
        callTimeout(connectTimeout, readTimeout));
  }

  /**
   * The limit for a whole call: {@link #DEFAULT_CALL_TIMEOUT}, or one attempt's connect and read
   * timeouts together where they are longer, so that a timeout given on the command line is
   * never cut short; none where either waits for ever (0), as the AWS CLI's flags mean.
   */
  public static Duration callTimeout(Duration connectTimeout, Duration readTimeout) {
    if (connectTimeout.isZero() || readTimeout.isZero()) {
      return Duration.ZERO;
    }
    Duration attempt = connectTimeout.plus(readTimeout);
    return attempt.compareTo(DEFAULT_CALL_TIMEOUT) > 0 ? attempt : DEFAULT_CALL_TIMEOUT;
  }

  /** The proxy for {@code uri}, unless NO_PROXY names its host; else a direct connection. */
  public Proxy proxyFor(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return proxy.filter(p -> nonProxyHosts.stream().noneMatch(host::matches))
        .map(p -> new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(),
            p.getPort() >= 0 ? p.getPort() : 80)))
        .orElse(Proxy.NO_PROXY);
  }
}

package dev.awsmfa.refresh;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.FileTrust;
import dev.awsmfa.sts.CaBundle;
import dev.awsmfa.sts.NetworkSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The network settings of one refresh, taken as the AWS CLI takes them: the proxy from {@code
 * HTTPS_PROXY} or {@code HTTP_PROXY} (by the endpoint's scheme) less {@code NO_PROXY}, the CA
 * bundle from {@code AWS_CA_BUNDLE} or the profile's {@code ca_bundle}, FIPS from {@code
 * AWS_USE_FIPS_ENDPOINT} or {@code use_fips_endpoint}, timeouts from the flags.
 */
public final class Network {
  private final Environment env;
  private final FileSystem fs;
  private final AwsPaths paths;

  /** The settings that {@code env} and the profiles give, for files found through {@code paths}. */
  public Network(Environment env, FileSystem fs, AwsPaths paths) {
    this.env = env;
    this.fs = fs;
    this.paths = paths;
  }

  /**
   * Resolves and checks everything before the code is spent.
   *
   * @throws AwsmfaException if a proxy URL, CA bundle or setting is unusable
   */
  NetworkSettings settings(RefreshOptions options, AwsProfiles profiles, String profile,
      Optional<URI> endpoint) {
    return settings(options.connectTimeout(), options.readTimeout(), profiles, profile, endpoint);
  }

  /**
   * The same with the default timeouts.
   *
   * @throws AwsmfaException if a proxy URL, CA bundle or setting is unusable
   */
  public NetworkSettings settings(AwsProfiles profiles, String profile, Optional<URI> endpoint) {
    return settings(Optional.empty(), Optional.empty(), profiles, profile, endpoint);
  }

  private NetworkSettings settings(Optional<Duration> connectTimeout,
      Optional<Duration> readTimeout, AwsProfiles profiles, String profile,
      Optional<URI> endpoint) {
    boolean https = endpoint.map(URI::getScheme).map("https"::equals).orElse(true);
    Optional<URI> proxy = (https ? variable("HTTPS_PROXY") : variable("HTTP_PROXY"))
        .map(Network::proxy);
    // Only TLS uses the bundle: over plain HTTP the AWS CLI never opens it, and neither does this.
    Optional<Path> caBundle = https ? caBundleSetting(profiles, profile).map(this::caBundle)
        : Optional.empty();
    // A configured endpoint is the endpoint: FIPS chooses among the regional ones only.
    boolean fips = endpoint.isEmpty() && env.get("AWS_USE_FIPS_ENDPOINT")
        .or(() -> profiles.setting(profile, "use_fips_endpoint"))
        .map("true"::equalsIgnoreCase).orElse(false);
    return new NetworkSettings(
        connectTimeout.orElse(NetworkSettings.DEFAULT.connectTimeout()),
        readTimeout.orElse(NetworkSettings.DEFAULT.readTimeout()),
        proxy, variable("NO_PROXY").map(Network::nonProxyHosts).orElse(Set.of()), caBundle, fips);
  }

  /** The CA bundle's file name as set, unchecked: {@code AWS_CA_BUNDLE}, else {@code ca_bundle}. */
  private Optional<String> caBundleSetting(AwsProfiles profiles, String profile) {
    return env.get("AWS_CA_BUNDLE").or(() -> profiles.setting(profile, "ca_bundle"));
  }

  /** The lower-case variable, which Python and so the AWS CLI prefer, else the upper-case one. */
  private Optional<String> variable(String name) {
    return env.get(name.toLowerCase(Locale.ROOT)).or(() -> env.get(name));
  }

  private static URI proxy(String value) {
    String url = value.contains("://") ? value : "http://" + value;
    // A password in the URL must not reach the message.
    String shown = value.replaceAll("//[^/@]*@", "//***@");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !"http".equals(uri.getScheme())
        || uri.getPort() > 65_535) {
      throw new AwsmfaException(ExitCode.USAGE, "the proxy '" + shown + "' (HTTPS_PROXY or"
          + " HTTP_PROXY) is not a URL such as http://proxy.example.com:8080");
    }
    if (uri.getUserInfo() != null) {
      // The JDK's client would send the login inside the TLS tunnel, to AWS, not to the proxy.
      throw new AwsmfaException(ExitCode.USAGE, "the proxy '" + shown + "' needs a login,"
          + " which awsmfa cannot give a proxy safely: use a proxy that needs none, such as a"
          + " local one that adds the login");
    }
    return uri;
  }

  /**
   * {@code NO_PROXY}'s comma-separated hosts as the SDK matches them, by regular expression: each
   * host and its subdomains, as curl and the AWS CLI read {@code example.com} and {@code
   * .example.com}; {@code *} alone is every host. A port is dropped.
   */
  static Set<String> nonProxyHosts(String value) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String entry : value.split(",")) {
      String host = entry.strip().toLowerCase(Locale.ROOT);
      if (host.equals("*")) {
        hosts.add(".*");
        continue;
      }
      host = host.replaceFirst("^\\*?\\.", "").replaceFirst(":[0-9]+$", "");
      if (!host.isEmpty()) {
        hosts.add("(.*\\.)?" + java.util.regex.Pattern.quote(host));
      }
    }
    return hosts;
  }

  /** The bundle, checked: whoever can change it can read the session on its way back. */
  private Path caBundle(String value) {
    Path path;
    try {
      path = fs.getPath(value);
    } catch (InvalidPathException e) {
      throw CaBundle.unusable(value, e);
    }
    try {
      CaBundle.check(path);
    } catch (IOException | GeneralSecurityException e) {
      throw CaBundle.unusable(value, e);
    }
    new FileTrust(fs, env).requireReadOnly(path, "the CA bundle " + value, paths);
    return path;
  }
}

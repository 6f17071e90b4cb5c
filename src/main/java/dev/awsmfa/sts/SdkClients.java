package dev.awsmfa.sts;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the AWS SDK's clients with every setting explicit, the same way for STS and IAM.
 *
 * <p>The SDK would otherwise read {@code ~/.aws/config} and {@code ~/.aws/credentials} on its own,
 * with its own parser, which rejects files that the AWS CLI accepts (a byte order mark, a {@code
 * key: value} line). awsmfa has already read those files its own way, so each client is handed an
 * empty profile file instead. That is not enough by itself: while building any client, SDK 2.56
 * also loads its default profile files (in {@code SdkDefaultClientBuilder.mergeGlobalDefaults}),
 * whatever profile file the client is given. The only switch for that is the pair of system
 * properties that name those files, so they are pointed at the null device, which the SDK skips
 * because it is not a regular file.
 *
 * <p>The HTTP client is the SDK's {@link UrlConnectionHttpClient} with the proxy, NO_PROXY,
 * timeouts and trust that awsmfa resolved, and sockets whose first handshake makes one key share
 * rather than two ({@link OneKeyShareSockets}, {@link KeyShareFallback}).
 */
public final class SdkClients {
  private SdkClients() {}

  /** The HTTP client for {@code network}: close it after the service client that uses it. */
  public static SdkHttpClient http(NetworkSettings network) {
    OneKeyShareSockets sockets = new OneKeyShareSockets(tls(network), !network.fips());
    int connect = millis(network.connectTimeout());
    int read = millis(network.readTimeout());
    return new KeyShareFallback(UrlConnectionHttpClient.create(uri -> {
      HttpURLConnection connection;
      try {
        connection = (HttpURLConnection) uri.toURL().openConnection(network.proxyFor(uri));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (connection instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(sockets);
      }
      connection.setConnectTimeout(connect);
      connection.setReadTimeout(read);
      return connection;
    }), sockets);
  }

  /**
   * A service client signed with {@code credentials} in {@code region}, over {@code http}, at
   * {@code endpoint} if one is given; or the user's fault if the SDK refuses a setting that it
   * reads from the environment on its own and that {@link SdkEnvironment} does not know: the SDK
   * names such a variable in its message. Nothing has been sent yet.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      Supplier<B> builder, Region region, AwsCredentials credentials, SdkHttpClient http,
      NetworkSettings network, Optional<URI> endpoint) {
    String nullDevice = File.separatorChar == '\\' ? "NUL" : "/dev/null";
    System.setProperty("aws.configFile", nullDevice);
    System.setProperty("aws.sharedCredentialsFile", nullDevice);
    ProfileFile empty = ProfileFile.builder()
        .content(new ByteArrayInputStream(new byte[0]))
        .type(ProfileFile.Type.CONFIGURATION)
        .build();
    try {
      B b = builder.get()
          .region(region)
          .credentialsProvider(StaticCredentialsProvider.create(credentials))
          .httpClient(http)
          // A configured endpoint is the endpoint: FIPS chooses among the SDK's own only.
          .fipsEnabled(network.fips() && endpoint.isEmpty())
          .overrideConfiguration(o -> {
            o.defaultProfileFile(empty)
                .defaultProfileFileSupplier(() -> empty)
                .defaultProfileName("default");
            Duration limit = network.callTimeout();
            if (!limit.isZero()) {
              o.apiCallTimeout(limit);
            }
          });
      endpoint.ifPresent(b::endpointOverride);
      return b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("Environment variable")) {
        throw e;
      }
      throw new AwsmfaException(ExitCode.USAGE, "the AWS SDK cannot use a setting from the"
          + " environment (" + e.getMessage() + "): fix or unset that variable; nothing was"
          + " sent, so a code given can be used again", e);
    }
  }

  /** TLS with the CA bundle's authorities, or else the JDK's. */
  private static SSLSocketFactory tls(NetworkSettings network) {
    TrustManager[] trust = null;
    if (network.caBundle().isPresent()) {
      Path bundle = network.caBundle().get();
      try {
        trust = CaBundle.trustManagers(bundle);
      } catch (IOException | GeneralSecurityException e) {
        throw CaBundle.unusable(bundle, e);
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java has no TLS", e);
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}

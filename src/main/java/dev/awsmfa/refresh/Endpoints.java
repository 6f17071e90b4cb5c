package dev.awsmfa.refresh;

import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The region and endpoints of a profile's calls, as the AWS CLI finds them. A service's endpoint
 * is {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}, then the {@code
 * [services]} block that the profile names, then the profile's own {@code endpoint_url}; none of
 * the configured ones when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} or {@code
 * ignore_configured_endpoint_urls} is true.
 */
public final class Endpoints {
  private final Environment env;
  private final AwsProfiles profiles;
  private final String profile;

  /** The endpoints configured for {@code profile}. */
  public Endpoints(Environment env, AwsProfiles profiles, String profile) {
    this.env = env;
    this.profiles = profiles;
    this.profile = profile;
  }

  /**
   * The endpoint of {@code service} ({@code sts}, {@code iam}), or empty for the SDK's own.
   *
   * @throws dev.awsmfa.failure.AwsmfaException if a configured endpoint is not a URL
   */
  public Optional<URI> of(String service) {
    boolean ignoreConfigured = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .or(() -> profiles.setting(profile, "ignore_configured_endpoint_urls"))
        .map("true"::equalsIgnoreCase).orElse(false);
    return ignoreConfigured ? Optional.empty()
        : fromEnvironment(service).or(() -> fromProfile(service));
  }

  /**
   * The region of the STS calls, in the AWS CLI's order: {@code flag}, {@code AWS_REGION}, {@code
   * AWS_DEFAULT_REGION}, the profile's, then us-east-1.
   */
  public String region(Optional<String> flag, Optional<String> profileRegion) {
    return flag
        .or(() -> env.get("AWS_REGION").map(r -> RequestChecks.region("AWS_REGION", r)))
        .or(() -> env.get("AWS_DEFAULT_REGION")
            .map(r -> RequestChecks.region("AWS_DEFAULT_REGION", r)))
        .or(() -> profileRegion.map(r -> RequestChecks.region("the region of profile '" + profile
            + "'", r, ExitCode.FILE)))
        .orElse("us-east-1");
  }

  private Optional<URI> fromEnvironment(String service) {
    for (String name : new String[] {"AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT),
        "AWS_ENDPOINT_URL"}) {
      Optional<String> url = env.get(name);
      if (url.isPresent()) {
        return Optional.of(RequestChecks.endpoint(name, url.get()));
      }
    }
    return Optional.empty();
  }

  /** As botocore reads it: the service's block of {@code [services NAME]}, else endpoint_url. */
  private Optional<URI> fromProfile(String service) {
    return profiles.setting(profile, "services")
        .flatMap(services -> profiles.servicesEndpoint(services, service))
        .or(() -> profiles.setting(profile, "endpoint_url"))
        .map(url -> RequestChecks.endpoint("the endpoint_url of profile '" + profile + "'",
            url));
  }
}

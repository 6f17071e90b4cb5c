package dev.awsmfa.iam;

import dev.awsmfa.sts.NetworkSettings;
import java.net.URI;
import java.util.Optional;

/**
 * Where the calls go, and how.
 *
 * @param region the region of the STS calls; IAM is global, in that region's partition
 * @param stsEndpoint an STS endpoint that replaces the regional one
 * @param iamEndpoint an IAM endpoint that replaces the global one
 * @param network timeouts, proxy, trust and FIPS
 */
public record AwsPlace(String region, Optional<URI> stsEndpoint, Optional<URI> iamEndpoint,
    NetworkSettings network) {}

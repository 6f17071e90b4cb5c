package dev.awsmfa.sts;

import java.net.URI;
import java.util.Optional;

/**
 * Everything one GetSessionToken or AssumeRole call needs, all of it checked before the call.
 *
 * @param keys the long-term keys to sign with
 * @param keysOrigin where the keys came from, for messages: "profile 'default' in
 *     ~/.aws/credentials"
 * @param region the signing region
 * @param endpoint an endpoint that replaces the SDK's regional one
 * @param serialNumber the MFA device ARN or hardware serial
 * @param tokenCode the six-digit one-time code
 * @param durationSeconds how long the session lasts
 * @param network timeouts, proxy, trust and FIPS
 * @param role a role to assume with the code instead of GetSessionToken
 */
public record SessionTokenRequest(
    LongTermKeys keys,
    String keysOrigin,
    String region,
    Optional<URI> endpoint,
    String serialNumber,
    String tokenCode,
    int durationSeconds,
    NetworkSettings network,
    Optional<RoleRequest> role) {

  /** The STS action this request makes. */
  public String action() {
    return role.isPresent() ? "AssumeRole" : "GetSessionToken";
  }
}

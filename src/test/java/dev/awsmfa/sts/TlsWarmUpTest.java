package dev.awsmfa.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host looked up ahead of the call: the one the call will connect to first. */
class TlsWarmUpTest {
  private static NetworkSettings network(Optional<URI> proxy, Set<String> direct, boolean fips) {
    NetworkSettings d = NetworkSettings.DEFAULT;
    return new NetworkSettings(d.connectTimeout(), d.readTimeout(), proxy, direct,
        Optional.empty(), fips);
  }

  @Test
  void looksUpTheRegionalEndpointOfEachPartition() {
    NetworkSettings direct = network(Optional.empty(), Set.of(), false);
    assertEquals("sts.eu-west-1.amazonaws.com",
        TlsWarmUp.hostToLookUp(Optional.empty(), "eu-west-1", direct));
    assertEquals("sts.cn-north-1.amazonaws.com.cn",
        TlsWarmUp.hostToLookUp(Optional.empty(), "cn-north-1", direct));
    assertEquals("sts-fips.us-east-1.amazonaws.com", TlsWarmUp.hostToLookUp(Optional.empty(),
        "us-east-1", network(Optional.empty(), Set.of(), true)));
    assertEquals("sts.example.internal", TlsWarmUp.hostToLookUp(
        Optional.of(URI.create("https://sts.example.internal:8443")), "us-east-1", direct));
  }

  @Test
  void looksUpTheProxyUnlessNoProxyNamesTheHost() {
    Optional<URI> proxy = Optional.of(URI.create("http://proxy.corp.example:3128"));
    assertEquals("proxy.corp.example", TlsWarmUp.hostToLookUp(Optional.empty(), "us-east-1",
        network(proxy, Set.of(), false)));
    assertEquals("sts.us-east-1.amazonaws.com", TlsWarmUp.hostToLookUp(Optional.empty(),
        "us-east-1", network(proxy, Set.of("(.*\\.)?amazonaws\\.com"), false)));
  }
}

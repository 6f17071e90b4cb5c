package dev.awsmfa.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.sts.NetworkSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which proxy, timeouts and FIPS setting a refresh uses, from flags, environment and profile. */
class NetworkTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  private static AwsProfiles profiles(String config) throws IOException {
    byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
    return new AwsProfiles(
        new SharedFile("credentials", AtomicFile.at(Path.of("/x/credentials")), Optional.empty(),
            IniDocument.parse("")),
        new SharedFile("config", AtomicFile.at(Path.of("/x/config")), Optional.of(bytes),
            IniDocument.parse(bytes)));
  }

  private NetworkSettings settings(Map<String, String> env, String config, String endpoint)
      throws IOException {
    return settings(env, config, endpoint, new RefreshOptions.Builder());
  }

  private NetworkSettings settings(Map<String, String> env, String config, String endpoint,
      RefreshOptions.Builder options) throws IOException {
    Environment environment = new Environment(env, "/root",
        dev.awsmfa.files.Caller.of("user", "root"));
    return new Network(environment, fs, environment.awsPaths(fs)).settings(
        options.codeArgument("123456").build(), profiles(config), "default",
        Optional.ofNullable(endpoint).map(URI::create));
  }

  @Test
  void picksTheProxyByTheEndpointsScheme() throws IOException {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://upper.corp:3128",
        "https_proxy", "http://lower.corp:3128", "http_proxy", "plain.corp:8080",
        "NO_PROXY", "localhost");
    assertEquals(Optional.of(URI.create("http://lower.corp:3128")),
        settings(env, "", null).proxy(), "https for the regional endpoint; lower case first");
    assertEquals(Optional.of(URI.create("http://plain.corp:8080")),
        settings(env, "", "http://127.0.0.1:9000").proxy());
    assertEquals(1, settings(env, "", null).nonProxyHosts().size());
    assertThrows(AwsmfaException.class,
        () -> settings(Map.of("HTTPS_PROXY", "http://"), "", null));
    assertThrows(AwsmfaException.class,
        () -> settings(Map.of("HTTPS_PROXY", "https://tls-proxy.corp"), "", null));
  }

  @Test
  void fipsComesFromTheEnvironmentOrTheProfile() throws IOException {
    assertFalse(settings(Map.of(), "", null).fips());
    assertTrue(settings(Map.of("AWS_USE_FIPS_ENDPOINT", "true"), "", null).fips());
    assertTrue(settings(Map.of(), "[default]\nuse_fips_endpoint = true\n", null).fips());
    assertFalse(settings(Map.of("AWS_USE_FIPS_ENDPOINT", "false"),
        "[default]\nuse_fips_endpoint = true\n", null).fips(), "the environment wins");
    assertFalse(settings(Map.of("AWS_USE_FIPS_ENDPOINT", "true"), "", "https://sts.local").fips(),
        "a configured endpoint is the endpoint");
  }

  @Test
  void timeoutsComeFromTheFlagsElseStayShort() throws IOException {
    NetworkSettings defaults = settings(Map.of(), "", null);
    assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
    assertEquals(Duration.ofSeconds(10), defaults.readTimeout());
    NetworkSettings flagged = settings(Map.of(), "", null,
        new RefreshOptions.Builder().connectTimeout("2").readTimeout("30"));
    assertEquals(Duration.ofSeconds(2), flagged.connectTimeout());
    assertEquals(Duration.ofSeconds(30), flagged.readTimeout());
  }

  @Test
  void readsNoProxyAsCurlDoes() {
    Set<String> patterns = Network.nonProxyHosts(
        " localhost,.corp.example,,10.0.0.1,*.dev.example,sts.example:443 ");
    Predicate<String> direct =
        host -> patterns.stream().anyMatch(host::matches);
    assertTrue(direct.test("localhost"));
    assertTrue(direct.test("corp.example") && direct.test("sts.corp.example"));
    assertTrue(direct.test("10.0.0.1") && !direct.test("10.0.0.10"));
    assertTrue(direct.test("a.dev.example") && direct.test("sts.example"));
    assertFalse(direct.test("sts.us-east-1.amazonaws.com"));
    assertFalse(direct.test("xcorp.example"), "a dot is no wildcard");
    assertTrue(Network.nonProxyHosts("*").stream().allMatch("anything.at.all"::matches));
  }

}

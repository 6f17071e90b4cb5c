package dev.awsmfa.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A local AWS STS, and the part of IAM that awsmfa calls, speaking their real wire protocol on
 * loopback: form-encoded POSTs, SigV4 signatures checked against each caller's secret (and
 * session token), MFA codes checked as TOTP (RFC 6238) and accepted once, and the services' own
 * XML answers and error codes. Requests go to IAM or STS by the service their signature is
 * scoped to, so one endpoint serves both, as moto does. It depends on nothing but the JDK, so
 * the demo can run it from the test classes alone.
 */
public final class StsStandIn implements AutoCloseable {
  /** The example keys of the AWS documentation, used by the demo. */
  public static final String DEMO_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  public static final String DEMO_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  public static final String DEMO_SERIAL = "arn:aws:iam::123456789012:mfa/alice";
  public static final byte[] DEMO_TOTP_SECRET =
      "awsmfa-demo-totp-secret".getBytes(StandardCharsets.US_ASCII);

  static {
    // The JDK's server sends the headers and the body in two writes; with Nagle's algorithm on,
    // the second waits for the client's delayed acknowledgement, about 40 ms on Linux, on every
    // call. STS answers without that stall, and so must a stand-in that start-up is timed against.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
          + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");
  /** The MaxSessionDuration of every role: IAM's default, one hour. */
  public static final int ROLE_MAX_SESSION = 3600;

  /** An IAM user with one MFA device. */
  public record User(String accessKeyId, String secret, String arn, String serial,
      byte[] totpSecret) {
    /** The user's name: the last part of its ARN. */
    public String name() {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
  }

  /** One request as the stand-in saw it. */
  public record Request(String action, Map<String, String> form, int status, String errorCode) {}

  /** An access key as IAM holds it. */
  static final class Key {
    final String id;
    final String secret;
    final String userName;
    final Instant created;
    volatile boolean active = true;
    volatile Instant lastUsed;
    /** How many more calls refuse the key, as IAM does for a few seconds after creating it. */
    final AtomicInteger notYetValid = new AtomicInteger();

    Key(String id, String secret, String userName, Instant created) {
      this.id = id;
      this.secret = secret;
      this.userName = userName;
      this.created = created;
    }
  }

  /**
   * A session from GetSessionToken (a user's, {@code userName} set) or AssumeRole (a role's,
   * {@code userName} empty), whether a code was spent on it, and whom it speaks for.
   */
  record Session(String userName, String secret, String token, boolean mfa, String arn) {}

  /** Who signed a request: a user's key, or one of its sessions. */
  record Caller(User user, Key key, Session session) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, List<String>> devices = new ConcurrentHashMap<>();
  private final Map<String, Answer> refusals = new ConcurrentHashMap<>();
  private final IamActions iam = new IamActions(this);
  private volatile int newKeysNotValidFor;
  private final Map<String, Runnable> answerHooks = new ConcurrentHashMap<>();
  private final Set<String> usedCodes = new HashSet<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger throttle = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<String> denial =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile Runnable beforeAnswer = () -> {};
  private volatile boolean reuseAllowed;
  private volatile boolean anyCode;

  private StsStandIn(HttpServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
    this.executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts a stand-in that speaks HTTPS with the server certificate of {@code ca}. */
  public static StsStandIn startHttps(Clock clock, TestCa ca) throws IOException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(ca.serverKeyStore())) {
        keys.load(in, ca.password());
      }
      KeyManagerFactory managers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      managers.init(keys, ca.password());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(managers.getKeyManagers(), null, null);
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      StsStandIn sts = new StsStandIn(server, clock);
      server.start();
      return sts;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** Starts a stand-in on a free loopback port. */
  public static StsStandIn start(Clock clock) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StsStandIn sts = new StsStandIn(server, clock);
    server.start();
    return sts;
  }

  /** The endpoint to give as {@code --endpoint-url}. */
  public URI endpoint() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds a user with fresh keys and an MFA device. */
  public User addUser(String name) {
    byte[] totp = new byte[20];
    random.nextBytes(totp);
    return addUser(new User("AKIA" + randomId(16), randomSecret(40),
        "arn:aws:iam::123456789012:user/" + name, "arn:aws:iam::123456789012:mfa/" + name, totp));
  }

  /** Adds a user with the given keys and device. */
  public User addUser(User user) {
    users.put(user.name(), user);
    keys.put(user.accessKeyId(), new Key(user.accessKeyId(), user.secret(), user.name(),
        clock.instant().minus(Duration.ofDays(400))));
    devices.put(user.name(), new ArrayList<>(List.of(user.serial())));
    return user;
  }

  /** Gives the user these MFA devices instead: none, or several. */
  public void setMfaDevices(User user, List<String> serials) {
    devices.put(user.name(), new ArrayList<>(serials));
  }

  /** The user's access keys in IAM, oldest first: id to whether it is active. */
  public Map<String, Boolean> accessKeys(User user) {
    Map<String, Boolean> found = new LinkedHashMap<>();
    keys.values().stream().filter(k -> k.userName.equals(user.name()))
        .sorted(java.util.Comparator.comparing(k -> k.created))
        .forEach(k -> found.put(k.id, k.active));
    return found;
  }

  /** Gives the user one more access key, as if made in the console; returns its id. */
  public String addAccessKey(User user) {
    Key key = newKey(user.name());
    return key.id;
  }

  /** Whether IAM would accept a call signed with this key now. */
  public boolean keyWorks(String accessKeyId, String secret) {
    Key key = keys.get(accessKeyId);
    return key != null && key.active && key.secret.equals(secret);
  }

  /** New keys are refused by their first {@code calls} calls, as IAM takes a while. */
  public void newKeysNotValidFor(int calls) {
    newKeysNotValidFor = calls;
  }

  /**
   * Answers the next request for {@code action} (IAM's or STS's) with this error instead, as a
   * policy or a fault would.
   */
  public void refuseNext(String action, int status, String code, String message) {
    refusals.put(action, error(status, status >= 500 ? "Receiver" : "Sender", code, message,
        "", IamActions.NS));
  }

  Key newKey(String userName) {
    Key key = new Key("AKIA" + randomId(16), randomSecret(40), userName, clock.instant());
    key.notYetValid.set(newKeysNotValidFor);
    keys.put(key.id, key);
    return key;
  }

  Map<String, Key> keys() {
    return keys;
  }

  User user(String name) {
    return users.get(name);
  }

  List<String> devices(String userName) {
    return devices.getOrDefault(userName, List.of());
  }

  Instant now() {
    return clock.instant();
  }

  /** The code the user's device shows now. */
  public String currentCode(User user) {
    return Totp.code(user.totpSecret(), clock.instant());
  }

  /** Answers the next {@code n} requests with {@code Throttling}. */
  public void throttleNext(int n) {
    throttle.set(n);
  }

  /** Answers the next {@code n} requests with HTTP 500 {@code InternalFailure}. */
  public void failNext(int n) {
    serverErrors.set(n);
  }

  /** Answers the next request with HTTP 403 AccessDenied and {@code message}, as a policy would. */
  public void denyNextWith(String message) {
    denial.set(message);
  }

  /** Accepts a valid code more than once: for tests that run many refreshes in one step. */
  public void allowCodeReuse() {
    reuseAllowed = true;
  }

  /** Accepts any six-digit code, any number of times: for benchmarks that run for minutes. */
  public void acceptAnyCode() {
    anyCode = true;
  }

  /** Runs {@code action} while each request is being answered: "meanwhile", for tests. */
  public void beforeAnswer(Runnable action) {
    beforeAnswer = action;
  }

  /** Runs {@code hook} once, when the next successful {@code action} is being answered. */
  public void whenAnswering(String action, Runnable hook) {
    answerHooks.put(action, hook);
  }

  /** Every request so far, in order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
      Answer answer = answer(exchange, body, form);
      beforeAnswer.run();
      Runnable hook = answerHooks.remove(form.getOrDefault("Action", ""));
      if (hook != null && answer.status == 200) {
        hook.run();
      }
      synchronized (this) {
        requests.add(new Request(form.getOrDefault("Action", ""), form, answer.status,
            answer.errorCode));
      }
      byte[] xml = answer.xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      exchange.getResponseHeaders().set("x-amzn-RequestId", answer.requestId);
      exchange.sendResponseHeaders(answer.status, xml.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(xml);
      }
    }
  }

  record Answer(int status, String xml, String errorCode, String requestId) {}

  private Answer answer(HttpExchange exchange, byte[] body, Map<String, String> form) {
    String requestId = UUID.randomUUID().toString();
    if (!exchange.getRequestMethod().equals("POST")) {
      return error(405, "Sender", "InvalidAction", "Only POST is supported here.", requestId);
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return error(400, "Sender", "InvalidAction", "Expected a form-encoded body.", requestId);
    }
    Answer signature = checkSignature(exchange, body, requestId);
    if (signature != null) {
      return signature;
    }
    if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(400, "Sender", "Throttling", "Rate exceeded", requestId);
    }
    if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(500, "Receiver", "InternalFailure", "An internal error occurred.", requestId);
    }
    String denied = denial.getAndSet(null);
    if (denied != null) {
      return error(403, "Sender", "AccessDenied", denied, requestId);
    }
    Answer refused = refusals.remove(form.getOrDefault("Action", ""));
    if (refused != null) {
      return new Answer(refused.status, refused.xml.replace("<RequestId></RequestId>",
          "<RequestId>" + requestId + "</RequestId>"), refused.errorCode, requestId);
    }
    Caller caller = caller(exchange);
    if (caller.session() != null && !"GetSessionToken".equals(form.get("Action"))
        && exchange.getRequestHeaders().getFirst("X-Amz-Security-Token") == null) {
      return error(403, "Sender", "InvalidClientTokenId",
          "The security token included in the request is invalid.", requestId);
    }
    if (service(exchange).equals("iam")) {
      return iam.answer(caller, form, requestId);
    }
    if (!"2011-06-15".equals(form.get("Version"))) {
      return error(400, "Sender", "InvalidAction", "Could not find operation "
          + form.get("Action") + " for version " + form.get("Version"), requestId);
    }
    if ("GetCallerIdentity".equals(form.get("Action"))) {
      return callerIdentity(caller, requestId);
    }
    if ("AssumeRole".equals(form.get("Action"))) {
      return assumeRole(caller.user(), form, requestId);
    }
    if (!"GetSessionToken".equals(form.get("Action"))) {
      return error(400, "Sender", "InvalidAction", "Could not find operation "
          + form.get("Action") + " for version 2011-06-15", requestId);
    }
    if (caller.session() != null) {
      return error(403, "Sender", "AccessDenied",
          "Cannot call GetSessionToken with session credentials", requestId);
    }
    return getSessionToken(caller.user(), form, requestId);
  }

  private Answer callerIdentity(Caller caller, String requestId) {
    String arn = arnOf(caller);
    String xml = "<GetCallerIdentityResponse xmlns=\"" + NS + "\">\n"
        + "  <GetCallerIdentityResult>\n"
        + "    <Arn>" + arn + "</Arn>\n"
        + "    <UserId>AIDA" + arn.substring(arn.lastIndexOf('/') + 1)
            .toUpperCase(java.util.Locale.ROOT) + "</UserId>\n"
        + "    <Account>" + arn.split(":")[4] + "</Account>\n"
        + "  </GetCallerIdentityResult>\n"
        + "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n"
        + "  </ResponseMetadata>\n"
        + "</GetCallerIdentityResponse>\n";
    return new Answer(200, xml, "", requestId);
  }

  /** Who signed the request; only called once the signature has been checked. */
  private Caller caller(HttpExchange exchange) {
    String keyId = accessKeyId(exchange);
    Session session = sessions.get(keyId);
    Key key = session == null ? keys.get(keyId) : null;
    return new Caller(users.get(session != null ? session.userName() : key.userName), key,
        session);
  }

  /** Whom the caller speaks for: its session's role or user, or its key's user. */
  private static String arnOf(Caller caller) {
    return caller.session() != null ? caller.session().arn() : caller.user().arn();
  }

  private static String service(HttpExchange exchange) {
    Matcher m = AUTHORIZATION.matcher(exchange.getRequestHeaders().getFirst("Authorization"));
    return m.matches() ? m.group(4) : "";
  }

  /** AssumeRole with MFA, for a role whose MaxSessionDuration is {@link #ROLE_MAX_SESSION}. */
  private Answer assumeRole(User user, Map<String, String> form, String requestId) {
    if (user == null) {
      return error(403, "Sender", "AccessDenied", "User is not authorized to perform:"
          + " sts:AssumeRole", requestId);
    }
    String role = form.getOrDefault("RoleArn", "");
    if (!role.matches("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+")) {
      return error(400, "Sender", "ValidationError", "1 validation error detected: Value '"
          + role + "' at 'roleArn' failed to satisfy constraint: Member must satisfy regular"
          + " expression pattern", requestId);
    }
    String sessionName = form.getOrDefault("RoleSessionName", "");
    if (!sessionName.matches("[\\w+=,.@-]{2,64}")) {
      return error(400, "Sender", "ValidationError", "1 validation error detected: Value '"
          + sessionName + "' at 'roleSessionName' failed to satisfy constraint", requestId);
    }
    int duration = Integer.parseInt(form.getOrDefault("DurationSeconds", "3600"));
    if (duration < 900 || duration > 43_200) {
      return error(400, "Sender", "ValidationError", "1 validation error detected: Value '"
          + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have"
          + " value less than or equal to 43200", requestId);
    }
    if (duration > ROLE_MAX_SESSION) {
      return error(400, "Sender", "ValidationError", "The requested DurationSeconds exceeds the"
          + " MaxSessionDuration set for this role.", requestId);
    }
    Answer mfa = checkMfa(user, form, requestId);
    if (mfa != null) {
      return mfa;
    }
    String assumedId = "AROA" + randomId(17);
    String assumed = role.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")
        + "/" + sessionName;
    return credentials(null, assumed, true, "AssumeRole", duration, requestId,
        "    <AssumedRoleUser>\n      <Arn>" + assumed + "</Arn>\n      <AssumedRoleId>" + assumedId
            + ":" + sessionName + "</AssumedRoleId>\n    </AssumedRoleUser>\n");
  }

  private Answer getSessionToken(User user, Map<String, String> form, String requestId) {

    int duration = 43_200;
    String durationText = form.get("DurationSeconds");
    if (durationText != null) {
      duration = Integer.parseInt(durationText);
      if (duration < 900 || duration > 129_600) {
        return error(400, "Sender", "ValidationError", "1 validation error detected: Value '"
            + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have"
            + " value " + (duration < 900 ? "greater than or equal to 900"
                : "less than or equal to 129600"), requestId);
      }
    }
    String serial = form.get("SerialNumber");
    String code = form.get("TokenCode");
    if (code != null && (code.length() != 6 || !code.chars().allMatch(Character::isDigit))) {
      return error(400, "Sender", "ValidationError", "1 validation error detected: Value '" + code
          + "' at 'tokenCode' failed to satisfy constraint: Member must have length less than or"
          + " equal to 6, Member must satisfy regular expression pattern: [\\d]*", requestId);
    }
    if (serial != null && !SERIAL.matcher(serial).matches()) {
      return error(400, "Sender", "ValidationError", "1 validation error detected: Value '"
          + serial + "' at 'serialNumber' failed to satisfy constraint: Member must satisfy"
          + " regular expression pattern: [\\w+=/:,.@-]*", requestId);
    }
    Answer mfa = checkMfa(user, form, requestId);
    return mfa != null ? mfa : credentials(user, user.arn(), form.get("TokenCode") != null,
        "GetSessionToken", duration, requestId, "");
  }

  /** The MFA serial and code of a request, if it has them; null when they are right. */
  private Answer checkMfa(User user, Map<String, String> form, String requestId) {
    String serial = form.get("SerialNumber");
    String code = form.get("TokenCode");
    if (serial != null || code != null) {
      if (serial == null || code == null || !serial.equals(user.serial())) {
        return error(403, "Sender", "AccessDenied", "MultiFactorAuthentication failed, unable to"
            + " validate MFA code.  Please verify your MFA serial number is valid and associated"
            + " with this user.", requestId);
      }
      if (!acceptCode(user, code)) {
        return error(403, "Sender", "AccessDenied",
            "MultiFactorAuthentication failed with invalid MFA one time pass code. ", requestId);
      }
    }
    return null;
  }

  /**
   * A successful answer to {@code action} with new session credentials; those of {@code user}
   * sign calls as that user (a role's sign nothing here).
   */
  private Answer credentials(User user, String arn, boolean mfa, String action, int duration,
      String requestId, String extra) {
    String sessionKey = "ASIA" + randomId(16);
    String secret = randomSecret(40);
    String token = sessionToken();
    sessions.put(sessionKey, new Session(user == null ? "" : user.name(), secret, token, mfa,
        arn));
    Instant expiration = clock.instant().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
    String xml = "<" + action + "Response xmlns=\"" + NS + "\">\n"
        + "  <" + action + "Result>\n"
        + "    <Credentials>\n"
        + "      <AccessKeyId>" + sessionKey + "</AccessKeyId>\n"
        + "      <SecretAccessKey>" + secret + "</SecretAccessKey>\n"
        + "      <SessionToken>" + token + "</SessionToken>\n"
        + "      <Expiration>" + DateTimeFormatter.ISO_INSTANT.format(expiration)
        + "</Expiration>\n"
        + "    </Credentials>\n"
        + extra
        + "  </" + action + "Result>\n"
        + "  <ResponseMetadata>\n"
        + "    <RequestId>" + requestId + "</RequestId>\n"
        + "  </ResponseMetadata>\n"
        + "</" + action + "Response>\n";
    return new Answer(200, xml, "", requestId);
  }

  /** Accepts a code of the current step or a neighbour, once. */
  private synchronized boolean acceptCode(User user, String code) {
    if (anyCode) {
      return true;
    }
    Instant now = clock.instant();
    for (int step = -1; step <= 1; step++) {
      if (Totp.code(user.totpSecret(), now.plusSeconds(30L * step)).equals(code)) {
        return usedCodes.add(user.serial() + "/" + code) || reuseAllowed;
      }
    }
    return false;
  }

  private Answer checkSignature(HttpExchange exchange, byte[] body, String requestId) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
    if (m == null || !m.matches()) {
      return error(400, "Sender", "MissingAuthenticationToken",
          "Request is missing Authentication Token", requestId);
    }
    Key key = keys.get(m.group(1));
    Session session = sessions.get(m.group(1));
    if ((key == null || !key.active) && session == null) {
      return error(403, "Sender", "InvalidClientTokenId",
          "The security token included in the request is invalid.", requestId);
    }
    if (key != null && key.notYetValid.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(403, "Sender", "InvalidClientTokenId",
          "The security token included in the request is invalid.", requestId);
    }
    String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    // Without its token a session key reaches only GetSessionToken, which refuses it by name.
    if (session != null && token != null && !session.token().equals(token)) {
      return error(403, "Sender", "InvalidClientTokenId",
          "The security token included in the request is invalid.", requestId);
    }
    String service = m.group(4);
    String secret = session != null ? session.secret() : key.secret;
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    try {
      Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
      if (Duration.between(signedAt, clock.instant()).abs().compareTo(Duration.ofMinutes(5)) > 0) {
        return error(403, "Sender", "SignatureDoesNotMatch", "Signature expired: " + amzDate
            + " is now earlier or later than the allowed 5 minutes.", requestId);
      }
    } catch (DateTimeParseException | NullPointerException e) {
      return error(400, "Sender", "IncompleteSignature", "Missing or bad X-Amz-Date.", requestId);
    }
    if (!(service.equals("sts") || service.equals("iam")) || !amzDate.startsWith(m.group(2))) {
      return error(403, "Sender", "SignatureDoesNotMatch", "Credential should be scoped to a valid"
          + " date and the service sts or iam.", requestId);
    }
    StringBuilder canonical = new StringBuilder("POST\n");
    canonical.append(exchange.getRequestURI().getRawPath()).append('\n');
    String query = exchange.getRequestURI().getRawQuery();
    canonical.append(query == null ? "" : query).append('\n');
    for (String name : m.group(5).split(";")) {
      List<String> values = exchange.getRequestHeaders().get(name);
      String value = values == null ? "" : String.join(",", values).strip().replaceAll(" +", " ");
      canonical.append(name).append(':').append(value).append('\n');
    }
    canonical.append('\n').append(m.group(5)).append('\n').append(hex(sha256(body)));
    String scope = m.group(2) + "/" + m.group(3) + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] signing = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), m.group(2));
    signing = hmac(signing, m.group(3));
    signing = hmac(signing, service);
    signing = hmac(signing, "aws4_request");
    byte[] expected = hex(hmac(signing, toSign)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = m.group(6).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return error(403, "Sender", "SignatureDoesNotMatch", "The request signature we calculated"
          + " does not match the signature you provided. Check your AWS Secret Access Key and"
          + " signing method. Consult the service documentation for details.", requestId);
    }
    if (key != null) {
      key.lastUsed = clock.instant();
    }
    return null;
  }

  private static String accessKeyId(HttpExchange exchange) {
    Matcher m = AUTHORIZATION.matcher(exchange.getRequestHeaders().getFirst("Authorization"));
    return m.matches() ? m.group(1) : "";
  }

  static Answer error(int status, String type, String code, String message,
      String requestId) {
    return error(status, type, code, message, requestId, NS);
  }

  /** An error in the XML of the service whose namespace is {@code ns}. */
  static Answer error(int status, String type, String code, String message,
      String requestId, String ns) {
    String xml = "<ErrorResponse xmlns=\"" + ns + "\">\n"
        + "  <Error>\n"
        + "    <Type>" + type + "</Type>\n"
        + "    <Code>" + code + "</Code>\n"
        + "    <Message>" + escape(message) + "</Message>\n"
        + "  </Error>\n"
        + "  <RequestId>" + requestId + "</RequestId>\n"
        + "</ErrorResponse>\n";
    return new Answer(status, xml, code, requestId);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return form;
  }

  String randomId(int length) {
    return random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);
  }

  String randomSecret(int length) {
    return random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length);
  }

  private String random(String alphabet, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Real session tokens are long base64 and often end in '=': exactly what INI tools mangle. */
  private String sessionToken() {
    byte[] token = new byte[301];
    random.nextBytes(token);
    return "IQoJb3JpZ2luX2Vj" + java.util.Base64.getEncoder().encodeToString(token);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x", b));
    }
    return s.toString();
  }

  /**
   * Runs the stand-in for the demo. {@code serve PORTFILE} serves the demo user until killed
   * and writes the endpoint to PORTFILE; {@code code} prints the demo device's current code.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("code")) {
      System.out.println(Totp.code(DEMO_TOTP_SECRET, Instant.now()));
      return;
    }
    boolean https = args.length == 3 && args[0].equals("serve-https");
    if (!https && (args.length != 2 || !args[0].equals("serve"))) {
      System.err.println("usage: StsStandIn serve ENDPOINT_FILE | StsStandIn serve-https"
          + " CA_DIR ENDPOINT_FILE | StsStandIn code");
      System.exit(2);
    }
    StsStandIn sts;
    if (https) {
      // For training and benchmarks: HTTPS through the CA in CA_DIR, made there if it is not
      // there yet (CA_DIR/ca.pem), any code accepted.
      sts = startHttps(Clock.systemUTC(), TestCa.in(Path.of(args[1]).toAbsolutePath()));
      sts.acceptAnyCode();
    } else {
      sts = start(Clock.systemUTC());
    }
    sts.addUser(new User(DEMO_KEY_ID, DEMO_SECRET, "arn:aws:iam::123456789012:user/alice",
        DEMO_SERIAL, DEMO_TOTP_SECRET));
    Path file = Path.of(args[args.length - 1]);
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, sts.endpoint() + "\n");
    Files.move(temp, file);
    Thread.currentThread().join();
  }
}

package dev.awsmfa.profiles;

import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.ini.IniEditor;
import dev.awsmfa.ini.IniException;
import dev.awsmfa.ini.IniLine;
import dev.awsmfa.ini.IniSection;
import dev.awsmfa.ini.KeyEdit;
import dev.awsmfa.sts.LongTermKeys;
import dev.awsmfa.sts.SessionTokens;
import dev.awsmfa.text.Shlex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The profiles of the shared credentials and config files, read with botocore's rules: what the
 * source profile holds, whether the target may be written, and the edits that write a session.
 *
 * <p>Profile names arrive as Java strings; the files are held as ISO-8859-1 characters, one per
 * byte. Names are compared as UTF-8 bytes, which is how the AWS CLI reads both.
 */
public final class AwsProfiles {
  static final String KEY_ID = "aws_access_key_id";
  static final String SECRET = "aws_secret_access_key";
  static final String SESSION_TOKEN = "aws_session_token";
  static final String SECURITY_TOKEN = "aws_security_token";
  static final String EXPIRATION = "aws_credential_expiration";
  static final String REGION = "region";
  /** Where the session in a target profile came from: see {@link SessionOrigin}. */
  static final String ORIGIN_PROFILE = "awsmfa_source_profile";
  private static final String CREDENTIAL_PROCESS = "credential_process";
  static final String ORIGIN_SERIAL = "awsmfa_serial_number";
  static final String MFA_SERIAL = "mfa_serial";

  private final SharedFile credentials;
  private final SharedFile config;

  /** The two files, as read. */
  public AwsProfiles(SharedFile credentials, SharedFile config) {
    this.credentials = credentials;
    this.config = config;
  }

  /**
   * The long-term keys and region of profile {@code name}. As botocore's credential providers take
   * them: from the credentials file's section if it has an access key id (even an empty one),
   * else from the config file's if that one has, and never the key of one file with the secret
   * of the other.
   *
   * @throws AwsmfaException if the profile is missing, ambiguous, or holds no long-term keys
   */
  public SourceProfile source(String name) {
    refuseOwnedDefaults();
    Optional<Found> inCredentials = credentialsSection(name).map(s -> new Found(credentials, s));
    Optional<Found> inConfig = configSection(name).map(s -> new Found(config, s));
    if (inCredentials.isEmpty() && inConfig.isEmpty()) {
      throw new AwsmfaException(ExitCode.USAGE,
          "profile '" + name + "' is in neither " + credentials.display() + " nor "
              + config.display() + ": pass --profile with the profile that holds your IAM"
              + " user's access key, or add it with 'aws configure --profile " + name + "'");
    }
    // A broken key line makes the AWS CLI refuse the whole file; awsmfa names it rather than
    // fall through to the other file, whose keys may be another user's.
    Optional<AwsmfaException> broken = inCredentials.flatMap(f -> f.brokenKeyLine(name));
    if (broken.isPresent()) {
      throw broken.get();
    }
    Optional<String> region = inCredentials.flatMap(f -> f.value(REGION))
        .or(() -> inConfig.flatMap(f -> f.value(REGION)));
    // botocore's order: keys in the credentials file, then a credential_process, then keys in
    // the config file.
    if (inCredentials.filter(f -> f.has(KEY_ID)).isEmpty()) {
      Optional<CredentialProcess> process = credentialProcess(name);
      if (process.isPresent()) {
        return new SourceProfile(name, process.get(), process.get().origin(), region);
      }
    }
    Found found = inCredentials.filter(f -> f.has(KEY_ID))
        .or(() -> inConfig.filter(f -> f.has(KEY_ID)))
        .orElseThrow(() -> noKeys(name, inCredentials, inConfig));
    String where = "profile '" + name + "' in " + found.where();
    for (String key : List.of(KEY_ID, SECRET)) {
      if (found.value(key).isEmpty()) {
        throw found.brokenKeyLine(name).orElseGet(() -> new AwsmfaException(ExitCode.FILE,
            where + (found.has(key) ? " has an empty " + key : " has " + KEY_ID + " but no "
                + key) + ": put the IAM user's long-term access key there, both its id and its"
                + " secret, or pass --profile with a profile that has them"));
      }
    }
    if (isSession(found.file(), found.section())) {
      throw new AwsmfaException(ExitCode.FILE,
          where + " holds temporary session credentials, not an IAM user's long-term access key:"
              + " pass --profile with the profile that holds the long-term key");
    }
    return new SourceProfile(name, KeySource.stored(new LongTermKeys(
        found.value(KEY_ID).get(), found.value(SECRET).get())), where, region);
  }

  /** The {@code credential_process} of profile {@code name}, from either file. */
  private Optional<CredentialProcess> credentialProcess(String name) {
    Optional<IniSection> inCredentials = credentialsSection(name);
    SharedFile file = inCredentials.isPresent()
        && value(credentials, inCredentials.get(), CREDENTIAL_PROCESS).isPresent()
        ? credentials : config;
    return setting(name, CREDENTIAL_PROCESS).map(command -> new CredentialProcess(command,
        "the credential_process of profile '" + name + "' in " + file.display()));
  }

  /** The failure for a profile with no access key id in either file. */
  private AwsmfaException noKeys(String name, Optional<Found> inCredentials,
      Optional<Found> inConfig) {
    Optional<AwsmfaException> broken = inConfig.flatMap(f -> f.brokenKeyLine(name));
    if (broken.isPresent()) {
      return broken.get();
    }
    List<String> where = new ArrayList<>();
    inCredentials.ifPresent(f -> where.add(f.where()));
    inConfig.ifPresent(f -> where.add(f.where()));
    // A file the AWS CLI cannot read may hide the section the user meant: say so, or the
    // warning about it would never be seen.
    String unreadable = credentials.document().problemCount() == 0 ? ""
        : " (and the AWS CLI cannot read " + credentials.display() + ", from line "
            + credentials.document().problems().get(0).line() + " on)";
    return new AwsmfaException(ExitCode.FILE, "profile '" + name + "' has no " + KEY_ID + " in "
        + String.join(" and ", where) + ", so it holds no access key to sign with" + unreadable
        + ": add the IAM user's long-term access key there ('aws configure --profile " + name
        + "'), or pass --profile with the profile that holds it");
  }

  /** A section and the file it stands in, so that its lines are never looked up in the other. */
  private record Found(SharedFile file, IniSection section) {
    /** Whether the key is there, even with an empty value, as botocore tells. */
    boolean has(String key) {
      return file.document().value(section, key).isPresent();
    }

    /** The key's value, if it is there and not empty. */
    Optional<String> value(String key) {
      return AwsProfiles.value(file, section, key);
    }

    /** "~/.aws/credentials (line 1)". */
    String where() {
      return file.display() + " (line " + section.lineNumber() + ")";
    }

    /**
     * The failure for a line of the section that should hold a key but has no '=' or ':', such
     * as {@code aws_secret_access_key wJal...}: named by its number, never by its text, which
     * may hold the secret.
     */
    Optional<AwsmfaException> brokenKeyLine(String profile) {
      for (int i = section.header() + 1; i < section.end(); i++) {
        IniLine line = file.document().lines().get(i);
        if (line.kind() != IniLine.Kind.INVALID) {
          continue;
        }
        String text = line.text().strip().toLowerCase(Locale.ROOT);
        for (String key : List.of(KEY_ID, SECRET)) {
          if (text.startsWith(key)) {
            return Optional.of(new AwsmfaException(ExitCode.FILE, file.display() + " line "
                + line.number() + ", in profile '" + profile + "', has no '=' after " + key
                + ", so neither awsmfa nor the AWS CLI can read it: write it as '" + key
                + " = ...'"));
          }
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A setting of profile {@code name} as botocore reads it: the credentials file's section
   * overrides the config file's.
   */
  public Optional<String> setting(String name, String key) {
    Optional<IniSection> section = credentialsSection(name);
    Optional<String> value = section.isPresent() ? value(credentials, section.get(), key)
        : Optional.empty();
    if (value.isEmpty()) {
      section = configSection(name);
      value = section.isPresent() ? value(config, section.get(), key) : Optional.empty();
    }
    return value.isPresent() ? Optional.of(new String(
        value.get().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)) : value;
  }

  /**
   * The {@code endpoint_url} of {@code service} in the config section {@code [services NAME]}: a
   * nested block such as {@code sts =} followed by indented {@code endpoint_url = ...} lines.
   */
  public Optional<String> servicesEndpoint(String name, String service) {
    String wanted = "services " + fileText(name);
    for (IniSection section : config.document().sections()) {
      if (Shlex.split(section.name()).map(w -> String.join(" ", w)).filter(wanted::equals)
          .isPresent()) {
        Optional<String> block = value(config, section, service);
        if (block.isPresent()) {
          for (String line : block.get().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equals("endpoint_url")) {
              return Optional.of(line.substring(eq + 1).strip());
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Checks, before any code is spent, that a session can be written to profile {@code target}.
   *
   * @throws AwsmfaException if the target is the source, holds long-term keys, or cannot be
   *     edited without breaking the file
   */
  public void checkTarget(String target, String source) {
    if (target.equals(source)) {
      throw new AwsmfaException(ExitCode.USAGE,
          "--mfa-profile-name " + target + " names the source profile itself, whose long-term"
              + " keys awsmfa must not overwrite: choose another name, such as 'mfa'");
    }
    Optional<IniSection> section = credentialsSection(target);
    if (section.isPresent() && value(credentials, section.get(), KEY_ID).isPresent()
        && !isSession(credentials, section.get())) {
      throw new AwsmfaException(ExitCode.FILE,
          credentials.display() + " line " + section.get().lineNumber() + ": [" + target
              + "] holds long-term keys (an access key without a session token), which awsmfa"
              + " never overwrites: move them to another profile, or pass --mfa-profile-name"
              + " with another name");
    }
    if (setting(target, CREDENTIAL_PROCESS).isPresent()) {
      throw new AwsmfaException(ExitCode.FILE, "profile '" + target + "' has a"
          + " credential_process, whose keys awsmfa must not shadow with a session: choose"
          + " another --mfa-profile-name, such as 'mfa'");
    }
    refuseOwnedDefaults();
    Instant placeholder = Instant.EPOCH;
    credentialsWith(target, new SessionTokens("ASIA", "secret", "token", placeholder));
    configWith(target, Optional.empty());
  }

  /** The credentials file with {@code tokens} written to section {@code [target]}. */
  public byte[] credentialsWith(String target, SessionTokens tokens) {
    List<KeyEdit> edits = List.of(
        KeyEdit.put(KEY_ID, tokens.accessKeyId()),
        KeyEdit.put(SECRET, tokens.secretAccessKey()),
        KeyEdit.put(SESSION_TOKEN, tokens.sessionToken()),
        // botocore prefers a stale aws_security_token over aws_session_token: keep them equal.
        KeyEdit.updateIfPresent(SECURITY_TOKEN, tokens.sessionToken()),
        KeyEdit.put(EXPIRATION, isoUtc(tokens.expiration())));
    return edit(credentials, credentialsSection(target), fileText(target), edits);
  }

  /**
   * The config file with a profile section for {@code target}, given {@code region} if it has
   * none; empty if the file needs no change.
   */
  public Optional<byte[]> configWith(String target, Optional<String> region) {
    return configWith(target, region, Optional.empty());
  }

  /**
   * The same, also recording in the target's section where its session comes from, under keys
   * that only awsmfa writes and that AWS tools ignore, so that {@code awsmfa status} can say.
   */
  public Optional<byte[]> configWith(String target, Optional<String> region,
      Optional<SessionOrigin> origin) {
    return configWith(target, region, origin, false);
  }

  /**
   * The same, and with {@code recordSerial} also the origin's MFA device as {@code mfa_serial}
   * in the source profile's section, added if the file has none: a device found in IAM is
   * recorded once, so that it is never looked up again.
   */
  public Optional<byte[]> configWith(String target, Optional<String> region,
      Optional<SessionOrigin> origin, boolean recordSerial) {
    List<KeyEdit> edits = new ArrayList<>();
    region.ifPresent(r -> edits.add(KeyEdit.addIfMissing(REGION, r)));
    origin.ifPresent(o -> {
      edits.add(KeyEdit.put(ORIGIN_PROFILE, fileText(o.profile())));
      edits.add(KeyEdit.put(ORIGIN_SERIAL, o.serialNumber()));
    });
    byte[] bytes = edit(config, configSection(target), configSectionName(target), edits);
    if (recordSerial && origin.isPresent()) {
      SharedFile edited = new SharedFile(config.display(), config.file(), config.original(),
          IniDocument.parse(bytes));
      String source = origin.get().profile();
      bytes = edit(edited, new AwsProfiles(credentials, edited).configSection(source),
          configSectionName(source),
          List.of(KeyEdit.addIfMissing(MFA_SERIAL, origin.get().serialNumber())));
    }
    return config.changedBy(bytes) ? Optional.of(bytes) : Optional.empty();
  }

  /**
   * The file that holds profile {@code name}'s long-term access key, with {@code replacement}
   * written over it in place: the only lines that change are the key id's and the secret's.
   *
   * @throws AwsmfaException if the profile no longer holds {@code current} in a file
   */
  public KeyFileEdit keysReplaced(String name, LongTermKeys current, LongTermKeys replacement) {
    Optional<Found> found = keyHolder(name);
    if (found.isEmpty() || !found.get().value(KEY_ID).equals(Optional.of(current.accessKeyId()))
        || !found.get().value(SECRET).equals(Optional.of(current.secretAccessKey()))) {
      throw new AwsmfaException(ExitCode.FILE, "the access key of profile '" + name + "' was"
          + " changed by another program while awsmfa was rotating it");
    }
    SharedFile file = found.get().file();
    byte[] bytes = edit(file, Optional.of(found.get().section()), "", List.of(
        KeyEdit.put(KEY_ID, replacement.accessKeyId()),
        KeyEdit.put(SECRET, replacement.secretAccessKey())));
    return new KeyFileEdit(file, bytes);
  }

  /**
   * The file that holds profile {@code name}'s long-term access key.
   *
   * @throws AwsmfaException if neither file holds one
   */
  public SharedFile keyFile(String name) {
    return keyHolder(name).map(Found::file).orElseThrow(() -> noKeys(name,
        credentialsSection(name).map(s -> new Found(credentials, s)),
        configSection(name).map(s -> new Found(config, s))));
  }

  /** The section that holds profile {@code name}'s access key, in botocore's order. */
  private Optional<Found> keyHolder(String name) {
    return credentialsSection(name).map(s -> new Found(credentials, s)).filter(f -> f.has(KEY_ID))
        .or(() -> configSection(name).map(s -> new Found(config, s)).filter(f -> f.has(KEY_ID)));
  }

  /**
   * The other sections of either file that hold access key {@code keyId} too, as "~/.aws/config
   * line 7": a key replaced in profile {@code name} alone would stop working there.
   */
  public List<String> otherCopies(String name, String keyId) {
    Optional<Found> own = keyHolder(name);
    List<String> copies = new ArrayList<>();
    for (SharedFile file : List.of(credentials, config)) {
      for (IniSection section : file.document().sections()) {
        boolean isOwn = own.equals(Optional.of(new Found(file, section)));
        if (!isOwn && value(file, section, KEY_ID).equals(Optional.of(keyId))) {
          copies.add(file.display() + " line " + section.lineNumber());
        }
      }
    }
    return copies;
  }

  /**
   * A shared file and its new bytes.
   *
   * @param file the file as read
   * @param content what it is to hold
   */
  public record KeyFileEdit(SharedFile file, byte[] content) {}

  /** Edits {@code section} of {@code file}, or appends it as {@code [header]} if it is absent. */
  private static byte[] edit(SharedFile file, Optional<IniSection> section, String header,
      List<KeyEdit> edits) {
    IniDocument doc = file.document();
    try {
      String content = section.isPresent()
          ? IniEditor.edit(doc, section.get(), edits)
          : IniEditor.append(doc, header, edits);
      return content.getBytes(StandardCharsets.ISO_8859_1);
    } catch (IniException e) {
      throw file.refuse(e);
    }
  }

  /**
   * configparser gives the keys of {@code [DEFAULT]} to every section, so a credential there
   * would mix into the session (a stale token even wins over the new one).
   */
  private void refuseOwnedDefaults() {
    for (IniSection section : credentials.document().sections(IniDocument.DEFAULT_SECTION)) {
      for (String key : List.of(KEY_ID, SECRET, SESSION_TOKEN, SECURITY_TOKEN)) {
        if (credentials.document().value(section, key).isPresent()) {
          throw new AwsmfaException(ExitCode.FILE, credentials.display() + " line "
              + section.lineNumber() + ": [DEFAULT] sets " + key + " for every profile, which"
              + " would mix into the new session: move it into a profile of its own");
        }
      }
    }
  }

  /** Where the session in profile {@code name} came from, if awsmfa recorded it. */
  public Optional<SessionOrigin> origin(String name) {
    Optional<String> profile = setting(name, ORIGIN_PROFILE);
    Optional<String> serial = setting(name, ORIGIN_SERIAL);
    return profile.isPresent() && serial.isPresent()
        ? Optional.of(new SessionOrigin(profile.get(), serial.get())) : Optional.empty();
  }

  /**
   * When the session in profile {@code name} of the credentials file ends: its {@code
   * aws_credential_expiration}, or the {@code expiration} that the Python aws-mfa writes.
   */
  public Optional<Instant> expiration(String name) {
    Optional<IniSection> section = credentialsSection(name);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> time = value(credentials, section.get(), EXPIRATION);
    if (time.isEmpty()) {
      time = value(credentials, section.get(), "expiration");
    }
    return time.isPresent() ? parseTime(time.get()) : Optional.empty();
  }

  /** The session stored in profile {@code name}, if it has a complete one with an expiry. */
  public Optional<SessionTokens> session(String name) {
    Optional<IniSection> section = credentialsSection(name);
    Optional<Instant> expiration = expiration(name);
    if (section.isEmpty() || expiration.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> id = value(credentials, section.get(), KEY_ID);
    Optional<String> secret = value(credentials, section.get(), SECRET);
    Optional<String> token = value(credentials, section.get(), SESSION_TOKEN);
    if (id.isEmpty() || secret.isEmpty() || token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SessionTokens(id.get(), secret.get(), token.get(), expiration.get()));
  }

  /** Every profile of the credentials file that records when its session ends, in file order. */
  public List<String> profilesWithExpiry() {
    List<String> names = new ArrayList<>();
    for (IniSection section : credentials.document().sections()) {
      String name = new String(section.name().getBytes(StandardCharsets.ISO_8859_1),
          StandardCharsets.UTF_8);
      if (!names.contains(name) && (value(credentials, section, EXPIRATION).isPresent()
          || value(credentials, section, "expiration").isPresent())) {
        names.add(name);
      }
    }
    return names;
  }

  /** ISO-8601 with Z or an offset, or aws-mfa's "2026-11-23 09:00:00" (UTC, with or without). */
  static Optional<Instant> parseTime(String text) {
    String iso = text.strip().replace(' ', 'T');
    try {
      return Optional.of(OffsetDateTime.parse(iso).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private Optional<IniSection> credentialsSection(String name) {
    return single(credentials, credentials.document().sections(fileText(name)));
  }

  /** The one section of a list, refusing a repeated one as the AWS CLI does. */
  private static Optional<IniSection> single(SharedFile file, List<IniSection> sections) {
    if (sections.size() > 1) {
      throw new AwsmfaException(ExitCode.FILE,
          file.display() + " line " + sections.get(1).lineNumber() + " repeats the section ["
              + sections.get(0).name() + "] (first on line " + sections.get(0).lineNumber()
              + "), which the AWS CLI cannot read: merge the two or delete one");
    }
    return sections.isEmpty() ? Optional.empty() : Optional.of(sections.get(0));
  }

  /**
   * The config section botocore takes for a profile: the last one that names it. Differently
   * spelt headers for one profile are legal ({@code [profile a]}, {@code [profile "a"]}); a
   * repeated header is not.
   */
  private Optional<IniSection> configSection(String name) {
    String wanted = fileText(name);
    IniSection found = null;
    for (IniSection section : config.document().sections()) {
      if (wanted.equals(configProfileName(section.name()).orElse(null))) {
        found = section;
      }
    }
    if (found != null) {
      single(config, config.document().sections(found.name()));
    }
    return Optional.ofNullable(found);
  }

  /** The profile a config section defines, as botocore's {@code build_profile_map} reads it. */
  static Optional<String> configProfileName(String sectionName) {
    if (sectionName.equals("default")) {
      return Optional.of("default");
    }
    if (!sectionName.startsWith("profile")) {
      return Optional.empty();
    }
    Optional<List<String>> words = Shlex.split(sectionName);
    return words.isPresent() && words.get().size() == 2 ? Optional.of(words.get().get(1))
        : Optional.empty();
  }

  private static String configSectionName(String profile) {
    if (profile.equals("default")) {
      return "default";
    }
    boolean plain = profile.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"'
        || c == '\'' || c == '\\');
    String name = plain ? profile : '"' + profile.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    return "profile " + fileText(name);
  }

  private static boolean isSession(SharedFile file, IniSection section) {
    return value(file, section, SESSION_TOKEN).isPresent()
        || value(file, section, SECURITY_TOKEN).isPresent()
        || value(file, section, KEY_ID).filter(id -> id.startsWith("ASIA")).isPresent();
  }

  private static Optional<String> value(SharedFile file, IniSection section, String key) {
    Optional<String> value = file.document().value(section, key);
    return value.isPresent() && value.get().isEmpty() ? Optional.empty() : value;
  }

  static String isoUtc(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A name as it stands in a file read as ISO-8859-1: its UTF-8 bytes, one character each. */
  static String fileText(String name) {
    return new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}

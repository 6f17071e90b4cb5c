package dev.awsmfa.profiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.ini.IniLine;
import dev.awsmfa.ini.IniSection;
import dev.awsmfa.sts.SessionTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Thousands of random but realistic credentials files, each refreshed, checked for what the
 * refresh may and may not change: (a) every line awsmfa does not own is byte-identical and in
 * order, (b) a second identical refresh changes nothing, (c) the file reads, with botocore's
 * rules, as before but for the owned keys, and (d) where the Java SDK reads the file as botocore
 * does, the SDK's own parser finds the new session.
 */
class FormatPreservationPropertyTest {
  private static final int FILES = 3000;
  private static final String TARGET = "mfa";
  private static final Set<String> OWNED = Set.of("aws_access_key_id", "aws_secret_access_key",
      "aws_session_token", "aws_security_token", "aws_credential_expiration");
  private static final SessionTokens SESSION = new SessionTokens("ASIAPROPERTYTEST0001",
      "prop/secret+Key=", "IQoJb3JpZ2luX2Vj//property+token==",
      Instant.parse("2026-11-23T09:00:00Z"));

  @Test
  void refreshingChangesOnlyOwnedLines() throws IOException {
    int sdkChecked = 0;
    for (int seed = 0; seed < FILES; seed++) {
      String before = new Generator(new Random(seed)).file();
      String context = "seed " + seed + ":\n" + before;
      String after = refresh(before);
      IniDocument was = IniDocument.parse(before);
      IniDocument now = IniDocument.parse(after);

      if (was.sections(TARGET).isEmpty()) {
        assertAppended(before, now, context);
      } else {
        assertEquals(unowned(was), unowned(now), "(a) " + context);
      }
      assertEquals(after, refresh(after), "(b) " + context);
      assertEquals(readAsBotocore(was, true), readAsBotocore(now, true), "(c) " + context);
      Map<String, String> session = readAsBotocore(now, false).get(TARGET);
      assertEquals(SESSION.sessionToken(), session.get("aws_session_token"), "(c) " + context);
      assertEquals(problems(was), problems(now), "(c) " + context);
      if (sdkReadsAsBotocore(before, was)) {
        Profile profile = sdk(after).profile(TARGET).orElseThrow();
        assertEquals(Optional.of(SESSION.accessKeyId()), profile.property("aws_access_key_id"),
            "(d) " + context);
        assertEquals(Optional.of(SESSION.secretAccessKey()),
            profile.property("aws_secret_access_key"), "(d) " + context);
        assertEquals(Optional.of(SESSION.sessionToken()), profile.property("aws_session_token"),
            "(d) " + context);
        sdkChecked++;
      }
    }
    assertTrue(sdkChecked > FILES / 10, "(d) ran on too few files: " + sdkChecked);
    System.out.printf("format preservation: %d files, %d also read by the Java SDK%n", FILES,
        sdkChecked);
  }

  private static String refresh(String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
    SharedFile credentials = new SharedFile("credentials", AtomicFile.at(Path.of("/x/credentials")),
        Optional.of(bytes), IniDocument.parse(bytes));
    SharedFile config = new SharedFile("config", AtomicFile.at(Path.of("/x/config")),
        Optional.empty(), IniDocument.parse(""));
    return new String(new AwsProfiles(credentials, config).credentialsWith(TARGET, SESSION),
        StandardCharsets.ISO_8859_1);
  }

  /**
   * A missing target goes at the end: the file as it was (given a final line ending if it had
   * none), at most one blank line, and the new section with owned keys only.
   */
  private static void assertAppended(String before, IniDocument now, String context) {
    String after = now.content();
    String eol = IniDocument.parse(before).lineEnding();
    boolean ended = before.isEmpty() || before.endsWith("\n") || before.endsWith("\r");
    String kept = ended ? before : before + eol;
    assertTrue(after.startsWith(kept), "(a) " + context);
    IniDocument added = IniDocument.parse(after.substring(kept.length()));
    List<IniLine> lines = added.lines();
    int header = lines.get(0).kind() == IniLine.Kind.BLANK ? 1 : 0;
    assertEquals(IniLine.Kind.SECTION, lines.get(header).kind(), "(a) " + context);
    for (IniLine line : lines.subList(header + 1, lines.size())) {
      assertTrue(line.kind() == IniLine.Kind.KEY && OWNED.contains(line.name()),
          "(a) " + context);
    }
  }

  /**
   * The lines awsmfa does not own, text and ending: all but the owned keys of the target and
   * their continuations. The last line's ending is left out, as a file without one gains one
   * when keys are added after its last line.
   */
  private static List<String> unowned(IniDocument doc) {
    List<IniLine> lines = doc.lines();
    List<String> kept = new ArrayList<>();
    String section = null;
    boolean owned = false;
    for (int i = 0; i < lines.size(); i++) {
      IniLine line = lines.get(i);
      if (line.kind() == IniLine.Kind.SECTION) {
        section = line.name();
      }
      if (line.kind() == IniLine.Kind.KEY) {
        owned = TARGET.equals(section) && OWNED.contains(line.name());
      } else if (line.kind() != IniLine.Kind.CONTINUATION && line.kind() != IniLine.Kind.BLANK
          && line.kind() != IniLine.Kind.COMMENT) {
        owned = false;
      }
      boolean continuation = line.kind() == IniLine.Kind.CONTINUATION;
      if (!(owned && (line.kind() == IniLine.Kind.KEY || continuation))) {
        kept.add(line.text() + "|" + line.eol());
      }
    }
    if (!kept.isEmpty()) {
      String last = kept.remove(kept.size() - 1);
      kept.add(last.substring(0, last.lastIndexOf('|') + 1));
    }
    return kept;
  }

  /** Sections and their keys as botocore reads them, less the owned keys of the target. */
  private static Map<String, Map<String, String>> readAsBotocore(IniDocument doc,
      boolean withoutOwned) {
    Map<String, Map<String, String>> read = new LinkedHashMap<>();
    for (IniSection section : doc.sections()) {
      Map<String, String> keys = new LinkedHashMap<>();
      for (IniLine line : doc.keyLines(section)) {
        if (!(withoutOwned && section.name().equals(TARGET) && OWNED.contains(line.name()))) {
          keys.put(line.name(), doc.value(section, line.name()).orElseThrow());
        }
      }
      if (!(withoutOwned && section.name().equals(TARGET) && keys.isEmpty())) {
        read.put(section.name(), keys);
      }
    }
    return read;
  }

  private static List<String> problems(IniDocument doc) {
    return doc.problems().stream().map(p -> p.message()).toList();
  }

  private static ProfileFile sdk(String content) {
    return ProfileFile.builder()
        .content(new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)))
        .type(ProfileFile.Type.CREDENTIALS).build();
  }

  /** Whether the SDK reads the file, and reads the target's owned keys as botocore does. */
  private static boolean sdkReadsAsBotocore(String content, IniDocument doc) {
    Map<String, Profile> profiles;
    try {
      profiles = sdk(content).profiles();
    } catch (RuntimeException e) {
      return false;
    }
    if (!doc.problems().isEmpty()) {
      return false;
    }
    Optional<IniSection> target = doc.sections(TARGET).stream().findFirst();
    if (target.isEmpty()) {
      return !profiles.containsKey(TARGET);
    }
    Profile profile = profiles.get(TARGET);
    if (profile == null) {
      return false;
    }
    for (String key : OWNED) {
      if (!doc.value(target.get(), key).equals(profile.property(key))) {
        return false;
      }
    }
    return true;
  }

  /** Writes credentials files the way people and tools do, warts included. */
  private static final class Generator {
    private static final String[] NAMES = {"default", "dev", "prod-ops", "team a", "ci.bot",
        "legacy_2019", "eu"};
    private static final String[] KEYS = {"region", "output", "note", "role_arn",
        "source_profile", "url", "s3"};
    private static final String[] VALUES = {"eu-west-1", "json", "a=b/c+d#e;f", "x==",
        "arn:aws:iam::123456789012:role/x", "https://example.com/a?b=c&d=e", "# not a comment",
        "'quoted'", "C:\\Users\\taro\\aws"};

    private final Random random;
    private final String eolStyle;
    /** Writes only what the Java SDK reads too: '=' delimiters, comments in column 0. */
    private final boolean sdkFriendly;
    private final StringBuilder out = new StringBuilder();

    Generator(Random random) {
      this.random = random;
      this.eolStyle = pick("\n", "\n", "\r\n", "mixed");
      this.sdkFriendly = random.nextInt(5) < 2;
    }

    String file() {
      List<String> sections = new ArrayList<>();
      for (String name : NAMES) {
        if (random.nextInt(3) == 0) {
          sections.add(name);
        }
      }
      if (random.nextInt(10) < 7) {
        sections.add(random.nextInt(sections.size() + 1), TARGET);
      }
      if (random.nextBoolean()) {
        comment();
      }
      for (String section : sections) {
        section(section);
      }
      String file = out.toString();
      if (random.nextInt(5) == 0) {
        file = file.replaceAll("(\r\n|\n)+$", "");
      }
      return file;
    }

    private void section(String name) {
      line(pick("[" + name + "]", "[" + name + "]", "[" + name + "] ; trailing text"));
      List<String> keys = new ArrayList<>();
      if (name.equals(TARGET)) {
        for (String key : OWNED) {
          if (random.nextInt(3) > 0) {
            keys.add(key);
          }
        }
      }
      for (String key : KEYS) {
        if (random.nextInt(4) == 0) {
          keys.add(random.nextInt(keys.size() + 1), key);
        }
      }
      for (String key : keys) {
        while (random.nextInt(4) == 0) {
          filler();
        }
        if (key.equals("s3")) {
          line(spell(key) + pick(" =", "=", " = "));
          line(pick("    ", "  ", "\t") + "max_concurrent_requests = " + random.nextInt(100));
          line(pick("    ", "  ", "\t") + "addressing_style = path");
        } else {
          line(spell(key) + (sdkFriendly ? pick(" = ", "=", "  =  ")
              : pick(" = ", "=", ":", " : ", "\t=\t", "  =  "))
              + (OWNED.contains(key) ? "old" + random.nextInt(1000) + "==" : pick(VALUES)));
        }
      }
      while (random.nextInt(3) == 0) {
        filler();
      }
    }

    private void filler() {
      if (random.nextBoolean()) {
        comment();
      } else {
        line(pick("", "", "   ", "\t"));
      }
    }

    private void comment() {
      line((sdkFriendly ? "" : pick("", "  ", "\t")) + pick("#", ";", "# ", "; ") + pick("note", "caf\u00e9 \u00ff",
          "key = value", "[not a section]", "UTF-8 caf\u00c3\u00a9"));
    }

    private String spell(String key) {
      return switch (random.nextInt(6)) {
        case 0 -> key.toUpperCase();
        case 1 -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
        default -> key;
      };
    }

    private void line(String text) {
      String eol = eolStyle.equals("mixed") ? pick("\n", "\r\n") : eolStyle;
      out.append(text).append(eol);
    }

    private String pick(String... options) {
      return options[random.nextInt(options.length)];
    }
  }
}

package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.awsmfa.profiles.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What awsmfa prints for scripts does not change with the user's language. It changes the JVM's
 * default locale, so no other test runs beside it.
 */
@Isolated
class LocaleTest {

  /** In Turkish, "VALID".toLowerCase() is "valıd", with a dotless i. */
  @Test
  void statusJsonIsTheSameUnderATurkishLocale() throws IOException {
    Locale before = Locale.getDefault();
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path credentials = fs.getPath("/home/alice/.aws/credentials");
      Files.createDirectories(credentials.getParent());
      Files.writeString(credentials, "[mfa]\naws_credential_expiration = 2026-11-23T09:00:00Z\n"
          + "[old]\naws_credential_expiration = 2026-11-20T09:00:00Z\n");
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"status", "--all", "--output", "json"},
          new Environment(Map.of("HOME", "/home/alice"), "/root"), fs,
          Clock.fixed(Instant.parse("2026-11-22T21:00:00Z"), ZoneOffset.UTC), () -> null,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      String json = out.toString(StandardCharsets.UTF_8);
      assertEquals(11, status, json);
      assertTrue(json.contains("\"State\": \"valid\""), json);
      assertTrue(json.contains("\"State\": \"expired\""), json);
      assertTrue(json.contains("\"SecondsLeft\": 43200"), json);
    } finally {
      Locale.setDefault(before);
    }
  }

  /** Every case conversion and format names its locale, so no other can creep in. */
  @Test
  void everyCaseConversionAndFormatNamesItsLocale() throws IOException {
    Pattern unnamed = Pattern.compile(
        "\\.to(Lower|Upper)Case\\(\\)|String\\.format\\((?!Locale\\.)|\\.formatted\\(");
    List<String> found = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = unnamed.matcher(lines.get(i));
          if (m.find()) {
            found.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), found, "use Locale.ROOT");
  }
}

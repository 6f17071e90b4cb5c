package dev.awsmfa.ini;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser against botocore's rules, as written down in docs/ini-rules.md. */
class IniDocumentTest {

  private static Optional<String> value(IniDocument doc, String section, String key) {
    return doc.value(doc.sections(section).get(0), key);
  }

  @Test
  void commentsAreWholeLinesAndValuesKeepHashes() {
    IniDocument doc = IniDocument.parse(
        "# top\n[p]\n  ; indented comment\nregion = us-east-1 # eu\nurl=https://x/#a;b\n");
    assertEquals(Optional.of("us-east-1 # eu"), value(doc, "p", "region"));
    assertEquals(Optional.of("https://x/#a;b"), value(doc, "p", "url"));
    assertEquals(IniLine.Kind.COMMENT, doc.lines().get(0).kind());
    assertEquals(IniLine.Kind.COMMENT, doc.lines().get(2).kind());
    assertTrue(doc.problems().isEmpty());
  }

  @Test
  void keysSplitAtTheFirstDelimiterAndAreLowerCased() {
    IniDocument doc = IniDocument.parse(
        "[p]\nAWS_Access_Key_ID:AKIA\nrole_arn = arn:aws:iam::1:role/x\nkey\t=\t'quoted'  \n"
            + "token = abc==\n");
    assertEquals(Optional.of("AKIA"), value(doc, "p", "aws_access_key_id"));
    assertEquals(Optional.of("arn:aws:iam::1:role/x"), value(doc, "p", "role_arn"));
    assertEquals(Optional.of("'quoted'"), value(doc, "p", "key"));
    assertEquals(Optional.of("abc=="), value(doc, "p", "token"));
  }

  @Test
  void sectionNamesKeepInnerSpaceAndIgnoreTextAfterTheLastBracket() {
    IniDocument doc = IniDocument.parse("[ spaced ]\n  [mfa] ; note\n[a]b]\n[]\n");
    assertEquals(List.of(" spaced ", "mfa", "a]b"),
        doc.sections().stream().map(IniSection::name).toList());
    assertEquals(1, doc.problems().size(), "'[]' is no header and has no delimiter");
    assertEquals(4, doc.problems().get(0).line());
  }

  @Test
  void deeperIndentedLinesContinueTheValueEvenAcrossBlankLinesAndComments() {
    IniDocument doc = IniDocument.parse(
        "[p]\ns3 =\n  max_concurrent_requests = 20\n\n# c\n  addressing_style = path\nnext = 1\n"
            + "  [not a section]\n");
    assertEquals(Optional.of("\nmax_concurrent_requests = 20\n\naddressing_style = path"),
        value(doc, "p", "s3"));
    assertEquals(Optional.of("1\n[not a section]"), value(doc, "p", "next"));
    assertEquals(1, doc.sections().size());
    assertEquals(IniLine.Kind.CONTINUATION, doc.lines().get(2).kind());
  }

  @Test
  void anIndentedLineRightAfterAHeaderIsAKey() {
    IniDocument doc = IniDocument.parse("[p]\n    region = eu-west-1\n");
    assertEquals(Optional.of("eu-west-1"), value(doc, "p", "region"));
  }

  @Test
  void recordsWhatMakesTheAwsCliRejectTheFile() {
    IniDocument doc = IniDocument.parse(
        "orphan = 1\n[a]\nk = 1\nK = 2\nno delimiter\n= empty key\n[a]\n");
    assertEquals(List.of(1, 4, 5, 6, 7),
        doc.problems().stream().map(IniProblem::line).toList());
    assertTrue(doc.problems().get(1).message().contains("repeats the key k"));
    assertTrue(doc.problems().get(4).message().contains("repeats the section [a]"));
  }

  @Test
  void keepsAByteOrderMarkAndReportsIt() {
    IniDocument doc = IniDocument.parse(IniDocument.BOM + "[default]\nregion = x\n");
    assertTrue(doc.hasBom());
    assertEquals(Optional.of("x"), value(doc, "default", "region"));
    assertEquals(1, doc.problems().size());
    assertEquals(IniDocument.BOM + "[default]\nregion = x\n", doc.content());
  }

  @Test
  void keepsEveryLineEnding() {
    String content = "[a]\r\nk = 1\rj = 2\n\r\n[b]\nx = y";
    IniDocument doc = IniDocument.parse(content);
    assertEquals(List.of("\r\n", "\r", "\n", "\r\n", "\n", ""),
        doc.lines().stream().map(IniLine::eol).toList());
    assertEquals(content, doc.content());
    assertEquals("\r\n", doc.lineEnding());
    assertEquals("\n", IniDocument.parse("[a]").lineEnding());
  }

  @Test
  void roundTripsArbitraryBytes() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[random.nextInt(300)];
      random.nextBytes(bytes);
      assertArrayEquals(bytes, IniDocument.parse(bytes).bytes());
    }
  }

  @Test
  void nonAsciiWhitespaceIsWhitespaceAsInPython() {
    String nbsp = "\u00c2\u00a0"; // U+00A0 in UTF-8, one character per byte
    IniDocument doc = IniDocument.parse("[mfa]\naws_access_key_id" + nbsp + "= ASIA" + nbsp
        + "\n[x]\n" + nbsp + "[other]\nx = 2\n");
    assertEquals(Optional.of("ASIA"), value(doc, "mfa", "aws_access_key_id"));
    assertEquals(List.of("mfa", "x", "other"),
        doc.sections().stream().map(IniSection::name).toList());
    assertTrue(doc.problems().isEmpty(), doc.problems().toString());
  }

  @Test
  void indentsCompareInCharactersNotBytes() {
    String nbsp = "\u00c2\u00a0";
    // One NBSP (two bytes) is as deep as one space: not a continuation.
    IniDocument doc = IniDocument.parse("[p]\n a = 1\n" + nbsp + "b = 2\n");
    assertEquals(Optional.of("2"), value(doc, "p", "b"));
  }

  @Test
  void defaultMayRepeatButItsKeysMayNot() {
    IniDocument doc = IniDocument.parse("[DEFAULT]\na = 1\n[x]\n[DEFAULT]\na = 2\n");
    assertEquals(List.of(5), doc.problems().stream().map(IniProblem::line).toList());
  }

  @Test
  void keysOfARepeatedSectionRepeatThoseOfTheFirstWithItsName() {
    IniDocument doc = IniDocument.parse("[a]\nk = 1\n[b]\nk = 1\n[a]\nK = 2\nj = 3\n");
    assertEquals(List.of(new IniProblem(5, "repeats the section [a]"),
        new IniProblem(6, "repeats the key k in section [a]")), doc.problems());
  }

  @Test
  void keepsTheFirstTenProblemsAndCountsAll() {
    IniDocument doc = IniDocument.parse("x\n".repeat(25));
    assertEquals(25, doc.problemCount());
    assertEquals(IniParser.KEPT_PROBLEMS, doc.problems().size());
    assertEquals(new IniProblem(10, "has a setting before the first [section] header"),
        doc.problems().get(9));
    IniDocument fine = IniDocument.parse("[p]\nk = v\n");
    assertEquals(0, fine.problemCount());
  }

  @Test
  void countsTheByteOrderMarkAndTheUtf8ProblemBeforeTheLinesOwn() {
    IniDocument doc = IniDocument.parse(IniDocument.BOM + "[p]\n\u00ff\n[p]\n");
    assertEquals(List.of(new IniProblem(1, "starts with a UTF-8 byte order mark"),
        new IniProblem(2, "has bytes that are not valid UTF-8"),
        new IniProblem(2, "has neither '=' nor ':'"),
        new IniProblem(3, "repeats the section [p]")), doc.problems());
    assertEquals(4, doc.problemCount());
  }

  @Test
  void findsTheFirstMalformedUtf8AsJavasDecoderDoes() {
    // Overlong and cut-off sequences, a surrogate, beyond U+10FFFF, no lead byte, a lone tail.
    String[] malformed = {"\u00c0\u0080", "\u00c3", "\u00e0\u0080\u0080", "\u00e2\u0082",
        "\u00ed\u00a0\u0080", "\u00f4\u0090\u0080\u0080", "\u00f5\u0080\u0080\u0080", "\u0080"};
    for (String bytes : malformed) {
      IniDocument doc = IniDocument.parse("[p]\n# ok \u00c3\u00a9\n# " + bytes + "\n# \u00ff\n");
      assertEquals(List.of(new IniProblem(3, "has bytes that are not valid UTF-8")),
          doc.problems(), bytes);
    }
    String wellFormed = "# \u00c3\u00a9 \u00e2\u0082\u00ac \u00ed\u009f\u00bf"
        + " \u00f0\u009f\u0098\u0080 \u00f4\u008f\u00bf\u00bf\n";
    assertEquals(0, IniDocument.parse(wellFormed).problemCount());
  }

  /** Every shape of line that costs most per byte, each a file of a million lines. */
  @Test
  void bigFilesOfEveryShapeParseWithTheirProblemsCounted() {
    int lines = 1 << 20;
    assertShape("\n".repeat(lines), lines, 0);
    assertShape("x\n".repeat(lines), lines, lines);
    assertShape("[a]\n".repeat(lines), lines, lines - 1);
    assertShape(numbered("[s", "]\n", lines), lines, 0);
    assertShape("[s]\n" + numbered("k", "=v\n", lines - 1), lines, 0);
    assertShape("[s]\n" + "K=v\n".repeat(lines - 1), lines, lines - 2);
    assertShape("[s]\nk=v\n" + "  c\n".repeat(lines - 2), lines, 0);
  }

  private static void assertShape(String content, int lines, int problems) {
    IniDocument doc = IniDocument.parse(content);
    assertEquals(lines, doc.lines().size());
    assertEquals(problems, doc.problemCount());
    assertEquals(Math.min(problems, IniParser.KEPT_PROBLEMS), doc.problems().size());
    assertEquals(content, doc.content());
  }

  private static String numbered(String before, String after, int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(before).append(i).append(after);
    }
    return out.toString();
  }

  @Test
  void reportsTheFirstLineThatIsNotUtf8() {
    IniDocument doc = IniDocument.parse("[p]\n# caf\u00e9\n# \u00ff\u00fe\n");
    assertEquals(1, doc.problems().size());
    assertEquals(new IniProblem(2, "has bytes that are not valid UTF-8"), doc.problems().get(0));
    assertTrue(IniDocument.parse("# caf\u00c3\u00a9\n").problems().isEmpty());
  }

  @Test
  void toStringShowsNoValues() {
    IniDocument doc = IniDocument.parse("[p]\naws_secret_access_key = s3cr3t\n");
    assertEquals("IniLine[2, KEY, aws_secret_access_key]", doc.lines().get(1).toString());
    assertFalse(KeyEdit.put("k", "s3cr3t").toString().contains("s3cr3t"));
  }

  @Test
  void anEmptyFileHasNoSectionsAndNoProblems() {
    IniDocument doc = IniDocument.parse("");
    assertTrue(doc.lines().isEmpty());
    assertTrue(doc.sections().isEmpty());
    assertFalse(doc.hasBom());
  }
}

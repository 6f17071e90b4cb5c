package dev.awsmfa.ini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The edit rules of docs/ini-rules.md: only owned lines change. */
class IniEditorTest {
  private static final List<KeyEdit> SESSION = List.of(
      KeyEdit.put("aws_access_key_id", "ASIANEW"),
      KeyEdit.put("aws_session_token", "tok=="),
      KeyEdit.updateIfPresent("aws_security_token", "tok=="));

  private static String edit(String content, String section, List<KeyEdit> edits)
      throws IniException {
    IniDocument doc = IniDocument.parse(content);
    return IniEditor.edit(doc, doc.sections(section).get(0), edits);
  }

  @Test
  void rewritesInPlaceKeepingSpacingWithTheKeyInLowerCase() throws IniException {
    assertEquals("[mfa]\n aws_access_key_id:ASIANEW  \n aws_session_token  =  tok==\n",
        edit("[mfa]\n AWS_ACCESS_KEY_ID:ASIAOLD  \n aws_session_token  =  old\n", "mfa",
            SESSION));
  }

  @Test
  void addsMissingKeysAfterTheLastKeyLineBeforeTrailingCommentsAndBlanks()
      throws IniException {
    assertEquals("[mfa]\nregion=x\naws_access_key_id=ASIANEW\naws_session_token=tok==\n\n"
            + "# about next\n[next]\n",
        edit("[mfa]\nregion=x\n\n# about next\n[next]\n", "mfa", SESSION));
  }

  @Test
  void addsAfterTheHeaderOfAnEmptySectionInTheFilesStyle() throws IniException {
    assertEquals("[a]\nk=1\n[mfa]\naws_access_key_id=ASIANEW\naws_session_token=tok==\n",
        edit("[a]\nk=1\n[mfa]\n", "mfa", SESSION));
    assertEquals("[mfa]\naws_access_key_id = ASIANEW\naws_session_token = tok==\n",
        edit("[mfa]\n", "mfa", SESSION));
  }

  @Test
  void newLinesFollowTheIndentAndLineEndingOfTheLastKey() throws IniException {
    assertEquals("[mfa]\r\n  region = x\r\n  aws_access_key_id = ASIANEW\r\n"
            + "  aws_session_token = tok==\r\n",
        edit("[mfa]\r\n  region = x\r\n", "mfa", SESSION));
  }

  @Test
  void newKeysAfterANestedBlockOrAnIndentedHeaderKeepTheNextHeaderAHeader()
      throws IniException {
    String nested = "  [mfa]\n  aws_access_key_id = ASIAOLD\n  s3 =\n    max = 20\n  [other]\n"
        + "  x = 1\n";
    String after = edit(nested, "mfa", SESSION);
    assertEquals("  [mfa]\n  aws_access_key_id = ASIANEW\n  s3 =\n    max = 20\n"
        + "  aws_session_token = tok==\n  [other]\n  x = 1\n", after);
    assertEquals(List.of("mfa", "other"), IniDocument.parse(after).sections().stream()
        .map(IniSection::name).toList());

    String empty = edit("  [mfa]\n  [other]\n", "mfa", SESSION);
    assertEquals("  [mfa]\n  aws_access_key_id = ASIANEW\n  aws_session_token = tok==\n"
        + "  [other]\n", empty);
  }

  @Test
  void newKeysGoAfterIndentedCommentsThatTheJavaSdkWouldReadAsPartOfTheValue()
      throws IniException {
    assertEquals("[mfa]\nregion = x\n  # set by hand\naws_access_key_id = ASIANEW\n"
            + "aws_session_token = tok==\n# about next\n[next]\n",
        edit("[mfa]\nregion = x\n  # set by hand\n# about next\n[next]\n", "mfa", SESSION));
  }

  @Test
  void anIndentedCommentAfterBlankLinesStillComesBeforeTheNewKeys() throws IniException {
    assertEquals("[mfa]\nregion = x\n\n# col 0\n  # indented\naws_access_key_id = ASIANEW\n"
            + "aws_session_token = tok==\n\n# about next\n[next]\n",
        edit("[mfa]\nregion = x\n\n# col 0\n  # indented\n\n# about next\n[next]\n", "mfa",
            SESSION));
  }

  @Test
  void keepsAMissingFinalNewlineMissing() throws IniException {
    assertEquals("[mfa]\nregion = x\naws_access_key_id = ASIANEW\naws_session_token = tok==",
        edit("[mfa]\nregion = x", "mfa", SESSION));
    assertEquals("[mfa]\naws_access_key_id = ASIANEW\naws_session_token = tok==",
        edit("[mfa]", "mfa", SESSION));
  }

  @Test
  void updatesAStaleSecurityTokenButNeverAddsOne() throws IniException {
    assertEquals("[mfa]\naws_security_token = tok==\naws_access_key_id = ASIANEW\n"
            + "aws_session_token = tok==\n",
        edit("[mfa]\naws_security_token = old\n", "mfa", SESSION));
  }

  @Test
  void addIfMissingLeavesAnExistingValueAlone() throws IniException {
    List<KeyEdit> region = List.of(KeyEdit.addIfMissing("region", "eu-west-1"));
    assertEquals("[p]\nREGION = us-east-1\n", edit("[p]\nREGION = us-east-1\n", "p", region));
    assertEquals("[p]\noutput = json\nregion = eu-west-1\n",
        edit("[p]\noutput = json\n", "p", region));
  }

  @Test
  void dropsTheContinuationLinesOfARewrittenValue() throws IniException {
    assertEquals("[mfa]\naws_session_token = tok==\n# keep\nother = 1\n"
            + "aws_access_key_id = ASIANEW\n",
        edit("[mfa]\naws_session_token = old\n  more\n# keep\n  old tail\nother = 1\n", "mfa",
            SESSION));
  }

  @Test
  void fillsAnEmptyValueAsTheUserSpacesIt() throws IniException {
    assertEquals("[mfa]\naws_session_token = tok==\naws_access_key_id = ASIANEW\n",
        edit("[mfa]\naws_session_token =\n", "mfa", SESSION));
  }

  @Test
  void refusesADuplicateOwnedKeyNamingItsLine() {
    IniException e = assertThrows(IniException.class,
        () -> edit("[mfa]\naws_session_token = a\nregion = x\nAWS_SESSION_TOKEN = b\n", "mfa",
            SESSION));
    assertEquals(4, e.line());
    assertEquals("repeats the key aws_session_token of section [mfa] (first on line 2), which"
        + " the AWS CLI cannot read: delete one of them", e.getMessage());
  }

  @Test
  void refusesAValueWithALineBreak() {
    assertThrows(IllegalArgumentException.class,
        () -> edit("[mfa]\n", "mfa", List.of(KeyEdit.put("k", "a\nb"))));
    assertThrows(IllegalArgumentException.class,
        () -> edit("[mfa]\n", "mfa", List.of(KeyEdit.put("k", "a\rb"))));
  }

  @Test
  void aSecondIdenticalEditChangesNothing() throws IniException {
    String once = edit("# c\n[mfa]\nx = 1\n\n[b]\n", "mfa", SESSION);
    assertEquals(once, edit(once, "mfa", SESSION));
  }

  @Test
  void keepsTheByteOrderMark() throws IniException {
    assertEquals(IniDocument.BOM + "[mfa]\naws_access_key_id = ASIANEW\n",
        edit(IniDocument.BOM + "[mfa]\n", "mfa",
            List.of(KeyEdit.put("aws_access_key_id", "ASIANEW"))));
  }

  @Test
  void appendsAMissingSectionAfterABlankLineInTheFilesLineEnding() {
    List<KeyEdit> edits = List.of(KeyEdit.put("a", "1"), KeyEdit.updateIfPresent("b", "2"));
    assertEquals("[x]\r\nk = v\r\n\r\n[mfa]\r\na = 1\r\n",
        IniEditor.append(IniDocument.parse("[x]\r\nk = v\r\n"), "mfa", edits));
    assertEquals("[x]\nk = v\n\n[mfa]\na = 1\n",
        IniEditor.append(IniDocument.parse("[x]\nk = v"), "mfa", edits));
    assertEquals("[x]\n\n[mfa]\na = 1\n",
        IniEditor.append(IniDocument.parse("[x]\n\n"), "mfa", edits));
    assertEquals("[mfa]\na = 1\n", IniEditor.append(IniDocument.parse(""), "mfa", edits));
  }
}

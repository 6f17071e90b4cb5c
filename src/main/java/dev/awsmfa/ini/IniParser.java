package dev.awsmfa.ini;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a file the way configparser's {@code _read} loop does, line by line, and then finds
 * everything that makes botocore reject it.
 */
final class IniParser {
  /** How many problems a document keeps to show; a file may have millions, all counted. */
  static final int KEPT_PROBLEMS = 10;

  private final LineTable lines;
  private final String content;
  private boolean inSection;
  private int keyLine = -1;
  private int indentLevel;
  private int invalidLines;

  private IniParser(LineTable lines) {
    this.lines = lines;
    this.content = lines.content();
  }

  static IniDocument parse(String content) {
    boolean bom = content.startsWith(IniDocument.BOM);
    IniParser parser = new IniParser(LineTable.split(content, bom ? IniDocument.BOM.length() : 0));
    return parser.document(bom);
  }

  private IniDocument document(boolean bom) {
    for (int line = 0; line < lines.count(); line++) {
      classify(line);
    }
    int[] headers = headers();
    BitSet repeated = Repeats.find(lines, headers);
    int notUtf8 = firstLineNotUtf8();
    int count = (bom ? 1 : 0) + (notUtf8 >= 0 ? 1 : 0) + invalidLines + repeated.cardinality();
    return new IniDocument(lines, headers, firstProblems(bom, notUtf8, repeated), count, bom);
  }

  /** The first {@link #KEPT_PROBLEMS} problems, in line order, their messages made for them. */
  private List<IniProblem> firstProblems(boolean bom, int notUtf8, BitSet repeated) {
    List<IniProblem> problems = new ArrayList<>();
    if (bom) {
      problems.add(new IniProblem(1, "starts with a UTF-8 byte order mark"));
    }
    int header = -1;
    for (int line = 0; line < lines.count() && problems.size() < KEPT_PROBLEMS; line++) {
      if (lines.kind(line) == IniLine.Kind.SECTION) {
        header = line;
      }
      if (line == notUtf8) {
        problems.add(new IniProblem(line + 1, "has bytes that are not valid UTF-8"));
      }
      if (lines.kind(line) == IniLine.Kind.INVALID) {
        problems.add(new IniProblem(line + 1, invalidReason(line, header)));
      } else if (repeated.get(line)) {
        problems.add(new IniProblem(line + 1, repeatReason(line, header)));
      }
    }
    // A line may have two problems, so the loop can end one past the limit.
    return problems.subList(0, Math.min(problems.size(), KEPT_PROBLEMS));
  }

  private void classify(int line) {
    int start = lines.start(line);
    int end = lines.textEnd(line);
    int lead = PythonSpace.skip(content, start, end);
    int trail = PythonSpace.skipBack(content, lead, end);
    if (lead == trail) {
      lines.set(line, IniLine.Kind.BLANK, 0);
    } else if (content.charAt(lead) == '#' || content.charAt(lead) == ';') {
      lines.set(line, IniLine.Kind.COMMENT, 0);
    } else {
      // configparser compares indents in characters of the decoded text, not in bytes.
      int indent = PythonSpace.characters(content, start, lead);
      if (inSection && keyLine >= 0 && indent > indentLevel) {
        lines.set(line, IniLine.Kind.CONTINUATION, keyLine);
      } else {
        indentLevel = indent;
        statement(line, lead, trail);
      }
    }
  }

  /** A line that is neither blank, a comment nor a continuation. */
  private void statement(int line, int lead, int trail) {
    if (content.charAt(lead) == '[' && LineTable.lastIndexOf(content, ']', lead + 2, trail) >= 0) {
      lines.set(line, IniLine.Kind.SECTION, 0);
      inSection = true;
      keyLine = -1;
    } else if (!inSection) {
      invalid(line);
    } else {
      key(line, lead, trail);
    }
  }

  private void key(int line, int lead, int trail) {
    int delimiter = LineTable.delimiter(content, lead, trail);
    if (delimiter < 0) {
      invalid(line); // configparser keeps the key above, so deeper lines still continue it
    } else if (PythonSpace.skipBack(content, lead, delimiter) == lead) {
      keyLine = -1;
      invalid(line);
    } else {
      lines.set(line, IniLine.Kind.KEY, PythonSpace.skip(content, delimiter + 1, trail));
      keyLine = line;
    }
  }

  private void invalid(int line) {
    lines.set(line, IniLine.Kind.INVALID, 0);
    invalidLines++;
  }

  private int[] headers() {
    int count = 0;
    for (int line = 0; line < lines.count(); line++) {
      if (lines.kind(line) == IniLine.Kind.SECTION) {
        count++;
      }
    }
    int[] headers = new int[count];
    for (int line = 0, s = 0; s < count; line++) {
      if (lines.kind(line) == IniLine.Kind.SECTION) {
        headers[s++] = line;
      }
    }
    return headers;
  }

  /** Why an invalid line is invalid, found again from its text and the header above it. */
  private String invalidReason(int line, int header) {
    if (header < 0) {
      return "has a setting before the first [section] header";
    }
    int delimiter = LineTable.delimiter(content, lines.lead(line), lines.textEnd(line));
    return delimiter < 0
        ? "has neither '=' nor ':'"
        : "has no key before '" + content.charAt(delimiter) + "'";
  }

  private String repeatReason(int line, int header) {
    return lines.kind(line) == IniLine.Kind.SECTION
        ? "repeats the section [" + lines.name(line) + "]"
        : "repeats the key " + lines.name(line) + " in section [" + lines.name(header) + "]";
  }

  /**
   * The first line whose text is not well-formed UTF-8, or -1. botocore stops at the first such
   * byte, so one report is enough.
   */
  private int firstLineNotUtf8() {
    if (lines.count() == 0) {
      return -1;
    }
    // A well-formed sequence holds no line break, so the first malformed byte of the whole
    // content lies on the first line that does not decode by itself.
    int at = firstMalformedUtf8(content, lines.start(0));
    return at < 0 ? -1 : lines.lineAt(at);
  }

  /** Where the first byte at or after {@code from} that is not well-formed UTF-8 is, or -1. */
  static int firstMalformedUtf8(String s, int from) {
    for (int i = from; i < s.length(); ) {
      int length = utf8Length(s, i);
      if (length == 0) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /**
   * The length of the well-formed UTF-8 sequence at {@code i}, or 0 if there is none: the
   * Unicode standard's table 3-7, which Java's UTF-8 decoder follows too.
   */
  private static int utf8Length(String s, int i) {
    int first = byteAt(s, i);
    int length;
    int low = 0x80; // the bounds of the second byte; the others are always 80..BF
    int high = 0xbf;
    if (first < 0x80) {
      return 1;
    } else if (first >= 0xc2 && first <= 0xdf) {
      length = 2;
    } else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      low = first == 0xe0 ? 0xa0 : low; // no overlong forms
      high = first == 0xed ? 0x9f : high; // no surrogates
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      low = first == 0xf0 ? 0x90 : low; // no overlong forms
      high = first == 0xf4 ? 0x8f : high; // nothing above U+10FFFF
    } else {
      return 0;
    }
    if (i + length > s.length() || byteAt(s, i + 1) < low || byteAt(s, i + 1) > high) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      if ((byteAt(s, i + k) & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  /** A character beyond ISO-8859-1 is no byte; as the file's bytes it is written as '?'. */
  private static int byteAt(String s, int i) {
    char c = s.charAt(i);
    return c <= 0xff ? c : '?';
  }
}

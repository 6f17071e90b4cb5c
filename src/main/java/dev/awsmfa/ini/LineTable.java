package dev.awsmfa.ini;

import java.util.Arrays;

/**
 * The lines of a file as offsets into its content, with what botocore makes of each line.
 *
 * <p>A file of millions of short lines must not cost an object per line, so the table keeps the
 * content as one string, one character per byte, and per line only where it starts, its kind
 * and one number whose meaning depends on the kind: where a key line's value starts, or which
 * key line a continuation line continues. Everything else about a line (where its text ends,
 * its key or section name, where its value ends) is found again in the text when asked for.
 */
final class LineTable {
  private static final IniLine.Kind[] KINDS = IniLine.Kind.values();

  private final String content;
  /** Where each line starts in {@link #content}, and one more entry: the content's end. */
  private final int[] start;
  private final byte[] kind;
  private final int[] extra;

  private LineTable(String content, int[] start) {
    this.content = content;
    this.start = start;
    this.kind = new byte[start.length - 1];
    this.extra = new int[start.length - 1];
  }

  /**
   * Splits {@code content} from {@code from} into lines at {@code \n}, {@code \r\n} and {@code
   * \r}, each line still to be classified with {@link #set}.
   */
  static LineTable split(String content, int from) {
    // Counting first lets every array be allocated once, at its final size.
    int count = 0;
    for (int pos = from; pos < content.length(); pos = nextLine(content, pos)) {
      count++;
    }
    int[] start = new int[count + 1];
    int line = 0;
    for (int pos = from; pos < content.length(); pos = nextLine(content, pos)) {
      start[line++] = pos;
    }
    start[count] = content.length();
    return new LineTable(content, start);
  }

  private static int nextLine(String content, int pos) {
    int i = pos;
    while (i < content.length() && content.charAt(i) != '\n' && content.charAt(i) != '\r') {
      i++;
    }
    if (i < content.length()) {
      i += content.startsWith("\r\n", i) ? 2 : 1;
    }
    return i;
  }

  /**
   * Records what a line is, with the number its kind needs: for a key line where its value
   * starts in the content, for a continuation line the key line it continues.
   */
  void set(int line, IniLine.Kind lineKind, int datum) {
    kind[line] = (byte) lineKind.ordinal();
    extra[line] = datum;
  }

  String content() {
    return content;
  }

  int count() {
    return kind.length;
  }

  IniLine.Kind kind(int line) {
    return KINDS[kind[line]];
  }

  /** The line that the character at {@code offset} of the content belongs to. */
  int lineAt(int offset) {
    int found = Arrays.binarySearch(start, offset);
    return found >= 0 ? found : -found - 2;
  }

  /** Where the line starts in the content. */
  int start(int line) {
    return start[line];
  }

  /** Where the line's text ends and its line ending starts. */
  int textEnd(int line) {
    int end = start[line + 1];
    // A line's text holds neither '\r' nor '\n', so whatever of them ends the line is its ending.
    if (end > start[line] && content.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > start[line] && content.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** Where the next line starts: the end of this one's line ending. */
  int end(int line) {
    return start[line + 1];
  }

  String text(int line) {
    return content.substring(start(line), textEnd(line));
  }

  String eol(int line) {
    return content.substring(textEnd(line), end(line));
  }

  /** Where the line's text starts after leading whitespace. */
  int lead(int line) {
    return PythonSpace.skip(content, start(line), textEnd(line));
  }

  /** Where the line's text ends before trailing whitespace. */
  int trail(int line) {
    return PythonSpace.skipBack(content, lead(line), textEnd(line));
  }

  /** For a continuation line, the key line it continues, else -1. */
  int owner(int line) {
    return kind(line) == IniLine.Kind.CONTINUATION ? extra[line] : -1;
  }

  /** Where the value of a key or continuation line starts in the content. */
  int valueStart(int line) {
    return kind(line) == IniLine.Kind.KEY ? extra[line] : lead(line);
  }

  /** Where the value of a key or continuation line ends in the content. */
  int valueEnd(int line) {
    return trail(line);
  }

  /** Where the key of a key line ends, before the spacing up to its delimiter. */
  int keyEnd(int line) {
    int lead = lead(line);
    return PythonSpace.skipBack(content, lead, delimiter(content, lead, valueStart(line)));
  }

  /** Where the name of a section header ends: at its last {@code ]}. */
  int sectionNameEnd(int line) {
    return lastIndexOf(content, ']', lead(line), trail(line));
  }

  /** The lower-cased key of a key line, the name of a section header, else empty. */
  String name(int line) {
    return switch (kind(line)) {
      case KEY -> toLowerAscii(content.substring(lead(line), keyEnd(line)));
      case SECTION -> content.substring(lead(line) + 1, sectionNameEnd(line));
      default -> "";
    };
  }

  /** Whether a key line's key is {@code key}, without making a string of it. */
  boolean keyEquals(int line, String key) {
    return isKey(lead(line), keyEnd(line), key);
  }

  /** Whether the content in {@code [from, to)}, lower-cased, is {@code key}. */
  boolean isKey(int from, int to, String key) {
    if (to - from != key.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (toLowerAscii(content.charAt(i)) != key.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  /** Whether two key lines have the same key. */
  boolean sameKey(int a, int b) {
    int fromA = lead(a);
    int fromB = lead(b);
    int length = keyEnd(a) - fromA;
    if (length != keyEnd(b) - fromB) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (toLowerAscii(content.charAt(fromA + i)) != toLowerAscii(content.charAt(fromB + i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a section header names {@code name}, without making a string of its name. */
  boolean sectionNameEquals(int header, String name) {
    int from = lead(header) + 1;
    return sectionNameEnd(header) - from == name.length()
        && content.startsWith(name, from);
  }

  /** Whether two section headers have the same name. */
  boolean sameSectionName(int a, int b) {
    int fromA = lead(a) + 1;
    int fromB = lead(b) + 1;
    int length = sectionNameEnd(a) - fromA;
    return length == sectionNameEnd(b) - fromB
        && content.regionMatches(fromA, content, fromB, length);
  }

  /** Whether {@code line}, after key line {@code keyLine}, still belongs to that key's value. */
  boolean continues(int line, int keyLine) {
    return switch (kind(line)) {
      case CONTINUATION -> owner(line) == keyLine;
      case BLANK, COMMENT -> true;
      default -> false;
    };
  }

  /** The line as a record; made anew on each call. */
  IniLine line(int line) {
    int number = line + 1;
    IniLine.Kind lineKind = kind(line);
    int start = start(line);
    return switch (lineKind) {
      case KEY, CONTINUATION -> {
        int valueStart = valueStart(line);
        int valueEnd = valueEnd(line);
        yield new IniLine(number, text(line), eol(line), lineKind, name(line),
            content.substring(valueStart, valueEnd), valueStart - start, valueEnd - start,
            owner(line));
      }
      case SECTION -> new IniLine(number, text(line), eol(line), lineKind, name(line), "", 0, 0,
          -1);
      default -> IniLine.plain(number, text(line), eol(line), lineKind);
    };
  }

  /** The first {@code =} or {@code :} in {@code [from, to)}, or -1. */
  static int delimiter(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '=' || s.charAt(i) == ':') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The last {@code c} in {@code [from, to)}, or -1. Unlike {@link String#lastIndexOf(int, int)}
   * it never looks before {@code from}, which on a file of many lines would take quadratic time.
   */
  static int lastIndexOf(String s, char c, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Lower-cases an ASCII letter and leaves every other character alone: the content holds
   * bytes, and changing one byte of a multi-byte character would make it another character.
   */
  static char toLowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static String toLowerAscii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(toLowerAscii(s.charAt(i)));
    }
    return out.toString();
  }
}

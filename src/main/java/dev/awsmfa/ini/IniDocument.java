package dev.awsmfa.ini;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS shared credentials or config file, parsed the way botocore parses it, that keeps every
 * byte so that it can be written back with only chosen lines changed.
 *
 * <p>botocore uses Python's {@code configparser.RawConfigParser} with its default options; the
 * rules it follows are written down in {@code shared/ini-rules.md}. In short: comments are whole
 * lines starting with {@code #} or {@code ;}, keys split at the first {@code =} or {@code :} and
 * are lower-cased, lines indented deeper than their key continue its value, and duplicate
 * sections or keys, keys outside a section, and lines without a delimiter make the whole file
 * unreadable. Those problems are recorded, not thrown, so that a caller can decide whether they
 * touch its edit.
 */
public final class IniDocument {
  /** The UTF-8 byte order mark, as ISO-8859-1 characters. */
  static final String BOM = "\u00ef\u00bb\u00bf";

  /** The section whose keys configparser gives to every other section. */
  public static final String DEFAULT_SECTION = "DEFAULT";

  private final List<IniLine> lines;
  private final List<IniSection> sections;
  private final List<IniProblem> problems;
  private final boolean bom;

  private IniDocument(
      List<IniLine> lines, List<IniSection> sections, List<IniProblem> problems, boolean bom) {
    this.lines = List.copyOf(lines);
    this.sections = List.copyOf(sections);
    this.problems = List.copyOf(problems);
    this.bom = bom;
  }

  /** Parses raw file bytes. */
  public static IniDocument parse(byte[] bytes) {
    return parse(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** Parses file content held as ISO-8859-1 characters, one character per byte. */
  public static IniDocument parse(String content) {
    return new Parser(content).parse();
  }

  /** Every line of the file, in order. */
  public List<IniLine> lines() {
    return lines;
  }

  /** Every section, in file order, duplicates included. */
  public List<IniSection> sections() {
    return sections;
  }

  /** Every section with this exact name, in file order. */
  public List<IniSection> sections(String name) {
    List<IniSection> named = new ArrayList<>(1);
    for (IniSection section : sections) {
      if (section.name().equals(name)) {
        named.add(section);
      }
    }
    return List.copyOf(named);
  }

  /** Everything that makes the AWS CLI refuse this file, in line order. */
  public List<IniProblem> problems() {
    return problems;
  }

  /** Whether the file starts with a UTF-8 byte order mark, which botocore cannot read. */
  public boolean hasBom() {
    return bom;
  }

  /** The key lines of a section, in order. */
  public List<IniLine> keyLines(IniSection section) {
    return lines.subList(section.header() + 1, section.end()).stream()
        .filter(l -> l.kind() == IniLine.Kind.KEY)
        .toList();
  }

  /**
   * The value of a key in a section as botocore reads it: the first line's value joined by
   * newlines with its continuation lines. Empty if the key is absent.
   */
  public Optional<String> value(IniSection section, String key) {
    for (int i = section.header() + 1; i < section.end(); i++) {
      IniLine line = lines.get(i);
      if (line.kind() == IniLine.Kind.KEY && line.name().equals(key)) {
        // configparser keeps blank lines inside a value, then strips the end of the whole.
        List<String> parts = new ArrayList<>(List.of(line.value()));
        for (int j = i + 1; j < section.end() && continues(lines.get(j), i); j++) {
          IniLine next = lines.get(j);
          if (next.kind() != IniLine.Kind.COMMENT) {
            parts.add(next.value());
          }
        }
        String joined = String.join("\n", parts);
        return Optional.of(joined.substring(0, PythonSpace.skipBack(joined, 0, joined.length())));
      }
    }
    return Optional.empty();
  }

  /** Whether a line after key line {@code keyIndex} still belongs to that key's value. */
  static boolean continues(IniLine line, int keyIndex) {
    return switch (line.kind()) {
      case CONTINUATION -> line.owner() == keyIndex;
      case BLANK, COMMENT -> true;
      default -> false;
    };
  }

  /** The file's bytes, as ISO-8859-1 characters, exactly as they were read. */
  public String content() {
    StringBuilder out = new StringBuilder(bom ? BOM : "");
    for (IniLine line : lines) {
      out.append(line.text()).append(line.eol());
    }
    return out.toString();
  }

  /** The file's bytes. */
  public byte[] bytes() {
    return content().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The line ending to use for new lines: the file's first, or {@code "\n"} if it has none. */
  public String lineEnding() {
    for (IniLine line : lines) {
      if (!line.eol().isEmpty()) {
        return line.eol();
      }
    }
    return "\n";
  }


  /** Follows configparser's {@code _read} loop line by line. */
  private static final class Parser {
    private final String content;
    private final List<IniLine> lines = new ArrayList<>();
    private final List<IniSection> sections = new ArrayList<>();
    private final List<IniProblem> problems = new ArrayList<>();
    private final Map<String, Set<String>> keysBySection = new HashMap<>();
    private Set<String> sectionKeys = new HashSet<>();
    private boolean utf8Checked;
    private int sectionStart = -1;
    private String sectionName;
    private int keyLine = -1;
    private int indentLevel;

    Parser(String content) {
      this.content = content;
    }

    IniDocument parse() {
      boolean bom = content.startsWith(BOM);
      int pos = bom ? BOM.length() : 0;
      if (bom) {
        problems.add(
            new IniProblem(1, "starts with a UTF-8 byte order mark"));
      }
      while (pos < content.length()) {
        int end = pos;
        while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
          end++;
        }
        int next = end;
        if (next < content.length()) {
          next += content.startsWith("\r\n", next) ? 2 : 1;
        }
        add(content.substring(pos, end), content.substring(end, next));
        pos = next;
      }
      closeSection();
      return new IniDocument(lines, sections, problems, bom);
    }

    private void add(String text, String eol) {
      int number = lines.size() + 1;
      if (!utf8Checked && !isUtf8(text)) {
        utf8Checked = true; // botocore stops at the first such byte, so one report is enough
        problems.add(new IniProblem(number, "has bytes that are not valid UTF-8"));
      }
      int lead = PythonSpace.skip(text, 0, text.length());
      int trail = PythonSpace.skipBack(text, lead, text.length());
      String stripped = text.substring(lead, trail);
      // configparser compares indents in characters of the decoded text, not in bytes.
      int indent = PythonSpace.characters(text, lead);
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        lines.add(IniLine.plain(number, text, eol, IniLine.Kind.COMMENT));
      } else if (stripped.isEmpty()) {
        lines.add(IniLine.plain(number, text, eol, IniLine.Kind.BLANK));
      } else if (sectionName != null && keyLine >= 0 && indent > indentLevel) {
        lines.add(
            new IniLine(number, text, eol, IniLine.Kind.CONTINUATION, "", stripped, lead, trail,
                keyLine));
      } else {
        indentLevel = indent;
        int close = stripped.lastIndexOf(']');
        if (stripped.startsWith("[") && close >= 2) {
          section(number, text, eol, stripped.substring(1, close));
        } else if (sectionName == null) {
          invalid(number, text, eol, "has a setting before the first [section] header");
        } else {
          key(number, text, eol, lead, stripped);
        }
      }
    }

    private void section(int number, String text, String eol, String name) {
      closeSection();
      // configparser merges every [DEFAULT] into the defaults of all sections, so it may repeat.
      if (keysBySection.containsKey(name) && !name.equals(DEFAULT_SECTION)) {
        problems.add(new IniProblem(number, "repeats the section [" + name + "]"));
      }
      sectionStart = lines.size();
      sectionName = name;
      sectionKeys = keysBySection.computeIfAbsent(name, n -> new HashSet<>());
      keyLine = -1;
      lines.add(new IniLine(number, text, eol, IniLine.Kind.SECTION, name, "", 0, 0, -1));
    }

    private void key(int number, String text, String eol, int lead, String stripped) {
      int delimiter = firstDelimiter(stripped);
      if (delimiter < 0) {
        invalid(number, text, eol, "has neither '=' nor ':'");
        return;
      }
      String key = toLowerAscii(stripEnd(stripped.substring(0, delimiter)));
      if (key.isEmpty()) {
        keyLine = -1;
        invalid(number, text, eol, "has no key before '" + stripped.charAt(delimiter) + "'");
        return;
      }
      if (!sectionKeys.add(key)) {
        problems.add(
            new IniProblem(number, "repeats the key " + key + " in section [" + sectionName + "]"));
      }
      int valueEnd = lead + stripped.length();
      int valueStart = PythonSpace.skip(text, lead + delimiter + 1, valueEnd);
      keyLine = lines.size();
      lines.add(
          new IniLine(number, text, eol, IniLine.Kind.KEY, key,
              text.substring(valueStart, valueEnd), valueStart, valueEnd, -1));
    }

    private void invalid(int number, String text, String eol, String message) {
      problems.add(new IniProblem(number, message));
      lines.add(IniLine.plain(number, text, eol, IniLine.Kind.INVALID));
    }

    private void closeSection() {
      if (sectionName != null) {
        sections.add(new IniSection(sectionName, sectionStart, lines.size()));
      }
    }

    private static boolean isUtf8(String text) {
      try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return true;
      } catch (CharacterCodingException e) {
        return false;
      }
    }

    private static int firstDelimiter(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == '=' || s.charAt(i) == ':') {
          return i;
        }
      }
      return -1;
    }

    private static String stripEnd(String s) {
      return s.substring(0, PythonSpace.skipBack(s, 0, s.length()));
    }

    private static String toLowerAscii(String s) {
      StringBuilder out = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
      }
      return out.toString();
    }
  }
}

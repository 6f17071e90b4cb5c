package dev.awsmfa.ini;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * An AWS shared credentials or config file, parsed the way botocore parses it, that keeps every
 * byte so that it can be written back with only chosen lines changed.
 *
 * <p>botocore uses Python's {@code configparser.RawConfigParser} with its default options; the
 * rules it follows are written down in {@code docs/ini-rules.md}. In short: comments are whole
 * lines starting with {@code #} or {@code ;}, keys split at the first {@code =} or {@code :} and
 * are lower-cased, lines indented deeper than their key continue its value, and duplicate
 * sections or keys, keys outside a section, and lines without a delimiter make the whole file
 * unreadable. Those problems are recorded, not thrown, so that a caller can decide whether they
 * touch its edit.
 *
 * <p>The document holds the file as one string and a few numbers per line, so that its size
 * follows the file's whatever the lines look like; the {@link IniLine} and {@link IniSection}
 * records that it hands out are made when asked for.
 */
public final class IniDocument {
  /** The UTF-8 byte order mark, as ISO-8859-1 characters. */
  static final String BOM = "\u00ef\u00bb\u00bf";

  /** The section whose keys configparser gives to every other section. */
  public static final String DEFAULT_SECTION = "DEFAULT";

  private final LineTable lines;
  /** The index of each section's header line; a section ends where the next one starts. */
  private final int[] headers;
  private final List<IniProblem> problems;
  private final int problemCount;
  private final boolean bom;

  IniDocument(LineTable lines, int[] headers, List<IniProblem> problems, int problemCount,
      boolean bom) {
    this.lines = lines;
    this.headers = headers;
    this.problems = List.copyOf(problems);
    this.problemCount = problemCount;
    this.bom = bom;
  }

  /** Parses raw file bytes. */
  public static IniDocument parse(byte[] bytes) {
    return parse(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** Parses file content held as ISO-8859-1 characters, one character per byte. */
  public static IniDocument parse(String content) {
    return IniParser.parse(content);
  }

  /** Every line of the file, in order. */
  public List<IniLine> lines() {
    return new View<>(lines.count()) {
      @Override
      IniLine make(int index) {
        return lines.line(index);
      }
    };
  }

  /** Every section, in file order, duplicates included. */
  public List<IniSection> sections() {
    return new View<>(headers.length) {
      @Override
      IniSection make(int index) {
        return section(index);
      }
    };
  }

  /** Every section with this exact name, in file order. */
  public List<IniSection> sections(String name) {
    List<IniSection> named = new ArrayList<>(1);
    for (int s = 0; s < headers.length; s++) {
      if (lines.sectionNameEquals(headers[s], name)) {
        named.add(section(s));
      }
    }
    return List.copyOf(named);
  }

  private IniSection section(int s) {
    int end = s + 1 < headers.length ? headers[s + 1] : lines.count();
    return new IniSection(lines.name(headers[s]), headers[s], end);
  }

  /**
   * The first ten of the things that make the AWS CLI refuse this file, in line order. The CLI
   * stops at the first; {@link #problemCount()} tells how many there are.
   */
  public List<IniProblem> problems() {
    return problems;
  }

  /** How many things make the AWS CLI refuse this file, {@link #problems()} and the rest. */
  public int problemCount() {
    return problemCount;
  }

  /** Whether the file starts with a UTF-8 byte order mark, which botocore cannot read. */
  public boolean hasBom() {
    return bom;
  }

  /** The key lines of a section, in order. */
  public List<IniLine> keyLines(IniSection section) {
    List<IniLine> keyLines = new ArrayList<>();
    for (int i = section.header() + 1; i < section.end(); i++) {
      if (lines.kind(i) == IniLine.Kind.KEY) {
        keyLines.add(lines.line(i));
      }
    }
    return List.copyOf(keyLines);
  }

  /**
   * The value of a key in a section as botocore reads it: the first line's value joined by
   * newlines with its continuation lines. Empty if the key is absent.
   */
  public Optional<String> value(IniSection section, String key) {
    for (int i = section.header() + 1; i < section.end(); i++) {
      if (lines.kind(i) == IniLine.Kind.KEY && lines.keyEquals(i, key)) {
        return Optional.of(value(section, i));
      }
    }
    return Optional.empty();
  }

  private String value(IniSection section, int keyLine) {
    String content = lines.content();
    StringBuilder joined = new StringBuilder()
        .append(content, lines.valueStart(keyLine), lines.valueEnd(keyLine));
    // configparser keeps blank lines inside a value, then strips the end of the whole.
    for (int i = keyLine + 1; i < section.end() && lines.continues(i, keyLine); i++) {
      if (lines.kind(i) == IniLine.Kind.CONTINUATION) {
        joined.append('\n').append(content, lines.valueStart(i), lines.valueEnd(i));
      } else if (lines.kind(i) == IniLine.Kind.BLANK) {
        joined.append('\n');
      }
    }
    String value = joined.toString();
    return value.substring(0, PythonSpace.skipBack(value, 0, value.length()));
  }

  /** The file's bytes, as ISO-8859-1 characters, exactly as they were read. */
  public String content() {
    return lines.content();
  }

  /** The file's bytes. */
  public byte[] bytes() {
    return content().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The line ending to use for new lines: the file's first, or {@code "\n"} if it has none. */
  public String lineEnding() {
    // Every line but the last has an ending, so the first line's is the file's first if any.
    String first = lines.count() == 0 ? "" : lines.eol(0);
    return first.isEmpty() ? "\n" : first;
  }

  /** The lines, for {@link IniEditor}. */
  LineTable table() {
    return lines;
  }

  /** A read-only list whose elements are made when they are read, so that none is kept. */
  private abstract static class View<T> extends AbstractList<T> implements RandomAccess {
    private final int size;

    View(int size) {
      this.size = size;
    }

    abstract T make(int index);

    @Override
    public T get(int index) {
      return make(Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
      return size;
    }
  }
}

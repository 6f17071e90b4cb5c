package dev.awsmfa.ini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes the lines of chosen keys in one section of an {@link IniDocument} and leaves every other
 * byte as it was.
 *
 * <p>An existing key is rewritten in place, keeping its indentation and the spacing around its
 * delimiter; the key itself is written in lower case. A missing key goes after the section's
 * last key line, so that trailing comments and blank lines stay with the next section. A missing
 * section goes at the end of the file.
 */
public final class IniEditor {
  private static final String DEFAULT_SEPARATOR = " = ";

  private IniEditor() {}

  /**
   * Applies {@code edits} to {@code section} and returns the new file content.
   *
   * @throws IniException if an edited key appears twice in the section
   */
  public static String edit(IniDocument doc, IniSection section, List<KeyEdit> edits)
      throws IniException {
    checkValues(edits);
    LineTable lines = doc.table();
    Map<String, Integer> found = editedKeyLines(lines, section, edits);
    Map<Integer, String> rewrites = new TreeMap<>(); // in line order, as the output is written
    List<KeyEdit> added = new ArrayList<>();
    for (KeyEdit edit : edits) {
      Integer at = found.get(edit.key());
      if (at != null && edit.mode() != KeyEdit.Mode.ADD_IF_MISSING) {
        rewrites.put(at, edit.value());
      } else if (at == null && edit.mode() != KeyEdit.Mode.UPDATE_IF_PRESENT) {
        added.add(edit);
      }
    }
    int last = lastKeyLine(lines, section);
    int anchor = added.isEmpty() ? last : anchor(lines, section, last);
    String insert = added.isEmpty() ? "" : insert(doc, section, last, anchor, added);
    return write(lines, rewrites, anchor, insert);
  }

  /** The line of each edited key in the section. */
  private static Map<String, Integer> editedKeyLines(LineTable lines, IniSection section,
      List<KeyEdit> edits) throws IniException {
    Map<String, Integer> found = new HashMap<>();
    for (int i = section.header() + 1; i < section.end(); i++) {
      String key = lines.kind(i) == IniLine.Kind.KEY ? editedKey(edits, lines, i) : null;
      Integer earlier = key == null ? null : found.putIfAbsent(key, i);
      if (earlier != null) {
        throw new IniException(i + 1, "repeats the key " + key + " of section ["
            + section.name() + "] (first on line " + (earlier + 1)
            + "), which the AWS CLI cannot read: delete one of them");
      }
    }
    return found;
  }

  /** The section's last key or continuation line, or its header if it has none. */
  private static int lastKeyLine(LineTable lines, IniSection section) {
    int last = section.end() - 1;
    while (last > section.header() && lines.kind(last) != IniLine.Kind.KEY
        && lines.kind(last) != IniLine.Kind.CONTINUATION) {
      last--;
    }
    return last;
  }

  /** The content with the rewritten key lines, and {@code insert} after line {@code anchor}. */
  private static String write(LineTable lines, Map<Integer, String> rewrites, int anchor,
      String insert) {
    // A rewritten line grows by at most its new value and a space, as its old value goes.
    int capacity = lines.content().length() + insert.length();
    for (String value : rewrites.values()) {
      capacity += value.length() + 1;
    }
    Splice out = new Splice(lines.content(), capacity);
    for (Map.Entry<Integer, String> rewrite : rewrites.entrySet()) {
      rewrite(lines, rewrite.getKey(), rewrite.getValue(), out);
    }
    // Every rewritten line lies at or before the anchor, so the insert comes after all of them.
    out.copyTo(lines.end(anchor)).append(insert);
    return out.finish();
  }

  /** Appends a new section {@code [name]} with the keys of {@code edits} that add keys. */
  public static String append(IniDocument doc, String name, List<KeyEdit> edits) {
    checkValues(edits);
    String content = doc.content();
    String eol = doc.lineEnding();
    LineTable lines = doc.table();
    StringBuilder added = new StringBuilder();
    if (lines.count() > 0) {
      int lastLine = lines.count() - 1;
      if (lines.textEnd(lastLine) == lines.end(lastLine)) {
        added.append(eol);
      }
      if (lines.kind(lastLine) != IniLine.Kind.BLANK) {
        added.append(eol);
      }
    }
    added.append('[').append(name).append(']').append(eol);
    for (KeyEdit edit : edits) {
      if (edit.mode() != KeyEdit.Mode.UPDATE_IF_PRESENT) {
        added.append(edit.key()).append(DEFAULT_SEPARATOR).append(edit.value()).append(eol);
      }
    }
    return new StringBuilder(content.length() + added.length())
        .append(content).append(added).toString();
  }

  /** The edited key that key line {@code line} has, or null. */
  private static String editedKey(List<KeyEdit> edits, LineTable lines, int line) {
    int from = lines.lead(line);
    int to = lines.keyEnd(line);
    for (KeyEdit edit : edits) {
      if (lines.isKey(from, to, edit.key())) {
        return edit.key();
      }
    }
    return null;
  }

  /**
   * The line after which new keys go: {@code last}, the section's last key or continuation
   * line, or a later indented comment.
   */
  private static int anchor(LineTable lines, IniSection section, int last) {
    // The Java SDK reads an indented comment as part of the value above it, even across blank
    // lines and comments in column 0, so new keys go after the last such comment, never
    // between it and the key it would join.
    int anchor = last;
    for (int i = last + 1; i < section.end() && (lines.kind(i) == IniLine.Kind.COMMENT
        || lines.kind(i) == IniLine.Kind.BLANK); i++) {
      if (lines.kind(i) == IniLine.Kind.COMMENT && PythonSpace.startingAt(lines.content(),
          lines.start(i)) > 0) {
        anchor = i;
      }
    }
    return anchor;
  }

  /** The lines of the added keys, to go after line {@code anchor}. */
  private static String insert(IniDocument doc, IniSection section, int last, int anchor,
      List<KeyEdit> added) {
    LineTable lines = doc.table();
    // Indent like the key (or header) that the new lines follow: less would let an indented
    // header below become part of the new value, more would make the new lines part of it.
    int model = lines.kind(last) == IniLine.Kind.CONTINUATION ? lines.owner(last) : last;
    String indent = lines.content().substring(lines.start(model), lines.lead(model));
    String anchorEol = lines.eol(anchor);
    String eol = anchorEol.isEmpty() ? doc.lineEnding() : anchorEol;
    String separator = separator(lines, section);
    StringBuilder insert = new StringBuilder();
    for (KeyEdit edit : added) {
      insert.append(indent).append(edit.key()).append(separator).append(edit.value()).append(eol);
    }
    if (anchorEol.isEmpty()) {
      // Keep the file's missing final newline missing: the new lines go before it.
      insert.setLength(insert.length() - eol.length());
      insert.insert(0, eol);
    }
    return insert.toString();
  }

  private static void rewrite(LineTable lines, int at, String value, Splice out) {
    String content = lines.content();
    int lead = lines.lead(at);
    int keyEnd = lines.keyEnd(at);
    int valueStart = lines.valueStart(at);
    int valueEnd = lines.valueEnd(at);
    // The key is written in lower case, the one spelling that the Java SDK, whose keys are
    // case-sensitive, also reads; indentation and the spacing around the delimiter stay.
    StringBuilder line = out.copyTo(lead);
    for (int i = lead; i < keyEnd; i++) {
      line.append(LineTable.toLowerAscii(content.charAt(i)));
    }
    line.append(content, keyEnd, valueStart);
    if (valueStart == valueEnd && valueStart - lines.start(at) > 1
        && PythonSpace.isAscii(content.charAt(valueStart - 2))) {
      line.append(' '); // "key =" becomes "key = value", as the user spaces it
    }
    line.append(value);
    out.skipTo(valueEnd);
    // The old value's continuation lines were part of it; a session token has none.
    for (int i = at + 1; i < lines.count() && lines.continues(i, at); i++) {
      if (lines.kind(i) == IniLine.Kind.CONTINUATION) {
        out.copyTo(lines.start(i));
        out.skipTo(lines.end(i));
      }
    }
  }

  /** The spacing around '=' of the section's last '=' line, else of the file's, else " = ". */
  private static String separator(LineTable lines, IniSection section) {
    for (int i = section.end() - 1; i > section.header(); i--) {
      if (spacedEquals(lines, i)) {
        return lines.content().substring(lines.keyEnd(i), lines.valueStart(i));
      }
    }
    for (int i = 0; i < lines.count(); i++) {
      if (spacedEquals(lines, i)) {
        return lines.content().substring(lines.keyEnd(i), lines.valueStart(i));
      }
    }
    return DEFAULT_SEPARATOR;
  }

  /** Whether line {@code i} is a key line whose key and value are split by '=' and spaces. */
  private static boolean spacedEquals(LineTable lines, int i) {
    if (lines.kind(i) != IniLine.Kind.KEY || lines.valueStart(i) == lines.valueEnd(i)) {
      return false; // an empty value shows no spacing after the '='
    }
    // The spacing is what String.strip() would remove around the '='.
    String content = lines.content();
    int from = lines.keyEnd(i);
    int to = lines.valueStart(i);
    while (from < to && Character.isWhitespace(content.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(content.charAt(to - 1))) {
      to--;
    }
    return to - from == 1 && content.charAt(from) == '=';
  }

  private static void checkValues(List<KeyEdit> edits) {
    for (KeyEdit edit : edits) {
      if (edit.value().indexOf('\n') >= 0 || edit.value().indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the value of " + edit.key() + " contains a line break");
      }
    }
  }

  /** The new content: the old one copied in ranges, around the parts that change. */
  private static final class Splice {
    private final String content;
    private final StringBuilder out;
    private int copied;

    Splice(String content, int capacity) {
      this.content = content;
      this.out = new StringBuilder(capacity);
    }

    /** Copies the old content up to {@code offset} and returns the output to write more to. */
    StringBuilder copyTo(int offset) {
      out.append(content, copied, offset);
      copied = offset;
      return out;
    }

    /** Leaves out the old content up to {@code offset}. */
    void skipTo(int offset) {
      copied = offset;
    }

    String finish() {
      return copyTo(content.length()).toString();
    }
  }
}

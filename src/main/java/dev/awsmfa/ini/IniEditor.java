package dev.awsmfa.ini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    List<IniLine> lines = doc.lines();
    Map<String, Integer> found = new HashMap<>();
    int last = section.header();
    for (int i = section.header() + 1; i < section.end(); i++) {
      IniLine line = lines.get(i);
      if (line.kind() == IniLine.Kind.KEY || line.kind() == IniLine.Kind.CONTINUATION) {
        last = i;
      }
      if (line.kind() == IniLine.Kind.KEY && edited(edits, line.name())) {
        Integer earlier = found.putIfAbsent(line.name(), i);
        if (earlier != null) {
          throw new IniException(line.number(), "repeats the key " + line.name() + " of section ["
              + section.name() + "] (first on line " + lines.get(earlier).number()
              + "), which the AWS CLI cannot read: delete one of them");
        }
      }
    }

    String[] rendered = new String[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      rendered[i] = lines.get(i).text() + lines.get(i).eol();
    }
    List<String> added = new ArrayList<>();
    for (KeyEdit edit : edits) {
      Integer at = found.get(edit.key());
      if (at != null && edit.mode() != KeyEdit.Mode.ADD_IF_MISSING) {
        rewrite(lines, at, edit.value(), rendered);
      } else if (at == null && edit.mode() != KeyEdit.Mode.UPDATE_IF_PRESENT) {
        added.add(edit.key() + separator(doc, section) + edit.value());
      }
    }
    if (!added.isEmpty()) {
      IniLine keyLine = lines.get(last);
      // Indent like the key (or header) that the new lines follow: less would let an indented
      // header below become part of the new value, more would make the new lines part of it.
      IniLine model = keyLine.kind() == IniLine.Kind.CONTINUATION
          ? lines.get(keyLine.owner()) : keyLine;
      String indent = leadingSpace(model.text());
      // The Java SDK reads an indented comment as part of the value above it, even across blank
      // lines and comments in column 0, so new keys go after the last such comment, never
      // between it and the key it would join.
      for (int i = last + 1; i < section.end() && (lines.get(i).kind() == IniLine.Kind.COMMENT
          || lines.get(i).kind() == IniLine.Kind.BLANK); i++) {
        if (lines.get(i).kind() == IniLine.Kind.COMMENT
            && PythonSpace.skip(lines.get(i).text(), 0, 1) > 0) {
          last = i;
        }
      }
      IniLine anchor = lines.get(last);
      String eol = anchor.eol().isEmpty() ? doc.lineEnding() : anchor.eol();
      StringBuilder insert = new StringBuilder();
      for (String line : added) {
        insert.append(indent).append(line).append(eol);
      }
      if (anchor.eol().isEmpty()) {
        // Keep the file's missing final newline missing: the new lines go before it.
        insert.setLength(insert.length() - eol.length());
        insert.insert(0, eol);
      }
      rendered[last] = rendered[last] + insert;
    }
    return (doc.hasBom() ? IniDocument.BOM : "") + String.join("", rendered);
  }

  /** Appends a new section {@code [name]} with the keys of {@code edits} that add keys. */
  public static String append(IniDocument doc, String name, List<KeyEdit> edits) {
    checkValues(edits);
    String content = doc.content();
    String eol = doc.lineEnding();
    StringBuilder out = new StringBuilder(content);
    List<IniLine> lines = doc.lines();
    if (!lines.isEmpty()) {
      IniLine lastLine = lines.get(lines.size() - 1);
      if (lastLine.eol().isEmpty()) {
        out.append(eol);
      }
      if (lastLine.kind() != IniLine.Kind.BLANK) {
        out.append(eol);
      }
    }
    out.append('[').append(name).append(']').append(eol);
    for (KeyEdit edit : edits) {
      if (edit.mode() != KeyEdit.Mode.UPDATE_IF_PRESENT) {
        out.append(edit.key()).append(DEFAULT_SEPARATOR).append(edit.value()).append(eol);
      }
    }
    return out.toString();
  }

  private static void rewrite(List<IniLine> lines, int at, String value, String[] rendered) {
    IniLine line = lines.get(at);
    // The key is written in lower case, the one spelling that the Java SDK, whose keys are
    // case-sensitive, also reads; indentation and the spacing around the delimiter stay.
    int keyStart = leadingSpace(line.text()).length();
    String before = line.text().substring(0, keyStart) + line.name()
        + line.text().substring(keyStart + line.name().length(), line.valueStart());
    if (line.valueStart() == line.valueEnd() && before.length() > 1
        && PythonSpace.isAscii(before.charAt(before.length() - 2))) {
      before = before + " "; // "key =" becomes "key = value", as the user spaces it
    }
    rendered[at] = before + value + line.text().substring(line.valueEnd()) + line.eol();
    // The old value's continuation lines were part of it; a session token has none.
    for (int i = at + 1; i < lines.size() && IniDocument.continues(lines.get(i), at); i++) {
      if (lines.get(i).kind() == IniLine.Kind.CONTINUATION) {
        rendered[i] = "";
      }
    }
  }

  /** The spacing around '=' of the section's last '=' line, else of the file's, else " = ". */
  private static String separator(IniDocument doc, IniSection section) {
    String inSection = null;
    String inFile = null;
    for (int i = 0; i < doc.lines().size(); i++) {
      IniLine line = doc.lines().get(i);
      if (line.kind() != IniLine.Kind.KEY || line.value().isEmpty()) {
        continue; // an empty value shows no spacing after the '='
      }
      String text = line.text();
      int keyEnd = leadingSpace(text).length() + line.name().length();
      String sep = text.substring(Math.min(keyEnd, line.valueStart()), line.valueStart());
      if (!sep.strip().equals("=")) {
        continue;
      }
      if (inFile == null) {
        inFile = sep;
      }
      if (i > section.header() && i < section.end()) {
        inSection = sep;
      }
    }
    return inSection != null ? inSection : inFile != null ? inFile : DEFAULT_SEPARATOR;
  }

  private static String leadingSpace(String text) {
    return text.substring(0, PythonSpace.skip(text, 0, text.length()));
  }

  private static boolean edited(List<KeyEdit> edits, String key) {
    return edits.stream().anyMatch(e -> e.key().equals(key));
  }

  private static void checkValues(List<KeyEdit> edits) {
    for (KeyEdit edit : edits) {
      if (edit.value().indexOf('\n') >= 0 || edit.value().indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the value of " + edit.key() + " contains a line break");
      }
    }
  }
}

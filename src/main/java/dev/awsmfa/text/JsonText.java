package dev.awsmfa.text;

import java.util.Locale;

/** JSON strings, for the outputs that scripts read. */
public final class JsonText {
  private JsonText() {}

  /** {@code value} as a quoted JSON string. */
  public static String quote(String value) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else if (c < 0x20) {
        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }
}

package dev.awsmfa.text;

/**
 * Text as one line of plain text. Each control character, which can come from the environment, a
 * file or STS, is shown as an escape ({@code \n}, {@code \x1b}), so that no value can begin a line
 * of its own, such as a forged "mfa: session valid", or steer the terminal.
 */
public final class OneLine {
  private OneLine() {}

  /** {@code text} with every control character escaped. */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isControl(c)) {
            out.append(c <= 0xff ? "\\x" + Integer.toHexString(c | 0x100).substring(1)
                : "\\u" + Integer.toHexString(c | 0x10000).substring(1));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }
}

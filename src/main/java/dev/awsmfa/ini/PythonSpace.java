package dev.awsmfa.ini;

/**
 * Whitespace as botocore sees it. botocore reads the files as UTF-8 text and strips with
 * Python's {@code str.strip()}, whose whitespace includes non-ASCII characters such as the
 * no-break space. awsmfa holds the files as one character per byte, so those characters appear
 * here as their UTF-8 byte sequences.
 */
final class PythonSpace {
  /** The UTF-8 bytes, as ISO-8859-1 characters, of every non-ASCII {@code str.isspace()} char. */
  private static final String[] MULTI_BYTE = {
    "\u00c2\u0085", "\u00c2\u00a0", "\u00e1\u009a\u0080", "\u00e2\u0080\u0080",
    "\u00e2\u0080\u0081", "\u00e2\u0080\u0082", "\u00e2\u0080\u0083", "\u00e2\u0080\u0084",
    "\u00e2\u0080\u0085", "\u00e2\u0080\u0086", "\u00e2\u0080\u0087", "\u00e2\u0080\u0088",
    "\u00e2\u0080\u0089", "\u00e2\u0080\u008a", "\u00e2\u0080\u00a8", "\u00e2\u0080\u00a9",
    "\u00e2\u0080\u00af", "\u00e2\u0081\u009f", "\u00e3\u0080\u0080",
  };

  private PythonSpace() {}

  /** Whether the ASCII character is whitespace to Python. */
  static boolean isAscii(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
  }

  /** How many bytes the whitespace character starting at {@code i} has, or 0. */
  static int startingAt(String s, int i) {
    char c = s.charAt(i);
    if (isAscii(c)) {
      return 1;
    }
    if (c != '\u00c2' && (c < '\u00e1' || c > '\u00e3')) {
      return 0; // no multi-byte space starts with it: most characters, so checked first
    }
    for (String space : MULTI_BYTE) {
      if (s.startsWith(space, i)) {
        return space.length();
      }
    }
    return 0;
  }

  /** How many bytes the whitespace character ending just before {@code end} has, or 0. */
  static int endingAt(String s, int end) {
    char c = s.charAt(end - 1);
    if (isAscii(c)) {
      return 1;
    }
    if (c < '\u0080' || c > '\u00bf') {
      return 0; // no multi-byte character ends with it: most characters, so checked first
    }
    for (String space : MULTI_BYTE) {
      if (end >= space.length() && s.startsWith(space, end - space.length())) {
        return space.length();
      }
    }
    return 0;
  }

  /** The index of the first byte at or after {@code from} that is not whitespace. */
  static int skip(String s, int from, int to) {
    int i = from;
    for (int n; i < to && (n = startingAt(s, i)) > 0; ) {
      i += n;
    }
    return Math.min(i, to);
  }

  /** The index just past the last byte before {@code to} that is not whitespace. */
  static int skipBack(String s, int from, int to) {
    int i = to;
    for (int n; i > from && (n = endingAt(s, i)) > 0; ) {
      i -= n;
    }
    return Math.max(i, from);
  }

  /** How many whitespace characters (not bytes) the bytes in {@code [from, to)} hold. */
  static int characters(String s, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i += Math.max(1, startingAt(s, i))) {
      count++;
    }
    return count;
  }
}

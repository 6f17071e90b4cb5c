package dev.awsmfa.ini;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds the section headers and key lines that botocore rejects as repeats, without a set of
 * names: a file of millions of keys would otherwise hold millions of strings.
 *
 * <p>Each header or key line goes into a {@code long[]} as the hash of its name in the high half
 * and its index in the low half. Sorting brings equal hashes together, in file order, and within
 * each such run the names themselves are compared, so the first line with a name is kept and
 * every later one is a repeat, as if the names had gone into a set in file order.
 *
 * <p>configparser merges a repeated section into the first of its name, so a key in a repeated
 * section is a repeat if any section of that name had it before. {@code [DEFAULT]} may repeat,
 * as configparser merges every {@code [DEFAULT]} into the defaults, but its keys may not.
 */
abstract class Repeats {
  /** The hash is a polynomial modulo this prime. */
  private static final long PRIME = (1L << 31) - 1;

  final LineTable lines;
  final BitSet repeated;
  private final long base;

  private Repeats(LineTable lines, BitSet repeated, long base) {
    this.lines = lines;
    this.repeated = repeated;
    this.base = base;
  }

  /** The lines that repeat a section or a key. */
  static BitSet find(LineTable lines, int[] headers) {
    BitSet repeated = new BitSet(lines.count());
    // Evaluating the polynomial at a random point means that two different names share a hash
    // only by chance, whatever the file: crafted names that all collide would make the runs
    // long and the comparisons within them quadratic. Results never depend on it.
    long base = ThreadLocalRandom.current().nextLong(2, PRIME);
    Sections sections = new Sections(lines, headers, repeated, base);
    sections.find();
    new Keys(lines, headers, sections.firstOfName, repeated, base).find();
    return repeated;
  }

  /** The entries to sort: each the hash of a name, shifted up, and an index. */
  abstract long[] entries();

  /** Whether the names at two indices are the same. */
  abstract boolean sameName(int a, int b);

  /** Takes an index whose name an earlier index already had. */
  abstract void repeats(int later, int first);

  final void find() {
    long[] order = entries();
    Arrays.sort(order);
    for (int start = 0, end; start < order.length; start = end) {
      end = start + 1;
      while (end < order.length && hashOf(order[end]) == hashOf(order[start])) {
        end++;
      }
      // The run's first entry of each name moves to the front, to [start, firsts). Different
      // names seldom share a hash, so that is nearly always one entry.
      int firsts = start;
      for (int i = start; i < end; i++) {
        int first = firstWithName(order, start, firsts, indexOf(order[i]));
        if (first >= 0) {
          repeats(indexOf(order[i]), first);
        } else {
          order[firsts++] = order[i];
        }
      }
    }
  }

  private int firstWithName(long[] order, int from, int to, int index) {
    for (int i = from; i < to; i++) {
      if (sameName(indexOf(order[i]), index)) {
        return indexOf(order[i]);
      }
    }
    return -1;
  }

  /**
   * An entry for {@code index} whose name is the content in {@code [from, to)}, lower-cased or
   * not, hashed as a polynomial whose leading coefficient is {@code lead}. That must not be 0, so
   * that names of different lengths differ as polynomials too.
   */
  final long entry(int index, int lead, int from, int to, boolean lowerCase) {
    String content = lines.content();
    long hash = lead;
    for (int i = from; i < to; i++) {
      char c = lowerCase ? LineTable.toLowerAscii(content.charAt(i)) : content.charAt(i);
      hash = (hash * base + c) % PRIME;
    }
    return hash << 32 | index;
  }

  private static int hashOf(long entry) {
    return (int) (entry >>> 32);
  }

  private static int indexOf(long entry) {
    return (int) entry;
  }

  /** Repeated section headers; the indices are those of {@code headers}. */
  private static final class Sections extends Repeats {
    private final int[] headers;
    /** For each section, the first section with its name. */
    final int[] firstOfName;

    Sections(LineTable lines, int[] headers, BitSet repeated, long base) {
      super(lines, repeated, base);
      this.headers = headers;
      this.firstOfName = new int[headers.length];
      for (int s = 0; s < headers.length; s++) {
        firstOfName[s] = s;
      }
    }

    @Override
    long[] entries() {
      long[] entries = new long[headers.length];
      for (int s = 0; s < headers.length; s++) {
        int from = lines.lead(headers[s]) + 1;
        entries[s] = entry(s, 1, from, lines.sectionNameEnd(headers[s]), false);
      }
      return entries;
    }

    @Override
    boolean sameName(int a, int b) {
      return lines.sameSectionName(headers[a], headers[b]);
    }

    @Override
    void repeats(int later, int first) {
      firstOfName[later] = first;
      if (!lines.sectionNameEquals(headers[later], IniDocument.DEFAULT_SECTION)) {
        repeated.set(headers[later]);
      }
    }
  }

  /** Repeated keys; the indices are line indices. */
  private static final class Keys extends Repeats {
    private final int[] headers;
    private final int[] firstOfName;

    Keys(LineTable lines, int[] headers, int[] firstOfName, BitSet repeated, long base) {
      super(lines, repeated, base);
      this.headers = headers;
      this.firstOfName = firstOfName;
    }

    @Override
    long[] entries() {
      int count = 0;
      for (int line = 0; line < lines.count(); line++) {
        if (lines.kind(line) == IniLine.Kind.KEY) {
          count++;
        }
      }
      long[] entries = new long[count];
      int section = -1;
      for (int line = 0, k = 0; k < count; line++) {
        IniLine.Kind kind = lines.kind(line);
        if (kind == IniLine.Kind.SECTION) {
          section++;
        } else if (kind == IniLine.Kind.KEY) {
          // Led by the first section of its name, a key hashes alike in every section of that
          // name and seldom alike in any other.
          entries[k++] = entry(line, firstOfName[section] + 1, lines.lead(line),
              lines.keyEnd(line), true);
        }
      }
      return entries;
    }

    @Override
    boolean sameName(int a, int b) {
      return firstOfName[sectionOf(a)] == firstOfName[sectionOf(b)] && lines.sameKey(a, b);
    }

    @Override
    void repeats(int later, int first) {
      repeated.set(later);
    }

    private int sectionOf(int line) {
      int found = Arrays.binarySearch(headers, line);
      return found >= 0 ? found : -found - 2;
    }
  }
}

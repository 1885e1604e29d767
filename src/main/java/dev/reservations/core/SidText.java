package dev.reservations.core;

import dev.reservations.text.Echo;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Parsing and printing of the sid wire form, shared by the five sid records. Only ASCII hex digits
 * are accepted: {@code Character.digit} would let Unicode digits through, which TaskRouter's
 * pattern does not.
 */
final class SidText {
  static final int LENGTH = 34;
  private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private SidText() {}

  /** Parses {@code text} as a sid of the given kind; returns {high, low}. */
  static long[] parse(CharSequence text, String prefix, String kind) {
    if (text == null) {
      throw new NullPointerException(kind + " sid");
    }
    if (text.length() != LENGTH
        || text.charAt(0) != prefix.charAt(0)
        || text.charAt(1) != prefix.charAt(1)) {
      throw invalid(text, prefix, kind);
    }
    long high = 0;
    long low = 0;
    for (int i = 2; i < 18; i++) {
      int d = digit(text.charAt(i));
      if (d < 0) {
        throw invalid(text, prefix, kind);
      }
      high = (high << 4) | d;
    }
    for (int i = 18; i < LENGTH; i++) {
      int d = digit(text.charAt(i));
      if (d < 0) {
        throw invalid(text, prefix, kind);
      }
      low = (low << 4) | d;
    }
    return new long[] {high, low};
  }

  static String format(String prefix, long high, long low) {
    byte[] text = new byte[LENGTH];
    text[0] = (byte) prefix.charAt(0);
    text[1] = (byte) prefix.charAt(1);
    for (int i = 0; i < 16; i++) {
      int shift = 60 - 4 * i;
      text[2 + i] = DIGITS[(int) (high >>> shift) & 0xF];
      text[18 + i] = DIGITS[(int) (low >>> shift) & 0xF];
    }
    return new String(text, StandardCharsets.ISO_8859_1); // ASCII: one copy, no decoding
  }

  static int compare(long high, long low, long otherHigh, long otherLow) {
    int c = Long.compareUnsigned(high, otherHigh);
    return c != 0 ? c : Long.compareUnsigned(low, otherLow);
  }

  private static int digit(char c) {
    return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
  }

  private static IllegalArgumentException invalid(CharSequence text, String prefix, String kind) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT, "%s sid must match ^%s[0-9a-fA-F]{32}$: %s", kind, prefix, Echo.of(text)));
  }
}

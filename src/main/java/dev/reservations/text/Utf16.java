package dev.reservations.text;

/**
 * Well-formedness of UTF-16 text: whether it can be written as UTF-8 without loss. Not API: the
 * module does not export this package. Thread-safe; O(length), allocates nothing.
 */
public final class Utf16 {
  private Utf16() {}

  /**
   * Whether {@code text} holds a surrogate that is not half of a high-low pair, which no UTF-8
   * writer can encode faithfully (most write {@code ?}).
   *
   * @param text any text
   * @return true if some surrogate is unpaired
   */
  public static boolean hasUnpairedSurrogate(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}

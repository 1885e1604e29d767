package dev.reservations.text;

/**
 * Quotes a caller's text in an error message, cut to {@value #MAX} characters with the full length
 * noted, so that a huge input never makes a huge message. The one rule for every package of this
 * library; used on failure paths only.
 *
 * <p>Not API: the module does not export this package. Thread-safe; O(1) beyond the copy of at most
 * {@value #MAX} characters.
 */
public final class Echo {
  /** The most characters of a caller's text that a message quotes. */
  public static final int MAX = 200;

  private Echo() {}

  /**
   * {@code text} itself when it is at most {@link #MAX} characters long, else its first {@link
   * #MAX} characters (one fewer rather than half a surrogate pair) followed by {@code …(N chars)}.
   *
   * @param text the caller's text
   * @return the text to quote
   */
  public static String of(CharSequence text) {
    if (text.length() <= MAX) {
      return text.toString();
    }
    // never cut a surrogate pair in half
    int cut = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
    return text.subSequence(0, cut) + "…(" + text.length() + " chars)";
  }
}

package dev.reservations.core;

/**
 * The sid of a workspace: {@code WS} and 32 hex digits. Immutable and thread-safe.
 *
 * @param high the high 64 bits
 * @param low the low 64 bits
 */
public record WorkspaceSid(long high, long low) implements Sid, Comparable<WorkspaceSid> {
  /** The prefix of this kind of sid. */
  public static final String PREFIX = "WS";

  /**
   * Parses the wire form, matching {@code ^WS[0-9a-fA-F]{32}$} exactly. O(1).
   *
   * @param text the text to parse
   * @return the workspace sid it names
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} does not match the pattern
   */
  public static WorkspaceSid parse(CharSequence text) {
    long[] bits = SidText.parse(text, PREFIX, "workspace");
    return new WorkspaceSid(bits[0], bits[1]);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  /** Unsigned 128-bit order, the order of the canonical text. */
  @Override
  public int compareTo(WorkspaceSid other) {
    return SidText.compare(high, low, other.high, other.low);
  }

  /** The canonical wire form: {@code WS} and 32 lower-case hex digits. */
  @Override
  public String toString() {
    return SidText.format(PREFIX, high, low);
  }
}

package dev.reservations.core;

/**
 * The sid of a worker: {@code WK} and 32 hex digits. Immutable and thread-safe.
 *
 * @param high the high 64 bits
 * @param low the low 64 bits
 */
public record WorkerSid(long high, long low) implements Sid, Comparable<WorkerSid> {
  /** The prefix of this kind of sid. */
  public static final String PREFIX = "WK";

  /**
   * Parses the wire form, matching {@code ^WK[0-9a-fA-F]{32}$} exactly. O(1).
   *
   * @param text the text to parse
   * @return the worker sid it names
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} does not match the pattern
   */
  public static WorkerSid parse(CharSequence text) {
    long[] bits = SidText.parse(text, PREFIX, "worker");
    return new WorkerSid(bits[0], bits[1]);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  /** Unsigned 128-bit order, the order of the canonical text. */
  @Override
  public int compareTo(WorkerSid other) {
    return SidText.compare(high, low, other.high, other.low);
  }

  /** The canonical wire form: {@code WK} and 32 lower-case hex digits. */
  @Override
  public String toString() {
    return SidText.format(PREFIX, high, low);
  }
}

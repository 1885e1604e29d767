package dev.reservations.core;

/**
 * The sid of an account: {@code AC} and 32 hex digits. Immutable and thread-safe.
 *
 * @param high the high 64 bits
 * @param low the low 64 bits
 */
public record AccountSid(long high, long low) implements Sid, Comparable<AccountSid> {
  /** The prefix of this kind of sid. */
  public static final String PREFIX = "AC";

  /**
   * Parses the wire form, matching {@code ^AC[0-9a-fA-F]{32}$} exactly. O(1).
   *
   * @param text the text to parse
   * @return the account sid it names
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} does not match the pattern
   */
  public static AccountSid parse(CharSequence text) {
    long[] bits = SidText.parse(text, PREFIX, "account");
    return new AccountSid(bits[0], bits[1]);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  /** Unsigned 128-bit order, the order of the canonical text. */
  @Override
  public int compareTo(AccountSid other) {
    return SidText.compare(high, low, other.high, other.low);
  }

  /** The canonical wire form: {@code AC} and 32 lower-case hex digits. */
  @Override
  public String toString() {
    return SidText.format(PREFIX, high, low);
  }
}

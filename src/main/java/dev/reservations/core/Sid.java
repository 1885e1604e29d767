package dev.reservations.core;

/**
 * A TaskRouter identifier: a two-letter prefix naming the kind, then 128 bits written as 32 hex
 * digits ({@code WT0123…}).
 *
 * <p>Every implementation is an immutable record holding the 128 bits as two longs. Two sids of
 * different kinds are never equal, even with the same bits. {@link Object#toString() toString()} is
 * the canonical wire form: the prefix and 32 lower-case hex digits. Sids of one kind sort in
 * unsigned 128-bit order, which is the order of their canonical text. Thread-safe.
 */
public sealed interface Sid permits AccountSid, WorkspaceSid, TaskSid, WorkerSid, ReservationSid {

  /**
   * The two-letter prefix of this kind, such as {@code "WT"}. O(1).
   *
   * @return the prefix
   */
  String prefix();

  /**
   * The high 64 bits (the first 16 hex digits). O(1).
   *
   * @return the high bits
   */
  long high();

  /**
   * The low 64 bits (the last 16 hex digits). O(1).
   *
   * @return the low bits
   */
  long low();
}

package dev.reservations.engine;

import java.util.Arrays;

/**
 * Interns 128-bit sids (tasks, workers, workspaces) as dense int ids 0, 1, 2, … in first-seen
 * order, reusing the ids of removed sids.
 *
 * <p>Layout: the bits live interleaved in one {@code long[]} (high at {@code 2 id}, low at {@code 2
 * id + 1}), so that a lookup or a read of a sid touches one cache line for them; an open-addressing
 * {@code int[]} of ids (linear probing, -1 empty, load ≤ 1/2, backward-shift removal, so that no
 * tombstones build up) finds an id from the bits. A removed id goes on a stack of free ids, which
 * {@link #intern} takes from before it makes a new one; the stack is threaded through the free ids'
 * own bits (the high long of a free id holds the next free id, or -1), so it costs nothing. About
 * 16 bytes of bits (plus growth slack) and 8 to 16 of slots per id.
 *
 * <p>Invariants: ids below {@link #size()} are either in the slots or on the free stack, never
 * both; {@link #remove} allocates nothing.
 */
final class SidTable {
  private long[] bits = new long[32];
  private int size;
  private int[] slots = empty(16);
  private int freeHead = -1;

  /** One more than the highest id handed out: the length a column indexed by id needs. */
  int size() {
    return size;
  }

  /** The id the next new sid gets. */
  int nextId() {
    return freeHead >= 0 ? freeHead : size;
  }

  long high(int id) {
    return bits[2 * id];
  }

  long low(int id) {
    return bits[2 * id + 1];
  }

  /** The id of these bits, or -1. */
  int find(long high, long low) {
    int mask = slots.length - 1;
    for (int i = spread(high, low) & mask; ; i = (i + 1) & mask) {
      int id = slots[i];
      if (id < 0) {
        return -1;
      }
      if (bits[2 * id + 1] == low && bits[2 * id] == high) {
        return id;
      }
    }
  }

  /** The id of these bits, made if new. After {@link #ensureRoom} a new id allocates nothing. */
  int intern(long high, long low) {
    int found = find(high, low);
    if (found >= 0) {
      return found;
    }
    ensureRoom();
    int id;
    if (freeHead >= 0) {
      id = freeHead;
      freeHead = (int) bits[2 * id];
    } else {
      id = size++;
    }
    bits[2 * id] = high;
    bits[2 * id + 1] = low;
    place(slots, id);
    return id;
  }

  /** Removes a present id, which {@link #intern} may hand out again. Allocates nothing. */
  void remove(int id) {
    int mask = slots.length - 1;
    int i = spread(high(id), low(id)) & mask;
    while (slots[i] != id) {
      if (slots[i] < 0) {
        throw new IllegalStateException("sid table lost id " + id);
      }
      i = (i + 1) & mask;
    }
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] >= 0; j = (j + 1) & mask) {
      int home = spread(high(slots[j]), low(slots[j])) & mask;
      // slot j may move to the hole unless its home lies cyclically in (hole, j]
      if (hole <= j ? home <= hole || j < home : home <= hole && j < home) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = -1;
    bits[2 * id] = freeHead;
    bits[2 * id + 1] = 0;
    freeHead = id;
  }

  /**
   * Grows the bits and the slots so that one more id fits at a load of at most 1/2, without
   * changing which ids there are: a failure here (an {@code OutOfMemoryError}) leaves the table as
   * it was.
   */
  void ensureRoom() {
    if (freeHead >= 0) {
      return;
    }
    if (2 * size + 2 > bits.length) {
      bits = Arrays.copyOf(bits, bits.length + (bits.length >> 1));
    }
    if (2 * (size + 1) > slots.length) {
      int[] grown = empty(slots.length * 2);
      for (int id : slots) {
        if (id >= 0) {
          place(grown, id);
        }
      }
      slots = grown;
    }
  }

  private void place(int[] into, int id) {
    int mask = into.length - 1;
    int i = spread(high(id), low(id)) & mask;
    while (into[i] >= 0) {
      i = (i + 1) & mask;
    }
    into[i] = id;
  }

  private static int spread(long high, long low) {
    long h = SidCipher.mix(high ^ Long.rotateLeft(low, 29));
    return (int) (h ^ (h >>> 32));
  }

  private static int[] empty(int capacity) {
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    return slots;
  }
}

package dev.reservations.engine;

import java.util.Arrays;

/**
 * The (task, worker) pairs that hold a pending reservation, so that {@code reserve} checks "a
 * worker holds at most one pending reservation per task" in O(1) expected, however many pending
 * reservations the task or the worker has.
 *
 * <p>Layout: open addressing over {@code long}s, each pair packed as {@code task << 32 | worker}
 * (both dense ids, so never negative), linear probing, {@link #FREE} for an empty slot, a load of
 * at most 1/2, and backward-shift deletion, so that no tombstones build up as reservations come and
 * go. Holds only pending pairs: 16 to 32 bytes per pending reservation, none for the rest.
 *
 * <p>Invariants: a pair is present exactly when a row of that task and worker is pending, and every
 * present pair is reachable from its home slot without crossing a free one. {@link #ensureRoom}
 * grows before {@link #add} writes, so a failure to allocate changes nothing.
 */
final class PendingPairs {
  private static final long FREE = -1L;

  private long[] slots = empty(16);
  private int size;

  private static long pair(int task, int worker) {
    return (long) task << 32 | worker;
  }

  boolean contains(int task, int worker) {
    long pair = pair(task, worker);
    int mask = slots.length - 1;
    for (int i = home(pair, mask); ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == FREE) {
        return false;
      }
      if (slot == pair) {
        return true;
      }
    }
  }

  /** Grows so that one more pair fits at a load of at most 1/2; changes no pair. */
  void ensureRoom() {
    if (2 * (size + 1) > slots.length) {
      long[] grown = empty(slots.length * 2);
      int mask = grown.length - 1;
      for (long slot : slots) {
        if (slot != FREE) {
          int i = home(slot, mask);
          while (grown[i] != FREE) {
            i = (i + 1) & mask;
          }
          grown[i] = slot;
        }
      }
      slots = grown;
    }
  }

  /** Adds a pair that is not present; after {@link #ensureRoom}, allocates nothing. */
  void add(int task, int worker) {
    ensureRoom();
    long pair = pair(task, worker);
    int mask = slots.length - 1;
    int i = home(pair, mask);
    while (slots[i] != FREE) {
      i = (i + 1) & mask;
    }
    slots[i] = pair;
    size++;
  }

  /** Removes a present pair, shifting back the pairs probed past it. */
  void remove(int task, int worker) {
    long pair = pair(task, worker);
    int mask = slots.length - 1;
    int i = home(pair, mask);
    while (slots[i] != pair) {
      if (slots[i] == FREE) {
        throw new IllegalStateException("pending pairs lost task " + task + ", worker " + worker);
      }
      i = (i + 1) & mask;
    }
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != FREE; j = (j + 1) & mask) {
      int h = home(slots[j], mask);
      // slot j may move to the hole unless its home lies cyclically in (hole, j]
      boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
      if (!stays) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = FREE;
    size--;
  }

  int size() {
    return size;
  }

  private static int home(long pair, int mask) {
    long h = SidCipher.mix(pair);
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private static long[] empty(int capacity) {
    long[] slots = new long[capacity];
    Arrays.fill(slots, FREE);
    return slots;
  }
}

package dev.reservations.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One status list of a large key in {@link KeyIndex} (or its list of every row): rows in list
 * order, cut into blocks, so that adding or removing a row shifts one block and not the whole list.
 * When one worker holds most of the pending reservations, each timeout removes its oldest pending
 * row, and its other moves come out at scattered places; with one sorted array each of those was a
 * shift of up to the whole list. A new row goes after the last one (sids count up in creation
 * order, so even rows made at one instant come in list order), which {@link #insert} checks first.
 *
 * <p>Layout: {@code blocks[0 .. blockCount)}, each an {@code int[]} with its size in element 0 and
 * its rows after it, as a small spilled key's array; {@link #size} is the sum of their sizes. Every
 * block but the last is {@value #BLOCK} + 1 ints long; the last one grows by half from a few ints
 * up to that, so that a list of a few dozen rows costs about what one array did. A full block that
 * takes a row splits in two halves, unless the row goes after the last row of the last block: then
 * a new last block starts with it, so that rows added in list order fill every block. A block but
 * the last that falls under {@value #FLOOR} rows takes rows from the next block, or merges with it
 * when both fit in one. Full-length blocks come from and go back to {@link Spares}, so that a split
 * allocates nothing once {@link #ensureRoom} and {@link Spares#ensure} ran.
 *
 * <p>Invariants: every run of rows, and the rows across blocks, sorted by {@link
 * ReservationTable#compare}; every block holds at most {@value #BLOCK} rows, and every block but
 * the last at least {@value #FLOOR}; only the sole block of a list may be empty (a list keeps it
 * when it empties). So a change shifts at most {@value #BLOCK} rows within a block and copies at
 * most one more block, plus, when a block splits or merges, a shift of the at most {@code size /
 * FLOOR} references of {@code blocks}, which a block does at most once per {@value #FLOOR} changes
 * of it (a split leaves halves, a mend at least {@code 2 · FLOOR - 1} rows); finding a row is a
 * binary search over the blocks' last rows and one within a block, O(log size). About 4 bytes per
 * row in full blocks, as rows added in list order leave them, about 6 after random inserts split
 * blocks in halves, at most 16 (every block at its floor); plus about 48 bytes per list.
 */
final class ChunkedRows {
  /**
   * The most rows of a block: of 128, 256 and 512, the fastest on the skewed shapes of {@code
   * ExpireSkewBenchmark}, {@code ClockJumpBenchmark} and {@code SameInstantBenchmark}.
   */
  static final int BLOCK = 512;

  /** The fewest rows of a block that is not the last. */
  static final int FLOOR = BLOCK / 4;

  /** What fills a slot past the last block or spare, so that no freed block stays reachable. */
  private static final int[] NONE = {0};

  int[][] blocks;
  int blockCount;
  int size;

  /** A list of the rows of {@code first}, in the layout of a block, which it takes over. */
  ChunkedRows(int[] first) {
    this.blocks = new int[][] {first};
    this.blockCount = 1;
    this.size = first[0];
  }

  /**
   * Grows what {@link #insert} needs, without changing which rows the list holds: room in the last
   * block (any other has room or splits) and room in {@code blocks} for one more block. The block a
   * split needs is the caller's, in {@link Spares}.
   */
  void ensureRoom() {
    int[] last = blocks[blockCount - 1];
    if (last[0] + 1 == last.length && last[0] < BLOCK) {
      blocks[blockCount - 1] = grown(last);
    }
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, blockCount + Math.max(2, blockCount >> 1));
    }
  }

  /** A copy of a last block with half as much room again, at most a full block. */
  private static int[] grown(int[] block) {
    return Arrays.copyOf(block, Math.min(BLOCK + 1, block.length + Math.max(2, block.length >> 1)));
  }

  /**
   * Adds a row at its place in list order. O(log size + {@value #BLOCK}); allocates nothing after
   * {@link #ensureRoom} with one spare block in {@code spares}, else what they would.
   */
  void insert(ReservationTable table, int row, Spares spares) {
    ensureRoom();
    int b = blockCount - 1;
    int[] block = blocks[b];
    int n = block[0];
    int at;
    if (n == 0 || table.compare(block[n], row) < 0) {
      at = n + 1;
    } else {
      b = firstBlockAfter(table, row);
      block = blocks[b];
      n = block[0];
      at = place(table, block, row, n);
    }
    if (n < BLOCK) {
      System.arraycopy(block, at, block, at + 1, n + 1 - at);
      block[at] = row;
      block[0] = n + 1;
    } else {
      split(b, at, row, spares.take());
    }
    size++;
  }

  /** Splits the full block {@code b} around a row that goes at {@code at}, into {@code right}. */
  private void split(int b, int at, int row, int[] right) {
    int[] left = blocks[b];
    if (b == blockCount - 1 && at == BLOCK + 1) {
      right[0] = 1;
      right[1] = row;
    } else {
      int keep = BLOCK / 2;
      System.arraycopy(left, keep + 1, right, 1, BLOCK - keep);
      left[0] = keep;
      right[0] = BLOCK - keep;
      int[] into = at <= keep + 1 ? left : right;
      int i = at <= keep + 1 ? at : at - keep;
      int n = into[0];
      System.arraycopy(into, i, into, i + 1, n + 1 - i);
      into[i] = row;
      into[0] = n + 1;
    }
    System.arraycopy(blocks, b + 1, blocks, b + 2, blockCount - b - 1);
    blocks[b + 1] = right;
    blockCount++;
  }

  /**
   * Removes a row, then mends a block left under {@value #FLOOR} rows. O(log size + {@value
   * #BLOCK}); allocates nothing; a freed full-length block goes to {@code spares}.
   *
   * @throws IllegalStateException if the list does not hold the row
   */
  void remove(ReservationTable table, int row, Spares spares) {
    int b = size == 0 ? blockCount : firstBlockAtOrAfter(table, row);
    int[] block = blocks[Math.min(b, blockCount - 1)];
    int n = block[0];
    int at = place(table, block, row, n) - 1;
    if (b == blockCount || at < 1 || block[at] != row) {
      throw new IllegalStateException("index lost row " + row);
    }
    System.arraycopy(block, at + 1, block, at, n - at);
    block[0] = n - 1;
    size--;
    mend(b, spares);
  }

  /** Restores the floor of block {@code b} after a removal from it. */
  private void mend(int b, Spares spares) {
    int[] block = blocks[b];
    int n = block[0];
    if (b == blockCount - 1) {
      if (n == 0 && blockCount > 1) {
        spares.give(block);
        blocks[--blockCount] = NONE;
      }
      return;
    }
    if (n >= FLOOR) {
      return;
    }
    int[] next = blocks[b + 1];
    int m = next[0];
    if (n + m <= BLOCK) {
      System.arraycopy(next, 1, block, n + 1, m);
      block[0] = n + m;
      spares.give(next);
      System.arraycopy(blocks, b + 2, blocks, b + 1, blockCount - b - 2);
      blocks[--blockCount] = NONE;
    } else {
      int moved = (n + m) / 2 - n;
      System.arraycopy(next, 1, block, n + 1, moved);
      block[0] = n + moved;
      System.arraycopy(next, moved + 1, next, 1, m - moved);
      next[0] = m - moved;
    }
  }

  /** The first block whose last row sorts after {@code row}; the list's last row must. */
  private int firstBlockAfter(ReservationTable table, int row) {
    int lo = 0;
    int hi = blockCount - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int[] block = blocks[mid];
      if (table.compare(block[block[0]], row) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The first block whose last row is {@code row} or sorts after it; {@code blockCount} if none.
   */
  private int firstBlockAtOrAfter(ReservationTable table, int row) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int[] block = blocks[mid];
      if (table.compare(block[block[0]], row) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The first index in [1, n + 1] of {@code block} whose row sorts after {@code row}. */
  private static int place(ReservationTable table, int[] block, int row, int n) {
    int lo = 1;
    int hi = n + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (table.compare(block[mid], row) > 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Writes up to {@code limit} rows, of {@code worker} unless it is negative, into {@code out}:
   * from the first row, or strictly after {@code from} in list order when {@code from.after()},
   * else strictly before it in reverse order. Returns how many. O(log size + rows walked).
   */
  int read(
      ReservationTable table,
      int worker,
      PageCursor.@Nullable Boundary from,
      int limit,
      int[] out) {
    if (size == 0 || limit <= 0) {
      return 0;
    }
    int n = 0;
    if (from == null || from.after()) {
      int b = 0;
      int i = 1;
      if (from != null) {
        b = firstBlockAfterKey(table, from, false);
        i = b < blockCount ? firstAfterKey(table, blocks[b], from, false) : 1;
      }
      if (worker < 0) {
        for (; b < blockCount && n < limit; b++, i = 1) {
          int take = Math.min(blocks[b][0] - i + 1, limit - n);
          System.arraycopy(blocks[b], i, out, n, Math.max(0, take));
          n += Math.max(0, take);
        }
        return n;
      }
      for (; b < blockCount; b++, i = 1) {
        int[] block = blocks[b];
        for (int last = block[0]; i <= last; i++) {
          int row = block[i];
          if (worker < 0 || table.worker(row) == worker) {
            out[n++] = row;
            if (n == limit) {
              return n;
            }
          }
        }
      }
      return n;
    }
    int b = firstBlockAfterKey(table, from, true);
    int i = b < blockCount ? firstAfterKey(table, blocks[b], from, true) - 1 : 0;
    if (b == blockCount) {
      b--;
      i = blocks[b][0];
    }
    for (; b >= 0; b--, i = b >= 0 ? blocks[b][0] : 0) {
      int[] block = blocks[b];
      for (; i >= 1; i--) {
        int row = block[i];
        if (worker < 0 || table.worker(row) == worker) {
          out[n++] = row;
          if (n == limit) {
            return n;
          }
        }
      }
    }
    return n;
  }

  /** How many rows of {@code worker} the list holds. O(size). */
  int countOf(ReservationTable table, int worker) {
    int n = 0;
    for (int b = 0; b < blockCount; b++) {
      int[] block = blocks[b];
      for (int i = 1, last = block[0]; i <= last; i++) {
        if (table.worker(block[i]) == worker) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * The first block whose last row sorts after the key (at or after it when {@code inclusive});
   * {@code blockCount} if none.
   */
  private int firstBlockAfterKey(
      ReservationTable table, PageCursor.Boundary key, boolean inclusive) {
    int lo = 0;
    int hi = blockCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int[] block = blocks[mid];
      int c = table.compareToKey(block[block[0]], key.created(), key.high(), key.low());
      if (c > 0 || (inclusive && c == 0)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The index in [1, size + 1] of a block's first row after the key; see above. */
  private static int firstAfterKey(
      ReservationTable table, int[] block, PageCursor.Boundary key, boolean inclusive) {
    int lo = 1;
    int hi = block[0] + 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = table.compareToKey(block[mid], key.created(), key.high(), key.low());
      if (c > 0 || (inclusive && c == 0)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Full-length blocks kept ready for splits, so that a change that ran {@link #ensure} first
   * allocates none; blocks freed by merges refill it, up to {@value #KEPT}. One per {@link
   * KeyIndex}; a spare's contents are garbage.
   */
  static final class Spares {
    private static final int KEPT = 4;
    private final int[][] kept = new int[KEPT][];
    private int count;

    /** Allocates spares until at least {@code n} (at most {@value #KEPT}) are ready. */
    void ensure(int n) {
      while (count < n) {
        kept[count] = new int[BLOCK + 1];
        count++;
      }
    }

    /** A spare block; allocates one only if none is ready. */
    int[] take() {
      if (count == 0) {
        return new int[BLOCK + 1];
      }
      int[] block = kept[--count];
      kept[count] = NONE;
      return block;
    }

    /** Keeps a freed block if it is full-length and there is room; else drops it. */
    void give(int[] block) {
      if (block.length == BLOCK + 1 && count < KEPT) {
        kept[count++] = block;
      }
    }
  }
}

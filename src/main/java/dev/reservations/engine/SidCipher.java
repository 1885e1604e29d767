package dev.reservations.engine;

/**
 * Turns sequence numbers into reservation sids and back, so that the table stores no sid at all.
 *
 * <p>Layout: the high 64 bits of a sid are the reservation's sequence number (0, 1, 2, … in
 * creation order, never reused, even after a deletion frees its row) plus an offset below 2^62
 * drawn from the seed; the low 64 bits are a keyed hash of the high ones (two rounds of xor-key and
 * murmur3's finaliser) and serve as a check that the sid is this engine's. So sids never collide
 * within an engine, a sid maps back to its row without a hash map, and sid order is creation order:
 * reservations created at one instant come in list order as they are made, and each goes after the
 * last row of every list it joins, which is one comparison of sequence numbers. Keys and offset
 * come from the seed, so the same seed gives the same sids; two seeds give other check bits, so two
 * engines never share a sid unless a 64-bit check collides. Zero bytes per reservation.
 */
final class SidCipher {
  /** Sequence numbers stay below this, so that the offset plus one never overflows 63 bits. */
  static final long SEQ_LIMIT = 1L << 62;

  private static final long C1 = 0xff51afd7ed558ccdL;
  private static final long C2 = 0xc4ceb9fe1a85ec53L;

  private final long offset;
  private final long key0;
  private final long key1;

  SidCipher(long seed) {
    SplitMix keys = new SplitMix(seed ^ 0x5ad5_1d00_c1f3_e5a7L);
    this.key0 = keys.next();
    this.key1 = keys.next();
    this.offset = keys.next() >>> 2;
  }

  /** The high bits of the sid of {@code seq}, which must be in {@code [0, SEQ_LIMIT)}. */
  long high(long seq) {
    return offset + seq;
  }

  /** The low bits, the check, of the sid whose high bits are {@code high}. */
  long low(long high) {
    return mix(mix(high ^ key0) ^ key1);
  }

  /** The sequence number whose sid this is, or -1 if no reservation of this engine has it. */
  long seq(long high, long low) {
    long seq = high - offset; // a negative high gives a negative seq, or wraps past SEQ_LIMIT
    if (seq < 0 || seq >= SEQ_LIMIT || low(high) != low) {
      return -1;
    }
    return seq;
  }

  static long mix(long x) {
    x ^= x >>> 33;
    x *= C1;
    x ^= x >>> 33;
    x *= C2;
    x ^= x >>> 33;
    return x;
  }

  /** SplitMix64: the seed expander for every key an engine derives. */
  static final class SplitMix {
    private long state;

    SplitMix(long seed) {
      this.state = seed;
    }

    long next() {
      state += 0x9e3779b97f4a7c15L;
      return mix(state);
    }
  }
}

package dev.reservations.engine;

/**
 * Turns sequence numbers into reservation sids and back, so that the table stores no sid at all.
 *
 * <p>Layout: the low 64 bits of a sid are a keyed bijection of the reservation's sequence number,
 * 0, 1, 2, … in creation order and never reused, even after a deletion frees its row (two rounds of
 * xor-key and murmur3's invertible finaliser), so sids never collide within an engine and a sid
 * maps back to its row without a hash map. The high 64 bits are a keyed hash of the low ones and
 * serve as a check that the sid is this engine's. Keys come from the seed, so the same seed gives
 * the same sids. Zero bytes per reservation.
 */
final class SidCipher {
  private static final long C1 = 0xff51afd7ed558ccdL;
  private static final long C2 = 0xc4ceb9fe1a85ec53L;
  private static final long C1_INVERSE = inverse(C1);
  private static final long C2_INVERSE = inverse(C2);

  private final long key0;
  private final long key1;
  private final long key2;

  SidCipher(long seed) {
    SplitMix keys = new SplitMix(seed ^ 0x5ad5_1d00_c1f3_e5a7L);
    this.key0 = keys.next();
    this.key1 = keys.next();
    this.key2 = keys.next();
  }

  long low(long seq) {
    return mix(mix(seq ^ key0) ^ key1);
  }

  long high(long low) {
    return mix(low ^ key2);
  }

  /** The sequence number whose sid this is, or -1 if no reservation of this engine has it. */
  long seq(long high, long low) {
    long seq = unmix(unmix(low) ^ key1) ^ key0;
    if (seq < 0 || high(low) != high) {
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

  private static long unmix(long x) {
    x ^= x >>> 33;
    x *= C2_INVERSE;
    x ^= x >>> 33;
    x *= C1_INVERSE;
    x ^= x >>> 33;
    return x;
  }

  /** The multiplicative inverse of an odd number modulo 2^64, by Newton's iteration. */
  private static long inverse(long odd) {
    long x = odd;
    for (int i = 0; i < 6; i++) {
      x *= 2 - odd * x;
    }
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

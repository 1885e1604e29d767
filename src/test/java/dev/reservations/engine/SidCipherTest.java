package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SidCipherTest {
  @Test
  void seq_ofEverySid_mapsBack_andSidOrderIsSequenceOrder() {
    SidCipher cipher = new SidCipher(77);
    Set<Long> lows = new HashSet<>();
    long lastHigh = -1;
    for (int seq = 0; seq < 100_000; seq++) {
      long high = cipher.high(seq);
      assertTrue(Long.compareUnsigned(high, lastHigh) > 0 || seq == 0, () -> "at " + high);
      lastHigh = high;
      lows.add(cipher.low(high));
      assertEquals(seq, cipher.seq(high, cipher.low(high)));
    }
    assertEquals(100_000, lows.size());
    long last = SidCipher.SEQ_LIMIT - 1;
    long high = cipher.high(last);
    assertTrue(high > cipher.high(0), "the last sequence number does not wrap: " + high);
    assertEquals(last, cipher.seq(high, cipher.low(high)));
  }

  @Test
  void seq_foreignSid_isMinusOne() {
    SidCipher cipher = new SidCipher(77);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      assertEquals(-1, cipher.seq(random.nextLong(), random.nextLong()));
    }
    for (long seq = 0; seq < 1_000; seq++) {
      long high = cipher.high(seq);
      assertEquals(-1, cipher.seq(high, cipher.low(high) ^ (1L << (seq % 64))), "bit flipped");
      assertEquals(-1, cipher.seq(high - seq - 1, cipher.low(high - seq - 1)), "before the first");
    }
    long beyond = cipher.high(SidCipher.SEQ_LIMIT);
    assertEquals(-1, cipher.seq(beyond, cipher.low(beyond)));
    SidCipher other = new SidCipher(78);
    long theirs = other.high(5);
    assertEquals(-1, cipher.seq(theirs, other.low(theirs)));
    assertNotEquals(cipher.low(cipher.high(5)), other.low(other.high(5)));
    assertNotEquals(cipher.high(5), other.high(5));
  }

  /**
   * The check is a bijection of the high bits, so a sid with either half changed is refused, not
   * merely most of the time: every one of the 128 single-bit flips of sids at both ends of the
   * range, under several seeds.
   */
  @Test
  void seq_everySingleBitFlip_isMinusOne() {
    for (long seed : new long[] {0, 1, 77, -1, Long.MIN_VALUE}) {
      SidCipher cipher = new SidCipher(seed);
      for (long seq :
          new long[] {0, 1, 2, 1L << 40, SidCipher.SEQ_LIMIT - 2, SidCipher.SEQ_LIMIT - 1}) {
        long high = cipher.high(seq);
        long low = cipher.low(high);
        assertEquals(seq, cipher.seq(high, low));
        for (int bit = 0; bit < 64; bit++) {
          String at = "seed " + seed + ", seq " + seq + ", bit " + bit;
          assertEquals(-1, cipher.seq(high ^ (1L << bit), low), "high " + at);
          assertEquals(-1, cipher.seq(high, low ^ (1L << bit)), "low " + at);
        }
      }
    }
  }

  /**
   * High bits outside {@code [offset, offset + SEQ_LIMIT)}, each with the very check this cipher
   * computes for them: below the offset, at and past the limit, negative, and the ends of a long.
   */
  @Test
  void seq_highOutsideTheRangeWithItsOwnCheck_isMinusOne() {
    for (long seed : new long[] {0, 1, 77, -1, Long.MIN_VALUE}) {
      SidCipher cipher = new SidCipher(seed);
      long offset = cipher.high(0);
      assertTrue(offset >= 0 && offset < 1L << 62, () -> "offset " + offset);
      long[] outside = {
        offset - 1,
        offset > 0 ? 0 : -1,
        offset + SidCipher.SEQ_LIMIT,
        offset + SidCipher.SEQ_LIMIT + 1,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        -1,
        Long.MIN_VALUE + offset
      };
      for (long high : outside) {
        assertEquals(-1, cipher.seq(high, cipher.low(high)), () -> "seed " + seed + ", " + high);
      }
    }
  }

  /**
   * Sids of other seeds, with the high bits of this engine's own sids (as when the offsets of two
   * engines lie close): their check is the other seed's, which this cipher refuses.
   */
  @Test
  void seq_sidsOfOtherSeedsOnThisEnginesHighBits_areMinusOne() {
    SidCipher cipher = new SidCipher(77);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) {
      SidCipher other = new SidCipher(random.nextLong());
      long high = cipher.high(random.nextLong(1_000_000));
      assertEquals(-1, cipher.seq(high, other.low(high)), "seed " + i);
      long theirs = other.high(random.nextLong(1_000_000));
      assertEquals(-1, cipher.seq(theirs, other.low(theirs)), "their own sid " + i);
    }
  }
}

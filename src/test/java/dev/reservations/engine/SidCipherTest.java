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
}

package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SidCipherTest {
  @Test
  void seq_ofEverySid_mapsBack() {
    SidCipher cipher = new SidCipher(77);
    Set<Long> lows = new HashSet<>();
    for (int row = 0; row < 100_000; row++) {
      long low = cipher.low(row);
      lows.add(low);
      assertEquals(row, cipher.seq(cipher.high(low), low));
    }
    assertEquals(100_000, lows.size());
    long far = Long.MAX_VALUE - 7;
    assertEquals(far, cipher.seq(cipher.high(cipher.low(far)), cipher.low(far)));
  }

  @Test
  void seq_foreignSid_isMinusOne() {
    SidCipher cipher = new SidCipher(77);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      assertEquals(-1, cipher.seq(random.nextLong(), random.nextLong()));
    }
    SidCipher other = new SidCipher(78);
    assertEquals(-1, cipher.seq(other.high(other.low(5)), other.low(5)));
    assertNotEquals(cipher.low(5), other.low(5));
  }
}

package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SidCipherTest {
  @Test
  void row_ofEverySid_mapsBack() {
    SidCipher cipher = new SidCipher(77);
    Set<Long> lows = new HashSet<>();
    for (int row = 0; row < 100_000; row++) {
      long low = cipher.low(row);
      lows.add(low);
      assertEquals(row, cipher.row(cipher.high(low), low));
    }
    assertEquals(100_000, lows.size());
    assertEquals(
        Integer.MAX_VALUE,
        cipher.row(cipher.high(cipher.low(Integer.MAX_VALUE)), cipher.low(Integer.MAX_VALUE)));
  }

  @Test
  void row_foreignSid_isMinusOne() {
    SidCipher cipher = new SidCipher(77);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      assertEquals(-1, cipher.row(random.nextLong(), random.nextLong()));
    }
    SidCipher other = new SidCipher(78);
    assertEquals(-1, cipher.row(other.high(other.low(5)), other.low(5)));
    assertNotEquals(cipher.low(5), other.low(5));
  }
}

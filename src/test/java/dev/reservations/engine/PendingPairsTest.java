package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pending-pair set against a {@code HashSet}, through growth and backward-shift deletes. */
class PendingPairsTest {
  @Test
  void randomAddsAndRemoves_agreeWithAHashSet() {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      PendingPairs pairs = new PendingPairs();
      Set<Long> model = new HashSet<>();
      List<long[]> present = new ArrayList<>();
      int range = 8 + random.nextInt(300);
      for (int step = 0; step < 20_000; step++) {
        int task = random.nextInt(range);
        int worker = random.nextInt(range);
        long key = (long) task << 32 | worker;
        if (random.nextInt(3) > 0 && !model.contains(key)) {
          pairs.add(task, worker);
          model.add(key);
          present.add(new long[] {task, worker});
        } else if (!present.isEmpty()) {
          long[] gone = present.remove(random.nextInt(present.size()));
          pairs.remove((int) gone[0], (int) gone[1]);
          model.remove(gone[0] << 32 | gone[1]);
        }
        assertEquals(
            model.contains(key), pairs.contains(task, worker), "seed " + seed + " step " + step);
        assertEquals(model.size(), pairs.size());
      }
      for (int task = 0; task < range; task++) {
        for (int worker = 0; worker < range; worker += 7) {
          assertEquals(
              model.contains((long) task << 32 | worker),
              pairs.contains(task, worker),
              "seed " + seed + " task " + task + " worker " + worker);
        }
      }
    }
  }
}

package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeadlineQueueTest {
  private final ReservationTable table = new ReservationTable(new SidCipher(1));
  private final DeadlineQueue queue = new DeadlineQueue(table, 100);

  private int row(long created) {
    return table.add(0, 0, "w", 0, created);
  }

  @Test
  void poll_mixesRingAndHeap_inDeadlineOrderThenListOrder() {
    int a = row(0);
    queue.add(a, 100);
    int b = row(10);
    queue.add(b, 50);
    int c = row(10);
    queue.add(c, 90);
    int d = row(20);
    queue.add(d, 100);
    assertFalse(queue.anyDue(59));
    assertTrue(queue.anyDue(60));
    DeadlineQueue.Due due = queue.poll(100);
    int first = table.compare(a, c) < 0 ? a : c;
    int second = first == a ? c : a;
    assertArrayEquals(new int[] {b, first, second}, due.rows());
    assertArrayEquals(new long[] {60, 100, 100}, due.deadlines());
    assertFalse(queue.anyDue(119));
    assertArrayEquals(new int[] {d}, EngineInvariants.pendingRows(queue));
  }

  @Test
  void poll_skipsRowsThatLeftPending() {
    int a = row(0);
    queue.add(a, 100);
    int b = row(0);
    queue.add(b, 10);
    table.update(a, 1, 5);
    table.update(b, 2, 5);
    assertEquals(0, EngineInvariants.pendingRows(queue).length);
    assertTrue(queue.anyDue(100));
    assertEquals(0, queue.poll(100).rows().length);
    assertFalse(queue.anyDue(Long.MAX_VALUE));
  }

  @Test
  void add_manyRows_ringAndHeapGrow() {
    for (int i = 0; i < 1000; i++) {
      queue.add(row(i), i % 2 == 0 ? 100 : 1 + (1000 - i));
    }
    DeadlineQueue.Due due = queue.poll(Long.MAX_VALUE);
    assertEquals(1000, due.rows().length);
    for (int i = 1; i < due.deadlines().length; i++) {
      assertTrue(due.deadlines()[i - 1] <= due.deadlines()[i]);
    }
  }

  /**
   * An entry 2³² sequence numbers or more past the ring's last one (as if billions of reservations
   * with their own timeouts had been made between them; the test moves the ring's last number back
   * instead) goes to the heap with its default deadline, and ensureRoom grows the heap for it; the
   * ring takes the next close one, and poll gives all three in deadline order.
   */
  @Test
  void add_seqTooFarPastTheRingsLast_goesToTheHeapWithTheSameDeadline() {
    int a = row(0);
    queue.add(a, 100);
    for (int i = 0; i < 16; i++) {
      queue.add(row(1), 1_000 + i);
    }
    assertEquals(16, queue.heapSeq.length);
    queue.tailSeq = table.nextSeq - DeadlineQueue.RING_GAP;
    queue.ensureRoom(100);
    assertEquals(32, queue.heapSeq.length);
    int b = row(5);
    queue.add(b, 100);
    assertEquals(1, queue.count);
    assertEquals(17, queue.heapSize);
    queue.tailSeq = table.seq(a);
    int c = row(7);
    queue.add(c, 100);
    assertEquals(2, queue.count);
    DeadlineQueue.Due due = queue.poll(200);
    assertArrayEquals(new int[] {a, b, c}, due.rows());
    assertArrayEquals(new long[] {100, 105, 107}, due.deadlines());
  }

  /** The ring's numbers are read back from their low 32 bits across every carry. */
  @Test
  void next_lowBits_giveTheLeastNumberAfter() {
    assertEquals(5, DeadlineQueue.next(5, 5));
    assertEquals(6, DeadlineQueue.next(5, 6));
    assertEquals(0x1_0000_0001L, DeadlineQueue.next(0xFFFF_FFFEL, 1));
    assertEquals(0x1_FFFF_FFFFL, DeadlineQueue.next(0x1_0000_0000L, -1));
    assertEquals(0x7_0000_0000L + 4, DeadlineQueue.next(0x6_FFFF_FFF0L, 4));
    assertEquals(
        0x6_FFFF_FFF0L + DeadlineQueue.RING_GAP - 1,
        DeadlineQueue.next(0x6_FFFF_FFF0L, (int) (0x6_FFFF_FFF0L - 1)));
  }

  @Test
  void deadline_overflow_saturates() {
    assertEquals(Long.MAX_VALUE, DeadlineQueue.deadline(Long.MAX_VALUE - 5, 10));
  }
}

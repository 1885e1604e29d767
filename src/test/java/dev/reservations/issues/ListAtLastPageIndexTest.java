package dev.reservations.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import org.junit.jupiter.api.Test;

/**
 * Found by a hostile probe: {@code list} at {@code Page=2147483647} threw {@code page must be 0 or
 * more: -2147483648}, since {@code page + 1} overflowed while the next link was built. The next
 * page's index is now capped at {@code Integer.MAX_VALUE}.
 */
class ListAtLastPageIndexTest {
  @Test
  void list_pageAtIntMax_linksANextPageAtIntMax() {
    WorkspaceSid ws = new WorkspaceSid(0, 1);
    TaskSid task = new TaskSid(0, 1);
    ReservationEngine engine = ReservationEngine.builder().seed(4).build();
    Reservation first = engine.reserve(ws, task, new WorkerSid(0, 1), "Ann");
    Reservation second = engine.reserve(ws, task, new WorkerSid(0, 2), "Bob");

    Page<Reservation> page =
        engine.list(ReservationQuery.forTask(ws, task).withPageSize(1).withPage(Integer.MAX_VALUE));

    assertEquals(first.sid(), page.items().get(0).sid());
    ReservationQuery next = page.nextPage().orElseThrow();
    assertEquals(Integer.MAX_VALUE, next.page());
    Page<Reservation> last = engine.list(next);
    assertEquals(second.sid(), last.items().get(0).sid());
    assertEquals(Integer.MAX_VALUE - 1, last.previousPage().orElseThrow().page());
  }
}

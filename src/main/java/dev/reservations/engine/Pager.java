package dev.reservations.engine;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.List;
import java.util.Objects;

/**
 * Builds the pages of list queries: resolves the query to a {@link ListKey} once, decodes its
 * token, reads one more row than the page size from the key's index to know whether a next page
 * exists, and links the pages around it with new tokens.
 *
 * <p>Layout: one scratch array of row numbers, {@code MAX_PAGE_SIZE + 1} long, reused by every
 * call; guarded by the engine's lock. O(log n + page size) per page; allocates the page and its
 * items and nothing per skipped row.
 */
final class Pager {
  private final ReservationTable table;
  private final KeyTable<WorkspaceSid> workspaces;
  private final KeyTable<TaskSid> tasks;
  private final KeyTable<WorkerSid> workers;
  private final PageCursor cursors;
  private final RowReader reader;
  private final int[] scratch = new int[ReservationQuery.MAX_PAGE_SIZE + 1];

  Pager(
      ReservationTable table,
      KeyTable<WorkspaceSid> workspaces,
      KeyTable<TaskSid> tasks,
      KeyTable<WorkerSid> workers,
      PageCursor cursors,
      RowReader reader) {
    this.table = table;
    this.workspaces = workspaces;
    this.tasks = tasks;
    this.workers = workers;
    this.cursors = cursors;
    this.reader = reader;
  }

  /** The index that holds a query's list. */
  KeyIndex indexOf(ReservationQuery query) {
    return Objects.requireNonNull(query.isTaskList() ? tasks.rows : workers.rows);
  }

  /**
   * The ids of a query's list, or {@link ListKey#empty()} when it is empty for sure. A task's
   * workspace is not checked here but on the rows found (all of a task's rows share its workspace),
   * which saves a cache miss per query; see {@link #inWorkspace}.
   */
  ListKey resolve(ReservationQuery query) {
    WorkspaceSid ws = query.workspaceSid();
    int workspace = workspaces.find(ws.high(), ws.low());
    if (workspace < 0) {
      return ListKey.empty();
    }
    ReservationStatus filter = query.status().orElse(null);
    int status = filter == null ? -1 : filter.ordinal();
    WorkerSid workerSid = query.workerSid().orElse(null);
    if (!query.isTaskList()) {
      int worker = workerSid == null ? -1 : workers.find(workerSid.high(), workerSid.low());
      return worker >= 0 && workers.workspace(worker) == workspace
          ? new ListKey(workspace, worker, status, -1)
          : ListKey.empty();
    }
    TaskSid taskSid = query.taskSid().orElseThrow();
    int task = tasks.find(taskSid.high(), taskSid.low());
    int worker = -1;
    if (task >= 0 && workerSid != null) {
      worker = workers.find(workerSid.high(), workerSid.low());
      if (worker < 0) {
        return ListKey.empty();
      }
    }
    return task < 0 ? ListKey.empty() : new ListKey(workspace, task, status, worker);
  }

  /** Whether a row found for a list lies in the list's workspace. */
  boolean inWorkspace(ListKey list, int row) {
    return list.workspace() == workers.workspace(table.worker(row));
  }

  /** How many reservations a query's list holds; its page size, page and token do not count. */
  int count(ReservationQuery query) {
    ListKey list = resolve(query);
    if (list.key() < 0 || (query.isTaskList() && tasks.workspace(list.key()) != list.workspace())) {
      return 0;
    }
    return indexOf(query).count(list);
  }

  /**
   * Visits a query's whole list in chunks of the scratch array, each next chunk read after the last
   * row of the one before, so that a visitor's nested read can reuse the scratch array.
   */
  int scan(ReservationQuery query, ReservationVisitor visitor, ReservationCursor cursor) {
    KeyIndex index = indexOf(query);
    ListKey list = resolve(query);
    if (list.key() < 0) {
      return 0;
    }
    int[] rows = new int[Math.max(1, Math.min(scratch.length, index.size(list.key())))];
    int visited = 0;
    PageCursor.Boundary from = null;
    while (true) {
      int n = index.read(list, from, rows.length, rows);
      if (n > 0 && query.isTaskList() && from == null && !inWorkspace(list, rows[0])) {
        return 0;
      }
      for (int i = 0; i < n; i++) {
        cursor.moveTo(rows[i]);
        try {
          visitor.visit(cursor);
        } finally {
          cursor.moveTo(-1);
        }
      }
      visited += n;
      if (n < rows.length) {
        return visited;
      }
      from = boundaryOf(rows[n - 1], true);
    }
  }

  Page<Reservation> page(ReservationQuery query) {
    String tokenText = query.pageToken().orElse(null);
    PageCursor.Boundary token = tokenText == null ? null : cursors.decode(query, tokenText);
    KeyIndex index = indexOf(query);
    ListKey list = resolve(query);
    int size = query.pageSize();
    boolean forward = token == null || token.after();
    int n = index.read(list, token, size + 1, scratch);
    if (n > 0 && query.isTaskList() && !inWorkspace(list, scratch[0])) {
      // a task list under another workspace than the task's
      n = 0;
      list = ListKey.empty();
    }
    int count = Math.min(n, size);
    Reservation[] items = new Reservation[count];
    TaskSid taskSid = query.taskSid().orElse(null);
    for (int i = 0; i < count; i++) {
      items[i] = reader.read(scratch[forward ? i : count - 1 - i], taskSid);
    }
    int first = count == 0 ? -1 : scratch[forward ? 0 : count - 1];
    int last = count == 0 ? -1 : scratch[forward ? count - 1 : 0];

    PageCursor.Boundary nextFrom = null;
    if (forward && n > size) {
      nextFrom = boundaryOf(last, true);
    } else if (!forward && token != null && list.key() >= 0) {
      PageCursor.Boundary after = count > 0 ? boundaryOf(last, true) : token.predecessor(true);
      if (index.read(list, after, 1, scratch) > 0) {
        nextFrom = after;
      }
    }
    PageCursor.Boundary previousFrom = null;
    if (query.page() > 0) {
      if (count > 0) {
        previousFrom = boundaryOf(first, false);
      } else if (token != null) {
        previousFrom = token.after() ? token.successor(false) : token;
      }
    }
    // the next page's index is capped, so that a page at Integer.MAX_VALUE still links onwards
    int nextIndex = query.page() == Integer.MAX_VALUE ? Integer.MAX_VALUE : query.page() + 1;
    ReservationQuery next =
        nextFrom == null
            ? null
            : query.withPage(nextIndex).withPageToken(cursors.encode(query, nextFrom));
    ReservationQuery previous =
        previousFrom == null
            ? null
            : query.withPage(query.page() - 1).withPageToken(cursors.encode(query, previousFrom));
    // List.of copies once; Page.of keeps an immutable list as it is
    return Page.of(query, List.of(items), next, previous);
  }

  private PageCursor.Boundary boundaryOf(int row, boolean after) {
    return new PageCursor.Boundary(
        after, table.created(row), table.sidHigh(row), table.sidLow(row));
  }
}
